import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackApp } from '../src/adapters/slack/app.js';
import { resolveSlackMode } from '../src/adapters/slack/mode.js';
import type { App } from '../src/app/app.js';
import { allRecords, registry } from '../src/app/features.js';
import { loadConfig } from '../src/config.js';
import { Router } from '../src/core/router.js';
import { createLogger } from '../src/log.js';
import { openStore } from '../src/store/open.js';
import { BOT, fixture, type Json, SlackStandin } from './support/slack-standin/standin.js';
import { quizPick, TEST_COMMANDS, TEST_RECORDS } from './support/slack-standin/test-commands.js';

let standin: SlackStandin;
let slack: SlackApp;
let core: App;

beforeAll(async () => {
  // The stand-in first: the app calls auth.test and apps.connections.open as it starts.
  standin = await new SlackStandin().start();
  const dir = mkdtempSync(path.join(tmpdir(), 'img-advisor-slack-socket-'));
  const config = loadConfig({
    SQLITE_PATH: path.join(dir, 'state.sqlite'),
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_APP_TOKEN: 'xapp-1-A0001-test',
    SLACK_API_URL: standin.apiUrl,
  });
  const log = createLogger('silent');
  const store = openStore(config);
  core = {
    config,
    log,
    store,
    router: new Router({
      commands: [...registry(), ...TEST_COMMANDS],
      records: [...allRecords(), ...TEST_RECORDS],
      store,
      config,
      log,
    }),
    close: () => store.close(),
  };
  slack = createSlackApp(core, {
    mode: resolveSlackMode(config),
    clientOptions: { retryConfig: { retries: 0 } },
    autoReconnect: false,
  });
  await slack.start();
  await standin.socketConnected();
});
afterAll(async () => {
  await slack?.stop();
  await core?.close();
  await standin?.stop();
});

const textOf = (blocks: unknown) => JSON.stringify(blocks ?? []).replace(/\\n/g, '\n');

describe('Slack in Socket Mode', () => {
  it('opened the connection with the app-level token, not the bot token', () => {
    const open = standin.called('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe('xapp-1-A0001-test');
  });

  it('acks a slash command envelope and answers through the response_url', async () => {
    const payload = {
      ...fixture<Json>('slash-command'),
      command: '/ask',
      text: 'how long is a clinical informatics fellowship',
      user_id: 'U0SOCKET1',
      team_id: BOT.team,
      response_url: standin.responseUrl('socket-ask'),
    };
    const ack = await standin.sendEnvelope({ type: 'slash_commands', payload });
    expect(ack.envelope_id).toMatch(/^env-/);
    const post = await standin.waitForResponse('socket-ask');
    expect(post.body.response_type).toBe('in_channel');
    expect(textOf(post.body.blocks)).toMatch(/two years|2 years|2-year|two-year/i);
  });

  it('carries a button click and a DM message, and drops a retried event', async () => {
    const user = 'U0SOCKET2';
    await standin.sendEnvelope({
      type: 'slash_commands',
      payload: {
        ...fixture<Json>('slash-command'),
        command: '/quiz',
        text: '',
        user_id: user,
        team_id: BOT.team,
        response_url: standin.responseUrl('socket-quiz'),
      },
    });
    const quiz = await standin.waitForResponse('socket-quiz');
    const button = (quiz.body.blocks as Json[]).find((b) => b.type === 'actions')?.elements[1];
    const base = fixture<Json>('block-actions');
    await standin.sendEnvelope({
      type: 'interactive',
      payload: {
        ...base,
        user: { ...base.user, id: user },
        team: { id: BOT.team, domain: 'example' },
        response_url: standin.responseUrl('socket-click'),
        actions: [{ type: 'button', action_id: button.action_id, value: button.value, block_id: 'b', action_ts: '1' }],
      },
    });
    await standin.waitForResponse('socket-click');
    expect(await quizPick(core.store, user)).toBe('h1b');

    const event = fixture<Json>('message-im');
    const dm = {
      ...event,
      team_id: BOT.team,
      event_id: 'EvSocket1',
      event: { ...event.event, user, channel: 'D0SOCKET2', text: 'what does cap exempt mean' },
    };
    await standin.sendEnvelope({ type: 'events_api', payload: dm });
    await standin.waitForCall('chat.postMessage', (c) => c.args.channel === 'D0SOCKET2');
    await standin.sendEnvelope({ type: 'events_api', payload: dm, retry_attempt: 1, retry_reason: 'timeout' });
    // A later, different message is answered: by then the retry has certainly been handled.
    await standin.sendEnvelope({
      type: 'events_api',
      payload: { ...dm, event_id: 'EvSocket2', event: { ...dm.event, text: 'how long is a fellowship' } },
    });
    await standin.waitFor(
      () => standin.called('chat.postMessage').filter((c) => c.args.channel === 'D0SOCKET2')[1],
      'the second answer',
    );
    const answers = standin.called('chat.postMessage').filter((c) => c.args.channel === 'D0SOCKET2');
    expect(answers).toHaveLength(2);
    expect(textOf(answers[0]?.args.blocks)).toMatch(/cap-exempt/i);
  });
});

describe('Socket Mode envelopes that are not what Slack sends', () => {
  it.each(['events_api', 'interactive', 'slash_commands'])(
    'acks a %s envelope whose payload is null, and keeps serving',
    async (type) => {
      const ack = await standin.sendEnvelope({ type, payload: null });
      expect(ack.envelope_id).toMatch(/^env-/);
      const payload = {
        ...fixture<Json>('slash-command'),
        command: '/help',
        text: '',
        user_id: 'U0SOCKETNULL',
        team_id: BOT.team,
        response_url: standin.responseUrl(`socket-after-null-${type}`),
      };
      await standin.sendEnvelope({ type: 'slash_commands', payload });
      const post = await standin.waitForResponse(`socket-after-null-${type}`);
      expect(textOf(post.body.blocks)).toMatch(/\/ask/);
    },
  );
});
