import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askProbe } from './support/ask-probe.js';
import { type SlackUnderTest, startSlackHttp } from './support/slack-standin/app.js';
import { slackMember, slashPayload } from './support/slack-standin/requests.js';
import { postCommand, postEvent, postInteraction } from './support/slack-standin/signed.js';
import { type ApiCall, BOT, fixture, type Json, SlackStandin } from './support/slack-standin/standin.js';

/**
 * Members ask where they talk, in Slack: @mentions answered in their thread, follow-ups in that
 * thread, auto-answer channels chosen in /settings (admins only), the question limit, the
 * assistant surface, and no second answer to a bot, an edit or a retry. The real Bolt app over
 * signed HTTP; /ask is a probe that repeats the question and its conversation id, except in the
 * last part, which uses the real guide.
 */
let standin: SlackStandin;
let app: SlackUnderTest;
let seq = 0;

beforeAll(async () => {
  standin = await new SlackStandin().start();
  app = await startSlackHttp({
    standin,
    extraCommands: [askProbe],
    env: { MEMBER_QUESTIONS_PER_MINUTE: '3', SLACK_ADMIN_GROUP: 'S0ADVISORS' },
  });
});
afterAll(async () => {
  await app?.stop();
  await standin?.stop();
});

const member = slackMember;
const channel = () => `C${String(++seq).padStart(8, '0')}`;
/** A message timestamp as Slack writes them: seconds, a dot, six digits. */
const ts = () => `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
const textOf = (blocks: Json[] | undefined) => JSON.stringify(blocks ?? []).replace(/\\n/g, '\n');

function event(kind: 'app-mention' | 'message-channel', e: Json) {
  const base = fixture<Json>(kind);
  return { ...base, event_id: `Ev${++seq}x${Date.now()}`, event: { ...base.event, ...e } };
}
const mention = (user: string, ch: string, text: string, extra: Json = {}) =>
  event('app-mention', { user, channel: ch, text: `<@${BOT.user}> ${text}`, ts: ts(), ...extra });
const says = (user: string, ch: string, text: string, extra: Json = {}) =>
  event('message-channel', { user, channel: ch, text, ts: ts(), ...extra });

async function deliver(body: Json, retryNum?: number) {
  const res = await postEvent(app.events, body, retryNum === undefined ? {} : { retryNum });
  expect(res.status).toBe(200);
}

const posts = (ch: string, thread?: string): ApiCall[] =>
  standin.calls.filter(
    (c) => c.method === 'chat.postMessage' && c.args.channel === ch && (!thread || c.args.thread_ts === thread),
  );

describe('a mention in a channel', () => {
  it('is answered in its thread; the asker’s follow-ups there are answered in the same conversation', async () => {
    const ana = member();
    const ch = channel();
    const first = mention(ana, ch, 'is the J-1 two-year rule a problem?');
    await deliver(first);
    const thread = first.event.ts;
    const [answer] = posts(ch, thread);
    expect(textOf(answer?.args.blocks)).toContain(
      `Q: is the J-1 two-year rule a problem? | conversation ${ch}:${thread} | direct false`,
    );
    // A reply in the thread without a mention (delivered with message.channels) is a follow-up.
    await deliver(says(ana, ch, 'can I get out of it?', { thread_ts: thread }));
    expect(textOf(posts(ch, thread)[1]?.args.blocks)).toContain(`Q: can I get out of it? | conversation ${ch}:${thread}`);
    // Someone else chatting in the thread is not interrupted.
    await deliver(says(member(), ch, 'same here', { thread_ts: thread }));
    expect(posts(ch, thread)).toHaveLength(2);
  });

  it('is answered once when Slack sends a mention as both app_mention and message', async () => {
    const bo = member();
    const ch = channel();
    const first = mention(bo, ch, 'what is cap exempt?');
    await deliver(first);
    const thread = first.event.ts;
    // In the thread the member asked in, a mention arrives twice (app_mention and message.channels).
    const again = mention(bo, ch, 'and for H-1B?', { thread_ts: thread });
    await deliver(again);
    await deliver(says(bo, ch, again.event.text, { ts: again.event.ts, thread_ts: thread }));
    expect(posts(ch, thread)).toHaveLength(2);
  });

  it('never answers a bot, an edit, or a retried delivery', async () => {
    const cy = member();
    const ch = channel();
    await deliver(mention(cy, ch, 'from a bot', { bot_id: 'B0OTHER' }));
    await deliver(says(cy, ch, 'a bot post', { bot_id: 'B0OTHER' }));
    await deliver(says(cy, ch, 'edited', { subtype: 'message_changed' }));
    expect(posts(ch)).toEqual([]);
    const m = mention(cy, ch, 'answer me once');
    await deliver(m);
    await deliver(m, 1);
    await deliver(m, 2);
    expect(posts(ch)).toHaveLength(1);
  });

  it('leaves a plain channel message alone in mention mode', async () => {
    const ch = channel();
    await deliver(says(member(), ch, 'anyone know about cap exempt jobs?'));
    expect(posts(ch)).toEqual([]);
  });
});

function slash(command: string, user: string, ch: string) {
  const { fields, responseId } = slashPayload(standin, command, '', user, { channel: ch, userName: 'admin' });
  return { id: responseId, fields };
}

async function settings(user: string, ch: string) {
  const s = slash('/settings', user, ch);
  expect((await postCommand(app.events, s.fields)).status).toBe(200);
  return (await standin.waitForResponse(s.id)).body;
}

function element(blocks: Json[], match: (e: Json) => boolean): Json {
  const found = blocks.flatMap((b) => (b.type === 'actions' ? (b.elements as Json[]) : [])).find(match);
  if (!found) throw new Error('no such control');
  return found;
}

async function act(user: string, ch: string, el: Json, selected?: string) {
  const id = `act-${++seq}`;
  const base = fixture<Json>('block-actions');
  const payload = {
    ...base,
    user: { ...base.user, id: user },
    team: { id: BOT.team, domain: 'example' },
    channel: { id: ch, name: 'advising' },
    container: { ...base.container, channel_id: ch, is_ephemeral: true },
    response_url: standin.responseUrl(id),
    trigger_id: `trigger-${++seq}`,
    actions: [
      {
        ...el,
        block_id: 'b1',
        action_ts: '1548426417.840180',
        ...(selected ? { selected_option: { text: { type: 'plain_text', text: selected }, value: selected } } : {}),
      },
    ],
  };
  expect((await postInteraction(app.events, payload)).status).toBe(200);
  return (await standin.waitForResponse(id)).body;
}

describe('/settings in Slack', () => {
  it('refuses a member who is not an admin, privately', async () => {
    const body = await settings(member(), channel());
    expect(body.response_type).toBe('ephemeral');
    expect(textOf(body.blocks)).toMatch(/Only workspace admins and owners and the bot admins group can use/);
  });

  it('lets an admin turn on auto answers for a channel, from the next message on', async () => {
    const admin = member();
    standin.admins.add(admin);
    const ch = channel();
    const panel = await settings(admin, ch);
    expect(panel.response_type).toBe('ephemeral');
    const mode = element(panel.blocks, (e) => e.type === 'static_select' && /Where I answer/.test(e.placeholder?.text));
    const afterMode = await act(admin, ch, mode, 'auto');
    expect(textOf(afterMode.blocks)).toMatch(/Saved\. Where I answer: Mentions and new posts/);
    const add = element(afterMode.blocks, (e) => e.text?.text === 'Answer new posts in this channel');
    const afterAdd = await act(admin, ch, add);
    expect(afterAdd.replace_original).toBe(true);
    expect(textOf(afterAdd.blocks)).toContain(ch);

    const post = says(member(), ch, 'Do I need a J-1 waiver for a fellowship?');
    await deliver(post);
    expect(textOf(posts(ch, post.event.ts)[0]?.args.blocks)).toContain(`conversation ${ch}:${post.event.ts}`);
    const elsewhere = channel();
    await deliver(says(member(), elsewhere, 'lunch anyone?'));
    expect(posts(elsewhere)).toEqual([]);
  });

  it('makes /ask answers private in the workspace when an admin chooses so', async () => {
    const admin = member();
    standin.admins.add(admin);
    const ch = channel();
    const asker = member();
    const ask = async () => {
      const s = { ...slash('/ask', asker, ch) };
      s.fields.text = 'what is cap exempt';
      expect((await postCommand(app.events, s.fields)).status).toBe(200);
      return (await standin.waitForResponse(s.id)).body;
    };
    const panel = await settings(admin, ch);
    const visibility = element(panel.blocks, (e) => e.type === 'static_select' && /answers are/.test(e.placeholder?.text));
    await act(admin, ch, visibility, 'private');
    expect((await ask()).response_type).toBe('ephemeral');
    await act(admin, ch, visibility, 'public');
    expect((await ask()).response_type).toBe('in_channel');
  });

  it('lets a member of the admin user group in', async () => {
    const lead = member();
    standin.groups.set('S0ADVISORS', [lead]);
    const panel = await settings(lead, channel());
    expect(textOf(panel.blocks)).toMatch(/Settings for this server/);
    expect(standin.called('usergroups.users.list').some((c) => c.args.usergroup === 'S0ADVISORS')).toBe(true);
  });
});

describe('the question limit in Slack', () => {
  it('answers privately in the thread at the configured count, then stays quiet', async () => {
    const dee = member();
    const ch = channel();
    for (const n of [1, 2, 3]) await deliver(mention(dee, ch, `question ${n}`));
    expect(posts(ch)).toHaveLength(3);
    const fourth = mention(dee, ch, 'question 4');
    await deliver(fourth);
    expect(posts(ch)).toHaveLength(3);
    const notice = standin.called('chat.postEphemeral').filter((c) => c.args.channel === ch);
    expect(notice).toHaveLength(1);
    expect(notice[0]?.args.user).toBe(dee);
    expect(notice[0]?.args.thread_ts).toBe(fourth.event.ts);
    expect(textOf(notice[0]?.args.blocks)).toMatch(
      /You have asked 3 questions in a short time.*You can ask again in \d+ seconds/s,
    );
    await deliver(mention(dee, ch, 'question 5'));
    expect(standin.called('chat.postEphemeral').filter((c) => c.args.channel === ch)).toHaveLength(1);
  });
});

describe('with the real guide', () => {
  let real: SlackUnderTest;
  beforeAll(async () => {
    real = await startSlackHttp({ standin });
  });
  afterAll(() => real?.stop());

  const post = async (body: Json) => expect((await postEvent(real.events, body)).status).toBe(200);

  it('answers app_mention with thread_ts, from the guide', async () => {
    const ch = channel();
    const m = mention(member(), ch, 'how long is a clinical informatics fellowship?');
    await post(m);
    const [answer] = posts(ch, m.event.ts);
    expect(textOf(answer?.args.blocks)).toMatch(/two years|2 years|2-year|two-year/i);
  });

  it('greets a new assistant thread with suggested prompts, and answers in the thread with a status and a title', async () => {
    const user = member();
    const dm = `D${user.slice(1)}`;
    const thread = ts();
    const started = fixture<Json>('assistant-thread-started');
    started.event_id = `EvA${++seq}`;
    started.event.assistant_thread = { ...started.event.assistant_thread, user_id: user, channel_id: dm, thread_ts: thread };
    await post(started);
    const prompts = standin.called('assistant.threads.setSuggestedPrompts').find((c) => c.args.channel_id === dm);
    expect(prompts?.args.thread_ts).toBe(thread);
    const shown = (prompts?.args.prompts ?? []) as Json[];
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThanOrEqual(4);
    expect(textOf(posts(dm, thread)[0]?.args.blocks)).toMatch(/Ask in your own words/);

    const im = fixture<Json>('message-im');
    const ask = (text: string) => ({
      ...im,
      event_id: `EvA${++seq}`,
      event: { ...im.event, user, channel: dm, text, ts: ts(), thread_ts: thread },
    });
    await post(ask('What is the J-1 two-year home residency requirement?'));
    expect(standin.called('assistant.threads.setStatus').find((c) => c.args.channel_id === dm)?.args.status).toMatch(/guide/);
    expect(standin.called('assistant.threads.setTitle').find((c) => c.args.channel_id === dm)?.args.title).toMatch(/J-1/);
    expect(textOf(posts(dm, thread)[1]?.args.blocks)).toMatch(/two years|two-year/i);
    await post(ask('Can it be waived?'));
    expect(textOf(posts(dm, thread)[2]?.args.blocks)).toMatch(/waive|waiver/i);
    // The bot's own post in the thread is not a question.
    await post({ ...ask('bot echo'), event: { ...ask('bot echo').event, bot_id: BOT.bot } });
    expect(posts(dm, thread)).toHaveLength(3);
  });
});
