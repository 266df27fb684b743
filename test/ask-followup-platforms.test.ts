import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordHarness, startDiscordHarness } from './support/discord-standin/harness.js';
import { buttonLabelled, snowflake, visibleText } from './support/discord-standin/index.js';
import { uniqueUser } from './support/harness.js';
import { type SlackUnderTest, startSlackHttp } from './support/slack-standin/app.js';
import { postEvent } from './support/slack-standin/signed.js';
import { BOT, fixture, type Json, SlackStandin } from './support/slack-standin/standin.js';

/**
 * A follow-up ("can i get out of it somehow?") is read with the previous question's topic in the
 * same conversation: a Discord thread (the real discord.js client against the stand-in) and a
 * Slack DM thread (the real Bolt app, signed requests). The same words elsewhere get no such help.
 */
const FIRST = 'How long is the J-1 home country requirement?';
const FOLLOW = 'can i get out of it somehow?';

describe('follow-ups in a Discord thread', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness();
  });
  afterAll(() => h?.close());

  it('answers the follow-up in context in the thread, with a More button; not in another thread', async () => {
    const s = h.standin;
    const ana = s.makeUser('ana');
    const thread = snowflake();
    const first = await s.response(s.slash(ana, 'visa', { guildId: h.guildId, thread, options: { question: FIRST } }));
    expect(visibleText(first)).toMatch(/two years|two-year/i);
    const follow = await s.response(s.slash(ana, 'visa', { guildId: h.guildId, thread, options: { question: FOLLOW } }));
    expect(visibleText(follow)).toMatch(/waive/i);
    expect(visibleText(follow)).toMatch(/J-1/);

    const more = s.click(ana, follow, buttonLabelled(follow, 'More').customId);
    const whole = await s.response(more);
    expect(visibleText(whole).length).toBeGreaterThan(visibleText(follow).length / 2);

    const elsewhere = await s.response(
      s.slash(ana, 'visa', { guildId: h.guildId, thread: snowflake(), options: { question: FOLLOW } }),
    );
    expect(visibleText(elsewhere)).not.toMatch(/home residency requirement/i);
    expect(s.rejections).toEqual([]);
  });
});

describe('follow-ups in a Slack thread', () => {
  let standin: SlackStandin;
  let app: SlackUnderTest;
  let seq = 0;
  beforeAll(async () => {
    standin = await new SlackStandin().start();
    app = await startSlackHttp({ standin });
  });
  afterAll(async () => {
    await app?.stop();
    await standin?.stop();
  });

  const member = () =>
    `U${uniqueUser()
      .id.replace(/[^a-z0-9]/gi, '')
      .toUpperCase()
      .slice(-12)}`;

  function messageEvent(user: string, channel: string, text: string, extra: Json = {}) {
    const base = fixture<Json>('message-im');
    return {
      ...base,
      team_id: BOT.team,
      event_id: `EvFollow${++seq}${Date.now()}`,
      event: { ...base.event, user, channel, text, ts: `${Date.now() / 1000}`, ...extra },
    };
  }

  const textOf = (blocks: Json[] | undefined) => JSON.stringify(blocks ?? []).replace(/\\n/g, '\n');

  it('reads a DM thread message with the thread’s previous question; a message outside the thread is read alone', async () => {
    const user = member();
    const dm = `D${user}`;
    const inDm = () => standin.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === dm);
    const thread = '1700000000.000100';

    await postEvent(app.events, messageEvent(user, dm, FIRST, { thread_ts: thread }));
    const first = await standin.waitFor(() => inDm()[0], 'the first answer');
    expect(textOf(first.args.blocks)).toMatch(/two years|two-year/i);

    await postEvent(app.events, messageEvent(user, dm, FOLLOW, { thread_ts: thread }));
    const follow = await standin.waitFor(() => inDm()[1], 'the follow-up answer');
    expect(textOf(follow.args.blocks)).toMatch(/waive/i);
    expect(textOf(follow.args.blocks)).toMatch(/More/);

    await postEvent(app.events, messageEvent(user, dm, FOLLOW, { thread_ts: '1700000999.000200' }));
    const alone = await standin.waitFor(() => inDm()[2], 'the answer in another thread');
    expect(textOf(alone.args.blocks)).not.toMatch(/home residency requirement/i);
  });
});
