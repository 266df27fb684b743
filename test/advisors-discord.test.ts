import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateServerSettings } from '../src/core/server-settings.js';
import { type DiscordHarness, startDiscordHarness } from './support/discord-standin/harness.js';
import {
  buttonLabelled,
  componentsOf,
  type InteractionRecord,
  modalInputs,
  visibleText,
} from './support/discord-standin/index.js';
import { runScript } from './support/script.js';

/**
 * Advisors in the loop through the real discord.js client against the stand-in: thumbs on an
 * answer, a hand-off to the advisor channel and the advisor's answer back to the member alone.
 */
let h: DiscordHarness;
let advisorChannel: string;
const ROLE = '900000000000000001';

beforeAll(async () => {
  h = await startDiscordHarness();
  advisorChannel = h.standin.places.addChannel(h.guildId, 'text', 'advisors');
  await updateServerSettings(h.app.store, 'discord', h.guildId, (s) => ({ ...s, advisorChannel, advisorRole: ROLE }));
});
afterAll(() => h?.close());

const s = () => h.standin;
/** The private answer to a click: a new ephemeral message, or the clicked one replaced privately. */
const privately = (rec: InteractionRecord) =>
  s().waitFor(() => [rec.original, ...rec.followups].find((m) => m?.ephemeral && !m.loading), 'a private reply');

async function feedback(section: string) {
  const r = await runScript(h.app, ['report', '--json']);
  const rows = JSON.parse(r.stdout).report.feedback as {
    section: string;
    up: number;
    down: number;
    reasons: Record<string, number>;
  }[];
  return rows.find((f) => f.section === section) ?? { section, up: 0, down: 0, reasons: {} };
}

describe('thumbs on an answer', () => {
  it('counts two clicks of 👍 by one member once, and a 👎 with a reason shows in the report', async () => {
    const ana = s().makeUser('ana');
    const answer = await s().response(
      s().slash(ana, 'ask', { guildId: h.guildId, options: { question: 'what does cap exempt mean' } }),
    );
    const up = buttonLabelled(answer, 'Helpful');
    const section = up.customId.split('~').at(-1) ?? '';
    const before = await feedback(section);
    for (let i = 0; i < 2; i++) {
      const click = s().click(ana, answer, up.customId);
      await s().waitFor(() => click.acknowledged, 'the vote');
    }
    // Anyone in the conversation may vote on a public answer; the reason is asked privately.
    const ben = s().makeUser('ben');
    const down = s().click(ben, answer, buttonLabelled(answer, 'Not helpful').customId);
    const ask = await privately(down);
    expect(ask.ephemeral).toBe(true);
    const reason = s().click(ben, ask, buttonLabelled(ask, 'Outdated').customId);
    await s().waitFor(() => reason.acknowledged, 'the reason');
    const after = await feedback(section);
    expect([
      after.up - before.up,
      after.down - before.down,
      (after.reasons.outdated ?? 0) - (before.reasons.outdated ?? 0),
    ]).toEqual([1, 1, 1]);
  });
});

describe('a hand-off to a human advisor', () => {
  it('posts an anonymous card to the advisor channel and brings the advisor’s answer to the member alone', async () => {
    const cy = s().makeUser('cy');
    const declined = await s().response(
      s().slash(cy, 'ask', { guildId: h.guildId, options: { question: 'what is the filing fee for an O-1 visa petition' } }),
    );
    expect(visibleText(declined)).toMatch(/does not cover/);
    const open = s().click(cy, declined, buttonLabelled(declined, 'Ask an advisor').customId);
    await s().waitFor(() => open.modal, 'the question form');
    const question = 'Which fees does a hospital usually cover when it sponsors an O-1 for a fellow?';
    const preview = await s().response(s().submit(cy, open, { [modalInputs(open.modal)[0]?.customId ?? 'question']: question }));
    expect(preview.ephemeral).toBe(true);
    expect(visibleText(preview)).toContain(question);
    const send = s().click(cy, preview, buttonLabelled(preview, 'anonymously').customId);
    await s().waitFor(() => send.acknowledged, 'the send');

    const card = await s().waitFor(
      () => s().places.botMessages(advisorChannel)[0] ?? s().channelMessages(advisorChannel)[0],
      'the card',
    );
    expect(visibleText(card)).toContain(question);
    expect(visibleText(card)).toMatch(/anonymous/);
    expect(JSON.stringify(card)).not.toContain(cy.id);
    expect(visibleText(card)).not.toMatch(/\bcy\b/);

    // Only an advisor may answer; the answer reaches the member's DMs and nobody else's.
    const bystander = s().makeUser('dee');
    const refused = await privately(s().click(bystander, card, buttonLabelled(card, 'Answer').customId));
    expect(refused.ephemeral).toBe(true);
    expect(visibleText(refused)).toMatch(/Only the server’s advisors/);
    const advisor = s().makeUser('eve', { roles: [ROLE] });
    const answering = s().click(advisor, card, buttonLabelled(card, 'Answer').customId);
    await s().waitFor(() => answering.modal, 'the answer form');
    const reply = 'Fees vary: many academic hospitals pay the petition and attorney fees. Ask the GME office.';
    const submitted = s().submit(advisor, answering, { answer: reply, propose: 'no' });
    await s().waitFor(() => submitted.acknowledged, 'the answer');
    const dm = await s().waitFor(() => s().dmMessages(cy)[0], 'the answer in the member’s DMs');
    expect(visibleText(dm)).toContain(reply);
    expect(s().dmMessages(bystander)).toEqual([]);
    const updated = await s().waitFor(
      () =>
        s()
          .channelMessages(advisorChannel)
          .find((m) => /Answered by/.test(visibleText(m))),
      'the card showing it answered',
    );
    expect(componentsOf(updated).map((c) => c.label)).not.toContain('Answer');
  });

  it('refuses /advisor report privately to a member without the advisor role', async () => {
    const msg = await s().response(s().slash(s().makeUser('fay'), 'advisor', { guildId: h.guildId, subcommand: 'report' }));
    expect(msg.ephemeral).toBe(true);
    expect(visibleText(msg)).toMatch(/Only the server’s advisors/);
  });
});
