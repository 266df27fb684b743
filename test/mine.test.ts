import { describe, expect, it } from 'vitest';
import { forgetAll, uniqueUser, useHarness } from './support/harness.js';

const h = useHarness();

describe("a member's saved things (router.mine, shown on the Slack Home tab)", () => {
  it('lists checks, drills and tracker entries of that member only, and nothing after /forget', async () => {
    const me = uniqueUser();
    const s = h.session(me);
    await s.send('/redflags program "Zebra Falls"');
    await s.send('2');
    await s.send('/interview start behavioral 2');
    await s.send('/tracker add institution:"Quartz Hospital" visa:h1b cap:exempt');
    const base = { platform: 'cli' as const, user: me, conversation: { id: 'c', isDirect: true } };
    const lines = (await h.app.router.mine(base)).flatMap((g) => g.lines).join('\n');
    expect(lines).toMatch(/Check in progress: Zebra Falls \(question 2\)/);
    expect(lines).toMatch(/Drill in progress: behavioral, question 1 of 2/);
    expect(lines).toMatch(/Tracker: 1 program \(Quartz Hospital\)/);

    const other = { ...base, user: uniqueUser() };
    expect(await h.app.router.mine(other)).toEqual([]);

    await forgetAll(s);
    expect(await h.app.router.mine(base)).toEqual([]);
  });
});
