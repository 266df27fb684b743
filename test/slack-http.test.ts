import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_FORM_PREFIX } from '../src/adapters/slack/pending-forms.js';
import { openStore } from '../src/store/open.js';
import { type SlackUnderTest, startSlackHttp } from './support/slack-standin/app.js';
import { clickPayload, slackMember, slashPayload, submitView as submitViewAs } from './support/slack-standin/requests.js';
import { postCommand, postEvent, postInteraction } from './support/slack-standin/signed.js';
import { BOT, fixture, type Json, type ResponsePost, SlackStandin } from './support/slack-standin/standin.js';
import { closeGate, openGate, quizPick, savedNote, TEST_COMMANDS, TEST_RECORDS } from './support/slack-standin/test-commands.js';

let standin: SlackStandin;
let app: SlackUnderTest;
let seq = 0;

beforeAll(async () => {
  standin = await new SlackStandin().start();
  app = await startSlackHttp({ standin, extraCommands: TEST_COMMANDS, extraRecords: TEST_RECORDS });
});
afterAll(async () => {
  await app?.stop();
  await standin?.stop();
});

const member = slackMember;

/** A slash command as Slack sends it (fixture shape), with its own response_url on the stand-in. */
function slash(command: string, text: string, user: string, extra: Record<string, string> = {}) {
  return slashPayload(standin, command, text, user, { extra });
}

async function send(command: string, text: string, user: string, extra: Record<string, string> = {}) {
  const s = slash(command, text, user, extra);
  const res = await postCommand(app.events, s.fields);
  expect(res.status).toBe(200);
  return s;
}

const textOf = (blocks: Json[] | undefined): string =>
  JSON.stringify(blocks ?? [])
    .replace(/\\n/g, '\n')
    .replace(/\\"/g, '"');

/** The buttons and selects of a posted message, by label. */
function controls(blocks: Json[]): { label: string; value?: string; action_id: string; type: string; options?: Json[] }[] {
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as Json[])
    .map((e) => ({
      type: e.type,
      label: e.text?.text ?? e.placeholder?.text,
      value: e.value,
      action_id: e.action_id,
      options: e.options,
    }));
}

/** A click on a message in a channel; the test posts it (some tests sign it otherwise). */
const click = (user: string, element: Json, opts: { channel?: string; ephemeral?: boolean; container?: Json } = {}) =>
  clickPayload(standin, user, element, opts);
const submitView = (user: string, view: Json, values: Record<string, string>) => submitViewAs(app, user, view, values);

function messageEvent(user: string, channel: string, text: string, extra: Json = {}) {
  const base = fixture<Json>('message-im');
  return {
    ...base,
    team_id: BOT.team,
    event_id: `Ev${++seq}${Date.now()}`,
    event: { ...base.event, user, channel, text, ts: `${Date.now() / 1000}`, ...extra },
  };
}

describe('Slack over HTTP: signed requests', () => {
  it('refuses a forged signature and a stale timestamp with 401, and runs nothing', async () => {
    const forged = slash('/echo', 'hi', member());
    expect((await postCommand(app.events, forged.fields, { signature: `v0=${'0'.repeat(64)}` })).status).toBe(401);
    const stale = slash('/echo', 'hi', member());
    expect((await postCommand(app.events, stale.fields, { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    const wrongSecret = slash('/echo', 'hi', member());
    expect((await postCommand(app.events, wrongSecret.fields, { secret: 'not-the-secret' })).status).toBe(401);
    const ok = await send('/echo', 'hi', member());
    await standin.waitForResponse(ok.responseId);
    const ids = [forged, stale, wrongSecret].map((s) => s.responseId);
    expect(standin.responses.filter((r) => ids.includes(r.id))).toEqual([]);
  });

  it('answers /ask in the channel with its sources, markdown turned into mrkdwn', async () => {
    const s = await send('/ask', 'how long is a clinical informatics fellowship', member());
    const post = await standin.waitForResponse(s.responseId);
    expect(post.body.response_type).toBe('in_channel');
    const blocks = post.body.blocks as Json[];
    const text = textOf(blocks);
    expect(text).toMatch(/two years|2 years|2-year|two-year/i);
    expect(text).not.toMatch(/\*\*/);
    expect(blocks.find((b) => b.type === 'context')?.elements[0].text).toMatch(/^Sources: /);
  });

  it('escapes echoed text so it cannot ping the channel or a member', async () => {
    // Slack escapes what the member typed; the core sees the raw characters, Slack gets them escaped again.
    const s = await send('/echo', 'hello &lt;!channel&gt; and &lt;@U0BOSS&gt; &amp; co', member());
    const post = await standin.waitForResponse(s.responseId);
    const all = `${post.body.text} ${textOf(post.body.blocks)}`;
    expect(all).not.toMatch(/<!channel>|<@U0BOSS>/);
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).toContain('&amp; co');
  });

  it('explains an unknown command privately', async () => {
    const s = await send('/nope', '', member());
    const post = await standin.waitForResponse(s.responseId);
    expect(post.body.response_type).toBe('ephemeral');
    expect(textOf(post.body.blocks)).toMatch(/I don't know `\/nope`/);
  });
});

describe('Slack over HTTP: buttons, selects and ownership', () => {
  async function startQuiz(user: string) {
    const s = await send('/quiz', '', user);
    const post = await standin.waitForResponse(s.responseId);
    expect(post.body.response_type).toBe('in_channel');
    return controls(post.body.blocks as Json[]);
  }

  it('shows buttons and a select, and a click replaces the question with the answer', async () => {
    const user = member();
    const shown = await startQuiz(user);
    expect(shown.map((c) => c.label)).toEqual(['J-1', 'H-1B', 'Or pick a year']);
    const j1 = shown[0];
    expect(j1?.value).toMatch(new RegExp(`^quiz~${user}~`));
    const c = click(user, {
      type: 'button',
      action_id: j1?.action_id,
      value: j1?.value,
      text: { type: 'plain_text', text: 'J-1' },
    });
    expect((await postInteraction(app.events, c.payload)).status).toBe(200);
    const answer = await standin.waitForResponse(c.responseId);
    expect(answer.body.replace_original).toBe(true);
    expect(textOf(answer.body.blocks)).toContain('You picked *j1*');
    expect(await quizPick(app.core.store, user)).toBe('j1');
  });

  it('passes a select choice to the command', async () => {
    const user = member();
    const select = (await startQuiz(user)).find((c) => c.type === 'static_select');
    expect(select?.options?.map((o) => o.value)).toEqual(['2025', '2026']);
    const c = click(user, {
      type: 'static_select',
      action_id: select?.action_id,
      selected_option: { text: { type: 'plain_text', text: '2026' }, value: '2026' },
      placeholder: { type: 'plain_text', text: 'Or pick a year' },
    });
    await postInteraction(app.events, c.payload);
    await standin.waitForResponse(c.responseId);
    expect(await quizPick(app.core.store, user)).toBe('year 2026');
  });

  it('refuses a click from someone else, privately, and changes nothing', async () => {
    const owner = member();
    const other = member();
    const [j1] = await startQuiz(owner);
    const c = click(other, {
      type: 'button',
      action_id: j1?.action_id,
      value: j1?.value,
      text: { type: 'plain_text', text: 'J-1' },
    });
    await postInteraction(app.events, c.payload);
    const refusal = await standin.waitForResponse(c.responseId);
    expect(refusal.body.response_type).toBe('ephemeral');
    expect(refusal.body.replace_original).toBe(false);
    expect(textOf(refusal.body.blocks)).toMatch(/someone else's session/);
    expect(await quizPick(app.core.store, owner)).toBeUndefined();
  });
});

describe('Slack over HTTP: modals', () => {
  it('opens a form as a modal, keeps a bad field in the modal, then saves and answers privately', async () => {
    const user = member();
    const s = await send('/note', '', user);
    const opened = await standin.waitForCall('views.open', (c) => c.args.trigger_id === s.triggerId);
    const view = opened.args.view as Json;
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe(`note~${user}~v1`);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit.text).toBe('Save');
    const inputs = (view.blocks as Json[]).filter((b) => b.type === 'input');
    expect(inputs.map((b) => [b.block_id, b.optional, b.element.multiline])).toEqual([
      ['title', false, false],
      ['body', true, true],
    ]);
    // The whole title and the reply's text stay readable at the top of the modal.
    expect(textOf(view.blocks)).toContain('A note for your advisor meeting');
    expect(standin.responses.find((r) => r.id === s.responseId)).toBeUndefined();

    const bad = await submitView(user, view, { title: 'ab', body: '' });
    expect(bad.response_action).toBe('errors');
    expect(bad.errors.title).toMatch(/title needs 3 to 40 characters/);
    expect(await savedNote(app.core.store, user)).toBeUndefined();

    const good = await submitView(user, view, { title: 'Visa timeline', body: 'When to file?' });
    expect(good).toEqual({});
    const confirm = await standin.waitForCall('chat.postEphemeral', (c) => c.args.user === user);
    expect(confirm.args.channel).toBe('C0ADVISING');
    expect(textOf(confirm.args.blocks as Json[])).toContain('Saved your note *Visa timeline*');
    expect(await savedNote(app.core.store, user)).toEqual({ title: 'Visa timeline', body: 'When to file?' });
  });

  it('offers a button that opens the form when the trigger has expired', async () => {
    const user = member();
    standin.failNext('views.open', 'expired_trigger_id');
    const s = await send('/note', '', user);
    const post = await standin.waitForResponse(s.responseId);
    expect(post.body.response_type).toBe('ephemeral');
    const open = controls(post.body.blocks as Json[]).find((c) => c.value?.startsWith(OPEN_FORM_PREFIX));
    expect(open?.label).toMatch(/^Open: A note/);

    const stranger = click(member(), { type: 'button', action_id: open?.action_id, value: open?.value }, { ephemeral: true });
    await postInteraction(app.events, stranger.payload);
    expect(textOf((await standin.waitForResponse(stranger.responseId)).body.blocks)).toMatch(/no longer available/);

    const c = click(user, { type: 'button', action_id: open?.action_id, value: open?.value }, { ephemeral: true });
    await postInteraction(app.events, c.payload);
    const opened = await standin.waitForCall('views.open', (call) => call.args.trigger_id === c.triggerId);
    expect((opened.args.view as Json).callback_id).toBe(`note~${user}~v1`);
  });
});

describe('Slack over HTTP: drills in the DM', () => {
  it('runs a whole drill in the DM and ignores its own messages', async () => {
    const user = member();
    const s = await send('/drill', '', user);
    const notice = await standin.waitForResponse(s.responseId);
    expect(notice.body.response_type).toBe('ephemeral');
    expect(textOf(notice.body.blocks)).toMatch(/direct message/);
    await standin.waitForCall('conversations.open', (c) => c.args.users === user);
    const dm = `D${user}`;
    const posted = (n: number) =>
      standin
        .called('chat.postMessage')
        .filter((c) => c.args.channel === dm)
        .slice(n);
    await standin.waitFor(() => posted(0)[0], 'question 1');
    expect(textOf(posted(0)[0]?.args.blocks as Json[])).toContain('Question 1: Tell me about yourself.');

    // The bot's own post comes back as an event: it must not count as an answer.
    await postEvent(app.events, messageEvent(BOT.user, dm, 'Question 1: Tell me about yourself.', { bot_id: BOT.bot }));
    expect(posted(1)).toEqual([]);

    await postEvent(app.events, messageEvent(user, dm, 'I trained in Lagos & worked in <b>ICU</b>'));
    await standin.waitFor(() => posted(1)[0], 'question 2');
    expect(textOf(posted(1)[0]?.args.blocks as Json[])).toContain('Question 2: Why clinical informatics?');
    await postEvent(app.events, messageEvent(user, dm, 'Data saves lives'));
    await postEvent(app.events, messageEvent(user, dm, 'Leading a team'));
    const done = await standin.waitFor(() => posted(3)[0], 'the end of the drill');
    expect(textOf(done.args.blocks as Json[])).toContain('Drill done: 3 answers');
    expect(standin.called('conversations.open').filter((c) => c.args.users === user)).toHaveLength(1);
  });

  it('runs the real /interview drill in the DM, pointing to it from the channel', async () => {
    const user = member();
    const dm = `D${user}`;
    const inDm = () => standin.called('chat.postMessage').filter((c) => c.args.channel === dm);
    const s = await send('/interview', 'start behavioral 2', user);
    const pointer = await standin.waitForResponse(s.responseId);
    expect(pointer.body.response_type).toBe('ephemeral');
    expect(textOf(pointer.body.blocks)).toMatch(/direct messages/);
    await standin.waitFor(() => (inDm().length >= 2 ? true : undefined), 'the drill intro and first question');
    expect(textOf(inDm()[0]?.args.blocks)).toMatch(/Mock interview: 2 behavioral questions/);
    // Nothing of the drill is posted in the channel.
    expect(standin.called('chat.postMessage').filter((c) => c.args.channel === 'C0ADVISING')).toEqual([]);

    const before = inDm().length;
    await postEvent(
      app.events,
      messageEvent(
        user,
        dm,
        'In my residency our ward had medication errors, so I led a small team that mapped the ordering workflow, built a checklist in the EHR and trained nurses; errors fell by a third in six months and the hospital kept the checklist.',
      ),
    );
    const feedback = await standin.waitFor(() => inDm()[before], 'feedback on the answer');
    const buttons = controls(feedback.args.blocks as Json[]).concat(
      ...inDm()
        .slice(before + 1)
        .map((c) => controls(c.args.blocks)),
    );
    expect(buttons.length).toBeGreaterThan(0);
    for (const b of buttons) expect(b.value).toMatch(new RegExp(`^interview~${user}~`));

    const afterAnswer = inDm().length;
    await postEvent(app.events, messageEvent(user, dm, 'stop'));
    await standin.waitFor(() => inDm()[afterAnswer], 'the drill summary');
    // The drill is over: the next DM is a question for the guide again.
    const afterStop = inDm().length;
    await postEvent(app.events, messageEvent(user, dm, 'how long is a clinical informatics fellowship'));
    const answer = await standin.waitFor(() => inDm()[afterStop], 'an answer from the guide');
    expect(textOf(answer.args.blocks)).toMatch(/two years|2 years|2-year|two-year/i);
  });

  it('explains how to open the DM when Slack refuses it', async () => {
    const user = member();
    standin.failNext('conversations.open', 'messages_tab_disabled');
    const s = await send('/interview', 'start behavioral 1', user);
    const said = await standin.waitForResponse(s.responseId);
    expect(said.body.response_type).toBe('ephemeral');
    expect(textOf(said.body.blocks)).toMatch(/could not send you a direct message.*Messages\* tab/s);
    expect(standin.responses.filter((r) => r.id === s.responseId)).toHaveLength(1);
  });

  it('handles a retried event once', async () => {
    const user = member();
    const dm = `D${user}`;
    const event = messageEvent(user, dm, 'how long is a clinical informatics fellowship');
    expect((await postEvent(app.events, event)).status).toBe(200);
    expect((await postEvent(app.events, event, { retryNum: 1 })).status).toBe(200);
    expect((await postEvent(app.events, event, { retryNum: 2 })).status).toBe(200);
    const answers = standin.called('chat.postMessage').filter((c) => c.args.channel === dm);
    expect(answers).toHaveLength(1);
    expect(textOf(answers[0]?.args.blocks as Json[])).toMatch(/two years|2 years|2-year|two-year/i);
  });
});

describe('Slack over HTTP: App Home, files, health', () => {
  it('lists on the Home tab what the member saved, and nobody else sees it', async () => {
    const user = member();
    const added = await send('/tracker', 'add institution:"Zebra Falls Medical" visa:h1b cap:exempt', user);
    expect(JSON.stringify(await standin.waitForResponse(added.responseId))).toMatch(/t1 Zebra Falls Medical/);
    const opened = fixture<Json>('app-home-opened');
    await postEvent(app.events, { ...opened, event_id: `EvHome${++seq}`, event: { ...opened.event, user } });
    const home = await standin.waitForCall('views.publish', (c) => c.args.user_id === user);
    expect(textOf((home.args.view as Json).blocks)).toMatch(
      /What you have saved[\s\S]*Tracker: 1 program \(Zebra Falls Medical\)/,
    );

    const neighbour = member();
    await postEvent(app.events, { ...opened, event_id: `EvHome${++seq}`, event: { ...opened.event, user: neighbour } });
    const theirs = await standin.waitForCall('views.publish', (c) => c.args.user_id === neighbour);
    const text = textOf((theirs.args.view as Json).blocks);
    expect(text).toMatch(/What you have saved[\s\S]*Nothing yet/);
    expect(text).not.toMatch(/Zebra Falls/);
  });

  it('publishes help on the Home tab and deletes the member’s data from it', async () => {
    const user = member();
    // Save something personal first (a note), then delete it from Home.
    const s = await send('/note', '', user);
    const view = (await standin.waitForCall('views.open', (c) => c.args.trigger_id === s.triggerId)).args.view as Json;
    await submitView(user, view, { title: 'Keep me', body: '' });
    expect(await savedNote(app.core.store, user)).toBeDefined();

    const opened = fixture<Json>('app-home-opened');
    await postEvent(app.events, { ...opened, event_id: `EvHome${++seq}`, event: { ...opened.event, user } });
    const home = await standin.waitForCall('views.publish', (c) => c.args.user_id === user);
    const homeView = home.args.view as Json;
    expect(homeView.type).toBe('home');
    expect(textOf(homeView.blocks)).toMatch(/`\/ask \[question\]`/);
    expect(textOf(homeView.blocks)).toMatch(/`\/quiz`/);
    const del = (homeView.blocks as Json[]).find((b) => b.accessory?.text?.text === 'Delete my data')?.accessory;
    expect(del?.confirm).toBeDefined();

    const base = fixture<Json>('block-actions');
    const payload = {
      ...base,
      user: { ...base.user, id: user },
      team: { id: BOT.team, domain: 'example' },
      container: { type: 'view', view_id: 'V0HOME' },
      view: { id: 'V0HOME', type: 'home', blocks: [], private_metadata: '' },
      channel: undefined,
      message: undefined,
      response_url: undefined,
      actions: [{ type: 'button', action_id: del.action_id, value: del.value, block_id: 'b1', action_ts: '1' }],
    };
    await postInteraction(app.events, payload);
    const after = await standin.waitFor(
      () => standin.called('views.publish').filter((c) => c.args.user_id === user)[1],
      'the Home tab after deleting',
    );
    expect(textOf((after.args.view as Json).blocks)).toMatch(/Done. I deleted everything stored about you/);
    expect(await savedNote(app.core.store, user)).toBeUndefined();
  });

  it('shows a small file inline and uploads a large one to the member’s DM only', async () => {
    const user = member();
    const s = await send('/export', '', user);
    const post = await standin.waitForResponse(s.responseId);
    expect(post.body.response_type).toBe('ephemeral');
    const text = textOf(post.body.blocks);
    expect(text).toContain('*small.csv*\n```a,b\n1,2```');
    expect(text).toContain('Attached: big.csv');
    const done = await standin.waitForCall('files.completeUploadExternal', (c) => c.args.channel_id === `D${user}`);
    expect(done.args.files).toEqual([expect.objectContaining({ title: 'big.csv' })]);
    expect(standin.uploads.length).toBeGreaterThan(0);
  });

  it('answers /healthz with 200 while the app and store are up', async () => {
    const res = await fetch(`${app.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', slack: true, store: true });
  });
});

describe('Slack over HTTP: deadlines and outages', () => {
  let fast: SlackUnderTest;
  beforeAll(async () => {
    // Production setting: the ack goes out before the work is done.
    fast = await startSlackHttp({
      standin,
      extraCommands: TEST_COMMANDS,
      extraRecords: TEST_RECORDS,
      processBeforeResponse: false,
    });
  });
  afterAll(() => fast?.stop());

  it('acks a slash command while the core is still working, then posts the answer', async () => {
    closeGate();
    const s = slash('/slow', '', member());
    // If the ack waited for the core, this request would never complete: the gate opens only after it.
    const res = await postCommand(fast.events, s.fields);
    expect(res.status).toBe(200);
    expect(standin.responses.find((r) => r.id === s.responseId)).toBeUndefined();
    openGate();
    const post: ResponsePost = await standin.waitForResponse(s.responseId);
    expect(textOf(post.body.blocks as Json[])).toContain('Finally done.');
  });

  it('answers /healthz with 503 when the state store is down', async () => {
    // A store that cannot open: its folder would have to be made inside a regular file.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'img-advisor-down-')), 'not-a-dir');
    writeFileSync(file, '');
    const down = await startSlackHttp({ standin, store: openStore({ sqlitePath: path.join(file, 'state.sqlite') }) });
    try {
      const res = await fetch(`${down.base}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', store: false });
    } finally {
      await down.stop();
    }
  });
});
