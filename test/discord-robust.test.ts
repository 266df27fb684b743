import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordHarness, startDiscordHarness } from './support/discord-standin/harness.js';
import { type InteractionRecord, type StandinUser, snowflake, visibleText } from './support/discord-standin/index.js';
import { testkit } from './support/discord-standin/testkit.js';

/**
 * The real discord.js client against the stand-in, fed what Discord might send but the bot never
 * expected: envelopes missing fields discord.js reads (each used to end the process with a
 * TypeError inside discord.js), interaction kinds it does not serve, late interactions, a DM
 * route that answers 429. After each, the bot must still answer the next member.
 */
let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness({ extra: [testkit] });
});
afterAll(() => h?.close());

const s = () => h.standin;
type Json = Record<string, unknown>;

/** The process is alive and serving: a fresh member's /help is answered. */
async function stillServing(): Promise<void> {
  const msg = await s().response(s().slash(s().makeUser('next'), 'help', { guildId: h.guildId }), 'the next /help');
  expect(visibleText(msg)).toMatch(/\/ask/);
}

/** The one private reply an interaction got (there is no other way to answer it). */
async function privateReply(rec: InteractionRecord): Promise<string> {
  const msg = await s().waitFor(() => rec.original, 'a reply');
  expect(rec.callbacks).toEqual([4]);
  expect(msg.ephemeral).toBe(true);
  return visibleText(msg);
}

const command = (name: string, type = 1): Json => ({ id: snowflake(), name, type });
const drop = (key: string) => (e: Json) => {
  delete e[key];
};

describe('malformed interactions', () => {
  const cases: [string, (u: StandinUser) => InteractionRecord][] = [
    [
      'a slash command without entitlements',
      (u) => s().rawInteraction(u, { guildId: h.guildId, type: 2, data: command('help'), mutate: drop('entitlements') }),
    ],
    [
      'a slash command from a member without a user',
      (u) =>
        s().rawInteraction(u, {
          guildId: h.guildId,
          type: 2,
          data: command('help'),
          mutate: (e) => {
            delete (e.member as Json).user;
          },
        }),
    ],
    [
      'a slash command without data',
      (u) => s().rawInteraction(u, { guildId: h.guildId, type: 2, data: {}, mutate: drop('data') }),
    ],
    [
      'a button in a DM without its message',
      (u) => s().rawInteraction(u, { type: 3, data: { component_type: 2, custom_id: `help~${u.id}~x` } }),
    ],
    [
      'a modal submit without entitlements',
      (u) =>
        s().rawInteraction(u, {
          guildId: h.guildId,
          type: 5,
          data: { custom_id: `testkit~${u.id}~note~1`, components: [] },
          mutate: drop('entitlements'),
        }),
    ],
  ];

  it.each(cases)('%s gets a calm private reply, and the bot keeps serving', async (_name, send) => {
    const rec = send(s().makeUser('odd'));
    expect(await privateReply(rec)).toMatch(/could not read that request|not something I can do|no longer works|older version/);
    await stillServing();
  });

  it('answers autocomplete it cannot read with no suggestions instead of failing', async () => {
    const rec = s().rawInteraction(s().makeUser('typing'), {
      guildId: h.guildId,
      type: 4,
      data: { ...command('redflags'), options: [{ type: 1, name: 'program', options: [] }] },
      mutate: drop('entitlements'),
    });
    await s().waitFor(() => rec.choices, 'the (empty) choices');
    expect(rec.choices).toEqual([]);
    await stillServing();
  });

  it('drops a DM message without an author and answers the next DM', async () => {
    const member = s().makeUser('writer');
    s().rawEvent('MESSAGE_CREATE', { id: snowflake(), channel_id: s().dmChannelOf(member.id), content: 'hello', type: 0 });
    s().dm(member, 'what does cap exempt mean');
    const answer = await s().waitFor(() => s().dmMessages(member)[0], 'an answer in the DM');
    expect(visibleText(answer)).toMatch(/cap-exempt/i);
  });
});

describe('interactions of kinds the bot does not serve', () => {
  const member = () => s().makeUser('clicker');
  const cases: [string, () => InteractionRecord][] = [
    [
      'a user context-menu command',
      () => s().rawInteraction(member(), { guildId: h.guildId, type: 2, data: command('Profile', 2) }),
    ],
    [
      'a message context-menu command',
      () => s().rawInteraction(member(), { guildId: h.guildId, type: 2, data: command('Quote', 3) }),
    ],
    ...[5, 6, 7, 8].map((componentType): [string, () => InteractionRecord] => [
      `a select menu of component type ${componentType} (users, roles, mentionables, channels)`,
      () =>
        s().rawInteraction(member(), {
          guildId: h.guildId,
          type: 3,
          data: { component_type: componentType, custom_id: 'picker', values: [], resolved: {} },
        }),
    ]),
    ['an interaction type Discord may add later', () => s().rawInteraction(member(), { guildId: h.guildId, type: 42, data: {} })],
  ];

  it.each(cases)('%s gets a calm private reply', async (_name, send) => {
    expect(await privateReply(send())).toMatch(/not something I can do here.*\/help/s);
    await stillServing();
  });
});

describe('first responses under load', () => {
  it('defers at once an interaction that reached the bot already late, instead of waiting out a budget', async () => {
    const late = s().slash(s().makeUser('late'), 'testkit', {
      guildId: h.guildId,
      subcommand: 'slow',
      options: { ms: 300 },
      ageMs: 1800,
    });
    const msg = await s().response(late);
    expect(late.callbacks).toEqual([5]);
    expect(late.late).toBe(false);
    expect(visibleText(msg)).toBe('Slow answer after 300 ms.');
    // The same work arriving fresh is answered directly: the defer above was for its age alone.
    const fresh = s().slash(s().makeUser('fresh'), 'testkit', { guildId: h.guildId, subcommand: 'slow', options: { ms: 300 } });
    await s().response(fresh);
    expect(fresh.callbacks).toEqual([4]);
  });

  it('acknowledges the interaction before sending DMs, so a rate-limited DM does not lose it', async () => {
    const member = s().makeUser('drill');
    // The DM route answers 429 with three seconds to wait: longer than the interaction has.
    s().rateLimit(/^\/channels\/\d+\/messages$/, { method: 'POST', retryAfter: 3, times: 1 });
    const rec = s().slash(member, 'interview', { guildId: h.guildId, subcommand: 'start', options: { count: 1 } });
    const pointer = await s().response(rec);
    expect(rec.callbacks[0]).toBe(5);
    expect(rec.late).toBe(false);
    expect(pointer.ephemeral).toBe(true);
    expect(visibleText(pointer)).toMatch(/direct messages/);
    const question = await s().waitFor(
      () =>
        s()
          .dmMessages(member)
          .find((m) => /Question 1 of 1/.test(visibleText(m))),
      'question 1 in the DM',
      15_000,
    );
    expect(question).toBeDefined();
  }, 30_000);

  it('still sends the drill to the DM when the interaction itself can no longer be answered', async () => {
    const member = s().makeUser('expired');
    const rec = s().slash(member, 'interview', {
      guildId: h.guildId,
      subcommand: 'start',
      options: { count: 1 },
      ageMs: 3500,
    });
    const question = await s().waitFor(
      () =>
        s()
          .dmMessages(member)
          .find((m) => /Question 1 of 1/.test(visibleText(m))),
      'question 1 in the DM',
    );
    expect(question).toBeDefined();
    expect(rec.acknowledged).toBe(false);
    await stillServing();
  });
});

describe('stopping', () => {
  it('lets an interaction in flight finish, and takes no new ones', async () => {
    const rec = s().slash(s().makeUser('inflight'), 'testkit', {
      guildId: h.guildId,
      subcommand: 'slow',
      options: { ms: 2200 },
    });
    await s().waitFor(() => rec.callbacks.length > 0, 'the defer');
    await h.bot.stop();
    // The answer was delivered before stop() returned.
    expect(rec.original?.loading).toBe(false);
    expect(visibleText(rec.original)).toBe('Slow answer after 2200 ms.');
    await h.restart();
    await stillServing();
  });
});

afterAll(() => {
  // The only refusal allowed is the one the late interaction earns; nothing the bot sent was invalid.
  expect(s().rejections.filter((r) => r.code !== 10062)).toEqual([]);
});
