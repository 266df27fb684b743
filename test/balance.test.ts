import { describe, expect, it } from 'vitest';
import { actionId } from '../src/core/action-id.js';
import type { User } from '../src/core/types.js';
import { uniqueUser, useHarness } from './support/harness.js';

const h = useHarness();

const base = (u: User) => ({ platform: 'cli' as const, user: u, conversation: { id: `cli-${u.id}`, isDirect: true } });

describe('/balance specialties', () => {
  it('lists every base specialty in a compact table when given none', async () => {
    const out = await h.session(uniqueUser()).send('/balance specialties');
    for (const name of [
      'Internal Medicine',
      'Pediatrics',
      'Family Medicine',
      'Pathology',
      'Psychiatry',
      'Emergency Medicine',
      'Anesthesiology',
      'Neurology',
      'Radiology',
    ]) {
      expect(out).toContain(name);
    }
    expect(out).toMatch(
      /Anesthesiology, Neurology, Radiology: the guides name them as feeders but do not describe the lifestyle/,
    );
    expect(out).toMatch(/Sources: .*Which residency specialties lead to clinical informatics\?/);
  });

  it('compares specialties side by side from common abbreviations', async () => {
    const out = await h.session(uniqueUser()).send('/balance specialties IM peds EM');
    expect(out).toMatch(/Internal Medicine vs Pediatrics vs Emergency Medicine/);
    expect(out).toMatch(/Internal Medicine: Pros: .*broadest route/);
    expect(out).toMatch(/Cons: .*night float/);
    expect(out).toMatch(/Emergency Medicine: Pros: .*Shift-based[\s\S]*Cons: Nights, weekends and holidays/);
    expect(out).toMatch(/Into informatics: .*6-8 clinical shifts a month/);
    expect(out).not.toMatch(/Pathology/);
  });

  it('understands the other abbreviations and multi-word names', async () => {
    const s = h.session(uniqueUser());
    expect(await s.send('/balance specialties FM psych path')).toMatch(/Family Medicine vs Psychiatry vs Pathology/);
    expect(await s.send('/balance specialties "family medicine", emergency medicine')).toMatch(
      /Family Medicine vs Emergency Medicine/,
    );
    expect(await s.send('/balance specialties radiology')).toMatch(/Pros and cons: not described in our guides/);
  });

  it('names an unknown specialty and lists the known ones', async () => {
    const out = await h.session(uniqueUser()).send('/balance specialties IM dermatology');
    expect(out).toMatch(/I don't know "dermatology" as a specialty/);
    expect(out).toMatch(
      /Known ones: Internal Medicine \(IM, internal med\); Pediatrics \(peds, paeds\);.*Emergency Medicine \(EM, ER\)/,
    );
    expect(out).not.toMatch(/Internal Medicine vs/);
  });
});

describe('/balance stage', () => {
  it('shows the week at each stage and how each visa path shapes the choices', async () => {
    const out = await h.session(uniqueUser()).send('/balance stage');
    expect(out).toMatch(/Up to 80 a week under the ACGME limit, averaged over four weeks/);
    expect(out).toMatch(/45-55 a week, peaking around go-lives/);
    expect(out).toMatch(
      /Hybrid clinical and informatics[\s\S]*Full-time informatics leadership[\s\S]*Industry[\s\S]*Academic research/,
    );
    expect(out).toMatch(
      /J-1\n- The most common residency visa[\s\S]*waiver, for example three years of service in an underserved U\.S\. area/,
    );
    expect(out).toMatch(/H-1B\n/);
    expect(out).toMatch(/O-1 or green card/);
    expect(out).toMatch(/immigration attorney/);
  });

  it('narrows to one stage and one visa path', async () => {
    const out = await h.session(uniqueUser()).send('/balance stage fellowship h1b');
    expect(out).toMatch(/Clinical informatics fellowship/);
    expect(out).not.toMatch(/Up to 80 a week/);
    expect(out).toMatch(/H-1B\n/);
    expect(out).not.toMatch(/O-1 or green card/);
  });
});

describe('/balance check', () => {
  it('takes five ratings in a form and returns the weakest areas with strategies, privately', async () => {
    const u = uniqueUser();
    const s = h.session(u);
    expect(await s.send('/balance check')).toMatch(/Time: hours, nights, call \(1-5\)/);
    for (const r of ['4', '2', '1', '4']) await s.send(r);
    const out = await s.send('5');
    expect(out).toMatch(/Time 4\/5 · Energy 2\/5 · Control 1\/5 · Growth 4\/5 · Well-being 5\/5/);
    expect(out).toMatch(/Weakest: Control \(1\/5\), Energy \(2\/5\)/);
    expect(out).toMatch(/Keep a weekly planning ritual/);
    expect(out).toMatch(/Run a proactive immigration timeline/);
    expect(out).toMatch(/Use mental health resources/);
    expect(out).not.toMatch(/Build a peer network/);
    const replies = await h.app.router.handle({
      ...base(u),
      kind: 'command',
      command: 'balance',
      text: 'check time:3 energy:3 control:3 growth:3 wellbeing:2',
    });
    expect(replies.every((r) => r.visibility === 'private')).toBe(true);
  });

  it('points a low well-being score to mental health resources and a peer network, and notes a healthy result', async () => {
    const s = h.session(uniqueUser());
    const low = await s.send('/balance check time:4 energy:4 control:4 growth:4 wellbeing:1');
    expect(low).toMatch(/Weakest: Well-being \(1\/5\)/);
    expect(low).toMatch(/Use mental health resources[\s\S]*Build a peer network/);
    const good = await s.send('/balance check time:5 energy:4 control:5 growth:5 wellbeing:5');
    expect(good).toMatch(/Nothing stands out as weak\. Your lowest: Energy \(4\/5\)/);
  });

  it('names a bad rating and reopens the form with the valid ones kept', async () => {
    const s = h.session(uniqueUser());
    await s.send('/balance check');
    for (const r of ['2', 'x', '3', '4']) await s.send(r);
    const bad = await s.send('0');
    expect(bad).toMatch(/- Energy: use a whole number from 1 \(struggling\) to 5 \(going well\); you wrote "x"/);
    expect(bad).toMatch(/- Well-being: use a whole number/);
    expect(await s.send('1')).toMatch(/Time: hours, nights, call \(1-5\) \[2\]/);
    await s.send('');
    await s.send('3');
    await s.send('');
    await s.send('');
    expect(await s.send('3')).toMatch(/Time 2\/5 · Energy 3\/5 · Control 3\/5 · Growth 4\/5 · Well-being 3\/5/);
  });

  it('refuses a rating out of range on the command line, naming the option', async () => {
    expect(await h.session(uniqueUser()).send('/balance check time:7')).toMatch(/`?time`? must be a whole number from 1 to 5/);
  });

  it("does not let another member use someone's retry button", async () => {
    const owner = uniqueUser('owner');
    const other = uniqueUser('other');
    const replies = await h.app.router.handle({
      ...base(other),
      kind: 'action',
      actionId: actionId('balance', owner.id, 'retry', '1', '2', '3', '4', '5'),
    });
    expect(replies.map((r) => r.fallbackText).join()).toMatch(/belongs to someone else's session/);
  });
});
