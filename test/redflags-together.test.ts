import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app/app.js';
import { programProgressRecord } from '../src/features/redflags/records.js';
import { type DiscordHarness, startDiscordHarness, startTwoBots, type TwoBots } from './support/discord-standin/harness.js';
import {
  buttonLabelled,
  type DiscordStandin,
  type StandinMessage,
  type StandinUser,
  visibleText,
} from './support/discord-standin/index.js';
import { REDIS_URL, uniqueUser } from './support/harness.js';
import { PROGRAM_TOTAL, programIds } from './support/redflags.js';
import { type SlackUnderTest, startSlackHttp } from './support/slack-standin/app.js';
import { clickPayload, slashPayload } from './support/slack-standin/requests.js';
import { postCommand, postInteraction } from './support/slack-standin/signed.js';
import { type Json, SlackStandin } from './support/slack-standin/standin.js';

/**
 * Issue 11: one member with two program checks open clicks an answer on both at once. Both
 * answers must be kept (they live in one record of the member's checks). Through the real
 * discord.js client and the real Bolt app, on SQLite and on two app instances sharing one Redis,
 * where each click lands on a different instance.
 */

const ROUNDS = 5;
const A = 'Mercy General';
const B = 'Lakeside Medical';

/** What the store holds for the member's two checks: answers by item, and where each stands. */
async function stored(app: Pick<App, 'store'>, owner: { platform: string; user: string }) {
  const progress = await app.store.get(programProgressRecord, owner);
  const byName = (name: string) => Object.values(progress?.sessions ?? {}).find((s) => s.name === name);
  return { a: byName(A), b: byName(B) };
}

/** After ROUNDS rounds: every "Yes" on A and every "No" on B is there. */
function expectBoth(found: Awaited<ReturnType<typeof stored>>) {
  const first = programIds.slice(0, ROUNDS);
  expect(found.a?.answers).toEqual(Object.fromEntries(first.map((id) => [id, 'yes'])));
  expect(found.b?.answers).toEqual(Object.fromEntries(first.map((id) => [id, 'no'])));
  expect([found.a?.index, found.b?.index]).toEqual([ROUNDS, ROUNDS]);
}

// ---------------------------------------------------------------------------------- Discord

/** Opens both checks (in `guilds[0]` and `guilds[1]`), then clicks Yes on A and No on B together, ROUNDS times. */
async function clickBothOnDiscord(standin: DiscordStandin, user: StandinUser, guilds: [string, string]) {
  const open = async (name: string, guildId: string) =>
    standin.response(standin.slash(user, 'redflags', { guildId, subcommand: 'program', options: { name } }));
  const cards: StandinMessage[] = [await open(A, guilds[0]), await open(B, guilds[1])];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const card of cards) expect(visibleText(card)).toContain(`· ${round} of ${PROGRAM_TOTAL}`);
    // Both clicks are sent before either is answered.
    const clicks = [
      standin.click(user, cards[0] as StandinMessage, buttonLabelled(cards[0], 'Yes').customId),
      standin.click(user, cards[1] as StandinMessage, buttonLabelled(cards[1], 'No').customId),
    ];
    await Promise.all(clicks.map((c) => standin.waitFor(() => c.acknowledged, 'the click')));
    const next = `· ${round + 1} of ${PROGRAM_TOTAL}`;
    await Promise.all(
      cards.map((card) => standin.waitFor(() => visibleText(card).includes(next), `both cards at question ${round + 1}`)),
    );
  }
  expect(standin.rejections).toEqual([]);
}

describe('two open questionnaires clicked together, on Discord', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness();
  });
  afterAll(() => h?.close());

  it('keeps both answers every time (SQLite, one bot)', async () => {
    const user = h.standin.makeUser('twice');
    await clickBothOnDiscord(h.standin, user, [h.guildId, h.guildId]);
    expectBoth(await stored(h.app, { platform: 'discord', user: user.id }));
    const mercy = await h.standin.response(
      h.standin.slash(user, 'redflags', { guildId: h.guildId, subcommand: 'program', options: { name: A } }),
    );
    expect(visibleText(mercy)).toMatch(`question ${ROUNDS + 1} of ${PROGRAM_TOTAL}, ${ROUNDS} answered`);
  });
});

describe('two open questionnaires clicked together, on two Discord shards sharing one Redis', () => {
  let two: TwoBots;
  beforeAll(async () => {
    two = await startTwoBots(REDIS_URL);
  });
  afterAll(() => two?.close());

  it('keeps both answers every time, each click handled by a different instance', async () => {
    const user = two.standin.makeUser('sharded');
    await clickBothOnDiscord(two.standin, user, two.guilds);
    // Each guild's events went to its own shard: both instances did the work.
    expect(two.standin.identifies.map((i) => i.shard[0]).sort()).toEqual([0, 1]);
    const owner = { platform: 'discord', user: user.id };
    expectBoth(await stored(two.apps[0] as App, owner));
    expectBoth(await stored(two.apps[1] as App, owner));
  });
});

// ------------------------------------------------------------------------------------ Slack

const slackMember = () =>
  `U${uniqueUser()
    .id.replace(/[^a-z0-9]/gi, '')
    .toUpperCase()
    .slice(-12)}`;

interface SlackButton {
  label: string;
  action_id: string;
  value: string;
}

function buttonsOf(blocks: Json[]): SlackButton[] {
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as Json[])
    .filter((e) => e.type === 'button')
    .map((e) => ({ label: e.text?.text, action_id: e.action_id, value: e.value }));
}

const textOf = (blocks: Json[] | undefined) => JSON.stringify(blocks ?? []).replace(/\\n/g, '\n');

/** `/redflags program <name>` as Slack sends it, to one app; returns the card's blocks. */
async function slashOnSlack(standin: SlackStandin, app: SlackUnderTest, user: string, text: string): Promise<Json[]> {
  const { fields, responseId } = slashPayload(standin, '/redflags', text, user);
  expect((await postCommand(app.events, fields)).status).toBe(200);
  return (await standin.waitForResponse(responseId)).body.blocks as Json[];
}

/** A click as Slack sends it on an ephemeral card; returns the blocks that replace the card. */
async function clickOnSlack(standin: SlackStandin, app: SlackUnderTest, user: string, button: SlackButton): Promise<Json[]> {
  const element = {
    type: 'button',
    action_id: button.action_id,
    value: button.value,
    text: { type: 'plain_text', text: button.label },
  };
  const { payload, responseId: id } = clickPayload(standin, user, element, { ephemeral: true });
  expect((await postInteraction(app.events, payload)).status).toBe(200);
  const answer = await standin.waitForResponse(id);
  expect(answer.body.replace_original).toBe(true);
  return answer.body.blocks as Json[];
}

/** Both checks opened, then ROUNDS rounds of Yes on A (to `apps[0]`) and No on B (to `apps[1]`) sent together. */
async function clickBothOnSlack(standin: SlackStandin, apps: [SlackUnderTest, SlackUnderTest], user: string) {
  let cards = [
    await slashOnSlack(standin, apps[0], user, `program ${A}`),
    await slashOnSlack(standin, apps[1], user, `program ${B}`),
  ];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const card of cards) expect(textOf(card)).toContain(`· ${round} of ${PROGRAM_TOTAL}`);
    const pick = (card: Json[], label: string) => buttonsOf(card).find((b) => b.label === label) as SlackButton;
    cards = await Promise.all([
      clickOnSlack(standin, apps[0], user, pick(cards[0] ?? [], 'Yes')),
      clickOnSlack(standin, apps[1], user, pick(cards[1] ?? [], 'No')),
    ]);
  }
  for (const card of cards) expect(textOf(card)).toContain(`· ${ROUNDS + 1} of ${PROGRAM_TOTAL}`);
}

describe('two open questionnaires clicked together, on Slack over signed HTTP', () => {
  let standin: SlackStandin;
  let one: SlackUnderTest;
  let redis: [SlackUnderTest, SlackUnderTest];
  beforeAll(async () => {
    standin = await new SlackStandin().start();
    one = await startSlackHttp({ standin });
    redis = [await startSlackHttp({ standin, env: { REDIS_URL } }), await startSlackHttp({ standin, env: { REDIS_URL } })];
  });
  afterAll(async () => {
    for (const app of [one, ...(redis ?? [])]) await app?.stop();
    await standin?.stop();
  });

  it('keeps both answers every time (SQLite, one app)', async () => {
    const user = slackMember();
    await clickBothOnSlack(standin, [one, one], user);
    expectBoth(await stored(one.core, { platform: 'slack', user }));
    const mercy = await slashOnSlack(standin, one, user, `program ${A}`);
    expect(textOf(mercy)).toMatch(`question ${ROUNDS + 1} of ${PROGRAM_TOTAL}, ${ROUNDS} answered`);
  });

  it('keeps both answers every time on two app instances sharing one Redis', async () => {
    const user = slackMember();
    await clickBothOnSlack(standin, redis, user);
    expectBoth(await stored(redis[0].core, { platform: 'slack', user }));
    expectBoth(await stored(redis[1].core, { platform: 'slack', user }));
  });
});
