import { describe, expect, it } from 'vitest';
import { uniqueUser, useHarness } from './support/harness.js';
import { answerAll, buttonId, click, command, content, SELF_TOTAL, selfIds, texts } from './support/redflags.js';

const h = useHarness();

const titleOf = (id: string) => content.self.items.find((i) => i.id === id)?.title ?? id;

describe('/redflags self through the terminal', () => {
  it('walks the applicant’s own red flags with a marker and a way to tell', async () => {
    const s = h.session(uniqueUser());
    const first = await s.send('/redflags self');
    expect(first).toMatch(`Your red-flag self-check · 1 of ${SELF_TOTAL}`);
    expect(first).toContain(content.self.items[0]?.question);
    expect(first).toMatch(/How to tell: /);
    expect(await s.send('Skip')).toMatch(`2 of ${SELF_TOTAL}`);
    expect(await s.send('Stop')).toMatch(`Paused at 2 of ${SELF_TOTAL}. Pick up where you left off with /redflags self`);
    expect(await s.send('/redflags self')).toMatch(`question 2 of ${SELF_TOTAL}, 0 answered`);
  });

  it('explains each flag: the worry, the framework, the evidence and the draft command', async () => {
    const s = h.session(uniqueUser());
    await s.send('/redflags self');
    const flagged = new Set(['gap', 'exam-failure']);
    const report = await answerAll(s, selfIds, (id) => (flagged.has(id) ? 'yes' : 'no'));
    expect(report).toMatch(/Overall: Red flags you can address/);
    expect(report).toContain(`${titleOf('gap')} (major)`);
    expect(report).toMatch(/What programs worry about: that your clinical skills have faded/);
    expect(report).toMatch(/How to address it, with the 4R framework:\n- Reason/);
    expect(report).toMatch(/How to address it, with the 3-layer explanation:\n- Context/);
    expect(report).toMatch(/Evidence that reassures:/);
    expect(report).toMatch(/Start a draft: \/draft gap/);
    expect(report).toMatch(/Start a draft: \/draft failure/);
    expect(report).not.toMatch(/\/draft disclosure/);
    expect(report).not.toContain(titleOf('disciplinary'));
  });

  it('handles a disciplinary flag as serious and points to the disclosure draft', async () => {
    const s = h.session(uniqueUser());
    await s.send('/redflags self');
    const report = await answerAll(s, selfIds, (id) => (id === 'disciplinary' ? 'yes' : id === 'gap' ? 'unsure' : 'no'));
    expect(report).toMatch(/Overall: A serious red flag to handle with care/);
    expect(report).toMatch(/Start a draft: \/draft disclosure/);
    expect(report).toMatch(new RegExp(`Still open: how to tell\\n- ${titleOf('gap')} \\(not sure\\): Lay out your CV`));
  });

  it('says so when nothing applies, and offers the last result or a new check next time', async () => {
    const s = h.session(uniqueUser());
    await s.send('/redflags self');
    expect(await answerAll(s, selfIds, () => 'no')).toMatch(/Overall: No red flags\./);
    const next = await s.send('/redflags self');
    expect(next).toMatch(/You finished your self-check on \d{4}-\d{2}-\d{2}: No red flags/);
    expect(await s.send('Show result')).toMatch(/Your red-flag self-check \(/);
    await s.send('/redflags self');
    expect(await s.send('Take it again')).toMatch(`self-check · 1 of ${SELF_TOTAL}`);
    expect(await s.send('/redflags list')).toMatch(`Your self-check: in progress, question 1 of ${SELF_TOTAL}`);
  });

  it('refuses someone else’s click, and a replaced self-check’s buttons go stale', async () => {
    const owner = uniqueUser();
    const started = await command(h, owner, '/redflags self');
    const foreign = await click(h, uniqueUser('other'), buttonId(started, 'Yes'));
    expect(texts(foreign)).toMatch(/someone else's session/);
    const offer = await command(h, owner, '/redflags self');
    expect(texts(offer)).toMatch(/0 answered/);
    await click(h, owner, buttonId(offer, 'Start over'));
    expect(texts(await click(h, owner, buttonId(started, 'Yes')))).toMatch(/self-check has expired or was replaced/);
  });
});
