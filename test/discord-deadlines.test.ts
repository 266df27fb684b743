import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordHarness, startDiscordHarness } from './support/discord-standin/harness.js';
import { buttonLabelled, visibleText } from './support/discord-standin/index.js';
import { testkit } from './support/discord-standin/testkit.js';

/**
 * Discord drops an interaction that gets no answer within 3 seconds; the stand-in enforces that.
 * The bot's budget is shortened here so a "slow" core needs no long sleeps: what matters is that
 * a core slower than the budget is deferred in time and still delivered.
 */
const BUDGET_MS = 300;
const SLOW_MS = 800;

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness({ extra: [testkit], budgetMs: BUDGET_MS });
});
afterAll(() => h?.close());

const s = () => h.standin;

describe('a core slower than the first-response budget', () => {
  it('defers publicly, then fills in the answer', async () => {
    const rec = s().slash(s().makeUser(), 'testkit', { guildId: h.guildId, subcommand: 'slow', options: { ms: SLOW_MS } });
    const msg = await s().response(rec);
    expect(rec.callbacks).toEqual([5]);
    expect(rec.late).toBe(false);
    expect(msg.ephemeral).toBe(false);
    expect(visibleText(msg)).toBe(`Slow answer after ${SLOW_MS} ms.`);
  });

  it('turns a public "thinking" into a private answer without showing it to the channel', async () => {
    const rec = s().slash(s().makeUser(), 'testkit', {
      guildId: h.guildId,
      subcommand: 'slow',
      options: { ms: SLOW_MS, private: true },
    });
    const msg = await s().waitFor(() => rec.followups[0], 'the private follow-up');
    expect(rec.callbacks).toEqual([5]);
    expect(rec.original?.deleted).toBe(true);
    expect(msg.ephemeral).toBe(true);
    expect(visibleText(msg)).toBe(`Slow answer after ${SLOW_MS} ms.`);
  });

  it('offers a button that opens the form when the form came too late for a modal', async () => {
    const gus = s().makeUser('gus');
    const rec = s().slash(gus, 'testkit', { guildId: h.guildId, subcommand: 'slow', options: { ms: SLOW_MS, form: true } });
    const msg = await s().waitFor(() => rec.followups[0], 'the form button');
    expect(rec.callbacks).toEqual([5]);
    expect(msg.ephemeral).toBe(true);
    const open = s().click(gus, msg, buttonLabelled(msg, 'Open: Your note').customId);
    await s().waitFor(() => open.modal, 'the modal');
    expect(open.callbacks).toEqual([9]);
    expect(open.modal?.title).toBe('Your note (step 1 of 2)');
    const done = await s().response(s().submit(gus, open, { title: 'Late form' }));
    expect(visibleText(done)).toMatch(/Saved "Late form"/);
  });

  it('does not open someone else’s form', async () => {
    const owner = s().makeUser('owner');
    const rec = s().slash(owner, 'testkit', { guildId: h.guildId, subcommand: 'slow', options: { ms: SLOW_MS, form: true } });
    const msg = await s().waitFor(() => rec.followups[0], 'the form button');
    const other = s().click(s().makeUser('other'), msg, buttonLabelled(msg, 'Open').customId);
    const refusal = await s().response(other);
    expect(other.modal).toBeUndefined();
    expect(refusal.ephemeral).toBe(true);
    expect(visibleText(refusal)).toMatch(/belongs to someone else/);
  });
});

describe('a form button after /forget', () => {
  it('says the form is gone instead of failing', async () => {
    const hal = s().makeUser('hal');
    const rec = s().slash(hal, 'testkit', { guildId: h.guildId, subcommand: 'slow', options: { ms: SLOW_MS, form: true } });
    const msg = await s().waitFor(() => rec.followups[0], 'the form button');
    const asked = await s().response(s().slash(hal, 'forget', { guildId: h.guildId }));
    expect(visibleText(asked)).toMatch(/forms waiting to open/);
    await s().response(s().click(hal, asked, buttonLabelled(asked, 'Delete everything').customId));
    const click = s().click(hal, msg, buttonLabelled(msg, 'Open').customId);
    expect(visibleText(await s().response(click))).toMatch(/no longer available/);
  });
});

afterAll(() => {
  expect([...s().interactions.values()].filter((r) => r.late)).toEqual([]);
  expect(s().rejections).toEqual([]);
});
