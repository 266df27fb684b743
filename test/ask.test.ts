import { describe, expect, it } from 'vitest';
import { uniqueUser, useHarness } from './support/harness.js';

const h = useHarness();

describe('/ask and /visa through the terminal', () => {
  it('answers a visa question with its sources and the attorney reminder', async () => {
    const out = await h.session(uniqueUser()).send('/visa what does cap exempt mean');
    expect(out).toMatch(/cap-exempt/i);
    expect(out).toMatch(/Sources: .*H-1B sponsorship/);
    expect(out).toMatch(/immigration attorney/);
  });

  it('declines what the guide does not cover and suggests topics', async () => {
    const out = await h.session(uniqueUser()).send('/ask best restaurant in boston');
    expect(out).toMatch(/does not cover/);
    expect(out).not.toMatch(/Sources:/);
  });

  it('lists visa topics when /visa has no question', async () => {
    const out = await h.session(uniqueUser()).send('/visa');
    expect(out).toMatch(/Visa topics in the guide/);
    expect(out).toMatch(/J-1/);
  });

  it('explains an over-long question instead of failing', async () => {
    const out = await h.session(uniqueUser()).send(`/ask ${'why '.repeat(300)}`);
    expect(out).toMatch(/`?question`? is too long: at most 1,000 characters/);
  });

  it('asks for a question when /ask is empty', async () => {
    const out = await h.session(uniqueUser()).send('/ask');
    expect(out).toMatch(/Ask me a question/);
  });

  it('treats a plain line with no flow in progress as a question', async () => {
    const out = await h.session(uniqueUser()).send('how long is the clinical informatics fellowship');
    expect(out).toMatch(/two years|2 years|2-year|two-year/i);
  });
});
