import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open.js';
import { StateStore } from '../src/store/store.js';
import { type SlackUnderTest, startSlackHttp } from './support/slack-standin/app.js';
import { slackMember, slashPayload } from './support/slack-standin/requests.js';
import { postCommand, postEvent, postInteraction, postSigned } from './support/slack-standin/signed.js';
import { BOT, fixture, type Json, SlackStandin } from './support/slack-standin/standin.js';
import { closeGate, openGate, savedNote, TEST_COMMANDS, TEST_RECORDS } from './support/slack-standin/test-commands.js';

/**
 * The real Bolt app, over HTTP, fed what Slack (or someone holding the signing secret) might send
 * but the app never expected, and stopped while it works. After each, the next request is served.
 */
let standin: SlackStandin;
let app: SlackUnderTest;
let seq = 0;
const dirs: string[] = [];

beforeAll(async () => {
  standin = await new SlackStandin().start();
  app = await startSlackHttp({ standin, extraCommands: TEST_COMMANDS, extraRecords: TEST_RECORDS });
});
afterAll(async () => {
  await app?.stop();
  await standin?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const member = slackMember;

const textOf = (blocks: unknown): string => JSON.stringify(blocks ?? []).replace(/\\n/g, '\n');

function slashFields(command: string, text: string, user: string, channel = 'C0ADVISING') {
  return slashPayload(standin, command, text, user, { channel }).fields;
}

/** The next member's /help is answered: the app is alive and serving. */
async function stillServing(on: SlackUnderTest = app): Promise<void> {
  const fields = slashFields('/help', '', member());
  const res = await postCommand(on.events, fields);
  expect(res.status).toBe(200);
  const id = fields.response_url.split('/').at(-1) ?? '';
  const answer = await standin.waitForResponse(id);
  expect(textOf(answer.body.blocks)).toMatch(/\/ask/);
}

function messageEvent(user: string, channel: string, text: string, extra: Json = {}) {
  const base = fixture<Json>('message-im');
  return {
    ...base,
    team_id: BOT.team,
    event_id: `EvRobust${++seq}${Date.now()}`,
    event: { ...base.event, user, channel, text, ts: `${Date.now() / 1000}`, ...extra },
  };
}

const postsTo = (channel: string) => standin.called('chat.postMessage').filter((c) => c.args.channel === channel);

describe('bodies that are signed but not what Slack sends', () => {
  const cases: [string, string, string][] = [
    ['JSON null', 'null', 'application/json'],
    ['a JSON number', '5', 'application/json'],
    ['a JSON array', '[{"type":"event_callback"}]', 'application/json'],
    ['a form whose payload is null', 'payload=null', 'application/x-www-form-urlencoded'],
    ['a form whose payload is a string', 'payload=%22hello%22', 'application/x-www-form-urlencoded'],
  ];
  it.each(cases)('%s is refused with 400, and the app keeps serving', async (_name, body, type) => {
    const res = await postSigned(app.events, body, type);
    expect(res.status).toBe(400);
    await stillServing();
  });

  it('refuses a timestamp more than five minutes ahead, as it refuses one behind', async () => {
    const fields = new URLSearchParams(slashFields('/help', '', member())).toString();
    const now = Math.floor(Date.now() / 1000);
    const ahead = await postSigned(app.events, fields, 'application/x-www-form-urlencoded', { timestamp: now + 600 });
    expect(ahead.status).toBe(401);
    const behind = await postSigned(app.events, fields, 'application/x-www-form-urlencoded', { timestamp: now - 600 });
    expect(behind.status).toBe(401);
    const slightlyAhead = await postSigned(app.events, fields, 'application/x-www-form-urlencoded', { timestamp: now + 30 });
    expect(slightlyAhead.status).toBe(200);
  });
});

describe('view submissions', () => {
  async function noteView(user: string): Promise<Json> {
    const fields = slashFields('/note', '', user);
    await postCommand(app.events, fields);
    return (await standin.waitForCall('views.open', (c) => c.args.trigger_id === fields.trigger_id)).args.view as Json;
  }
  const submission = (user: string, view: Json) => {
    const base = fixture<Json>('view-submission');
    return {
      ...base,
      user: { ...base.user, id: user },
      team: { id: BOT.team, domain: 'example' },
      view: { ...base.view, ...view },
    };
  };

  it('acks one without state.values and runs nothing', async () => {
    const user = member();
    const view = await noteView(user);
    const { state: _state, ...bare } = view;
    const payload = submission(user, bare);
    delete (payload.view as Json).state;
    const res = await postInteraction(app.events, payload);
    expect(res.status).toBe(200);
    expect(await savedNote(app.core.store, user)).toBeUndefined();
    await stillServing();
  });

  it('acks one without blocks and handles it once', async () => {
    const user = member();
    const view = await noteView(user);
    const payload = submission(user, {
      ...view,
      state: {
        values: {
          title: { value: { type: 'plain_text_input', value: 'Bare but fine' } },
          body: { value: { type: 'plain_text_input', value: '' } },
        },
      },
    });
    delete (payload.view as Json).blocks;
    const res = await postInteraction(app.events, payload);
    expect(res.status).toBe(200);
    expect(await savedNote(app.core.store, user)).toEqual({ title: 'Bare but fine', body: '' });
    await stillServing();
  });
});

/**
 * A store that answers every read and write after `delayMs`, as a remote Redis under load does:
 * two deliveries of one event both get to look before either has written.
 */
function slowStore(delayMs: number): StateStore {
  const map = new Map<string, unknown>();
  const later = <T>(v: () => T) => new Promise<T>((r) => setTimeout(() => r(v()), delayMs));
  const store = {
    get: (k: string) => later(() => map.get(k)),
    set: (k: string, v: unknown) => later(() => map.set(k, v) && true),
    delete: (k: string) => later(() => map.delete(k)),
    clear: () => later(() => map.clear()),
    has: (k: string) => later(() => map.has(k)),
  };
  const claims = new Map<string, number>();
  return new StateStore({
    kind: 'memory',
    where: 'a slow store',
    open: async () => new Keyv({ store, namespace: 'slow' }),
    // A set-if-absent is one round trip, however slow (Redis SET NX PX).
    claim: (key, ttlMs) =>
      later(() => {
        if ((claims.get(key) ?? 0) > Date.now()) return false;
        claims.set(key, Date.now() + ttlMs);
        return true;
      }),
  });
}

describe('Slack retrying an event while the first delivery still runs', () => {
  it('acts on it once: one drill answer, one next question', async () => {
    const slow = await startSlackHttp({
      standin,
      store: slowStore(30),
      extraCommands: TEST_COMMANDS,
      extraRecords: TEST_RECORDS,
    });
    try {
      const user = member();
      const dm = `D${user}`;
      await postCommand(slow.events, slashFields('/drill', '', user));
      await standin.waitFor(() => postsTo(dm)[0], 'question 1');
      const answer = messageEvent(user, dm, 'I led the sepsis alert rollout');
      const [first, retry] = await Promise.all([postEvent(slow.events, answer), postEvent(slow.events, answer, { retryNum: 1 })]);
      expect([first.status, retry.status]).toEqual([200, 200]);
      // One answer, one next question: not question 2 and then question 3 for the same words.
      const after = postsTo(dm)
        .slice(1)
        .map((c) => textOf(c.args.blocks));
      expect(after).toHaveLength(1);
      expect(after[0]).toContain('Question 2');
    } finally {
      await slow.stop();
    }
  });
});

describe('direct messages', () => {
  it('answers a file kindly: no file reading, the text still answered', async () => {
    const user = member();
    const dm = `D${user}`;
    const before = postsTo(dm).length;
    await postEvent(app.events, messageEvent(user, dm, '', { subtype: 'file_share', files: [{ id: 'F1', name: 'cv.pdf' }] }));
    await standin.waitFor(() => postsTo(dm)[before], 'a reply to the file');
    expect(textOf(postsTo(dm)[before]?.args.blocks)).toMatch(/cannot open attached files.*Paste the text/s);

    const next = postsTo(dm).length;
    await postEvent(
      app.events,
      messageEvent(user, dm, 'what does cap exempt mean', { subtype: 'file_share', files: [{ id: 'F2', name: 'x.png' }] }),
    );
    await standin.waitFor(() => postsTo(dm)[next + 1], 'the note and the answer');
    expect(textOf(postsTo(dm)[next]?.args.blocks)).toMatch(/read only the text/);
    expect(textOf(postsTo(dm)[next + 1]?.args.blocks)).toMatch(/cap-exempt/i);
  });

  it('still knows the DM after a restart: no needless pointer to it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'img-advisor-slack-dm-'));
    dirs.push(dir);
    const store = openStore({ sqlitePath: path.join(dir, 'state.sqlite') });
    const user = member();
    const dm = `D${user}`;
    const first = await startSlackHttp({ standin, store, extraCommands: TEST_COMMANDS, extraRecords: TEST_RECORDS });
    await postEvent(first.events, messageEvent(user, dm, 'hello'));
    await standin.waitFor(() => postsTo(dm)[0], 'an answer in the DM');
    await first.stop();

    const second = await startSlackHttp({ standin, store, extraCommands: TEST_COMMANDS, extraRecords: TEST_RECORDS });
    try {
      const fields = slashFields('/interview', 'start 1', user, dm);
      const before = postsTo(dm).length;
      await postCommand(second.events, fields);
      await standin.waitFor(() => postsTo(dm)[before], 'the drill in the DM');
      const id = fields.response_url.split('/').at(-1) ?? '';
      expect(standin.responses.filter((r) => r.id === id && /direct messages/.test(textOf(r.body.blocks)))).toEqual([]);
      expect(standin.called('conversations.open').filter((c) => c.args.users === user)).toEqual([]);
    } finally {
      await second.stop();
    }
  });
});

describe('start-up and shutdown', () => {
  it('loads and indexes content before it listens, so /healthz is ok only then', async () => {
    const order: string[] = [];
    const warming = await startSlackHttp({
      standin,
      warm: async () => {
        await new Promise((r) => setTimeout(r, 200));
        order.push('content ready');
      },
    });
    try {
      order.push('listening');
      expect(order).toEqual(['content ready', 'listening']);
      expect((await fetch(`${warming.base}/healthz`)).status).toBe(200);
    } finally {
      await warming.stop();
    }
  });

  it('on stop, finishes a running command and its reply, and turns new requests away', async () => {
    const stopping = await startSlackHttp({ standin, extraCommands: TEST_COMMANDS, extraRecords: TEST_RECORDS });
    closeGate();
    const fields = slashFields('/slow', '', member());
    const running = postCommand(stopping.events, fields);
    while (stopping.slack.context.inflight.size === 0) await new Promise((r) => setTimeout(r, 10));
    const stopped = stopping.slack.stop();
    const late = await postCommand(stopping.events, slashFields('/help', '', member()));
    expect(late.status).toBe(503);
    openGate();
    await stopped;
    expect((await running).status).toBe(200);
    const id = fields.response_url.split('/').at(-1) ?? '';
    expect(textOf(standin.responses.find((r) => r.id === id)?.body.blocks)).toMatch(/Finally done/);
    await stopping.stop();
  });
});
