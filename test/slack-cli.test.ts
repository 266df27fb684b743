import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './support/build.js';
import { freePort, getMetrics, healthWhen, ready, sample } from './support/health.js';
import { slashPayload } from './support/slack-standin/requests.js';
import { postCommand, SIGNING_SECRET } from './support/slack-standin/signed.js';
import { SlackStandin } from './support/slack-standin/standin.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist/bin/cli.js');

/** The environment a member's shell would have, minus any real Slack, Discord or Redis settings. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_|REDIS_URL|PORT$|LOG_LEVEL)/.test(k)),
  );
  return { ...env, ...extra };
}

function run(env: Record<string, string>): { child: ChildProcess; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d) => {
    err += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => err, exited };
}

beforeAll(() => {
  ensureBuilt();
}, 120_000);

describe('img-advisor started with Slack settings, as a user would', () => {
  let standin: SlackStandin;
  let bot: ReturnType<typeof run> | undefined;
  let port: number;
  let healthPort: number;

  beforeAll(async () => {
    standin = await new SlackStandin().start();
    port = await freePort();
    healthPort = await freePort();
    bot = run({
      HEALTH_PORT: String(healthPort),
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: String(port),
      SLACK_API_URL: standin.apiUrl,
      SQLITE_PATH: path.join(mkdtempSync(path.join(tmpdir(), 'img-advisor-cli-')), 'state.sqlite'),
      LOG_LEVEL: 'info',
    });
    // Ready when /healthz says so; a bot that exits instead fails here with what it printed.
    const exitedEarly = bot.exited.then((code) => {
      throw new Error(`the bot exited with ${code}: ${bot?.stderr()}`);
    });
    const ready = (async () => {
      for (;;) {
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (ok) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await Promise.race([ready, exitedEarly]);
  }, 30_000);

  afterAll(async () => {
    if (bot && bot.child.exitCode === null) {
      bot.child.kill('SIGTERM');
      await bot.exited;
    }
    await standin?.stop();
  });

  it('answers a signed /ask through the response_url', async () => {
    expect(standin.called('auth.test')[0]?.token).toBe('xoxb-test');
    const { fields } = slashPayload(standin, '/ask', 'what does cap exempt mean', 'U0CLI', { responseId: 'cli-ask' });
    const res = await postCommand(`http://127.0.0.1:${port}/slack/events`, fields);
    expect(res.status).toBe(200);
    const post = await standin.waitForResponse('cli-ask');
    expect(post.body.response_type).toBe('in_channel');
    expect(JSON.stringify(post.body.blocks)).toMatch(/cap-exempt/i);
    expect(bot?.stderr()).toMatch(/Slack connected over HTTP on port \d+/);
    // Privacy: the question never reaches the log.
    expect(bot?.stderr()).not.toMatch(/what does cap exempt mean/);
  });

  it('serves /healthz and /metrics on HEALTH_PORT, apart from the public PORT', async () => {
    const health = await healthWhen(healthPort, ready('slack'), 'Slack in /healthz');
    expect(health.body.platforms.slack).toEqual([expect.objectContaining({ connection: 'http', state: 'ready' })]);
    const m = await getMetrics(healthPort);
    expect(sample(m.text, 'img_advisor_commands_total', { platform: 'slack', command: 'ask', outcome: 'ok' })).toBe(1);
    expect(sample(m.text, 'img_advisor_connection_up', { platform: 'slack', connection: 'http' })).toBe(1);
    // Slack's port keeps its own /healthz for a load balancer, but not the metrics.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
  });

  it('stops cleanly on SIGTERM', async () => {
    bot?.child.kill('SIGTERM');
    expect(await bot?.exited).toBe(0);
  });
});

describe('img-advisor started in Socket Mode, with HEALTH_PORT', () => {
  let standin: SlackStandin;
  let bot: ReturnType<typeof run> | undefined;
  let healthPort: number;

  beforeAll(async () => {
    standin = await new SlackStandin().start();
    healthPort = await freePort();
    bot = run({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_APP_TOKEN: 'xapp-1-A0001-test',
      SLACK_API_URL: standin.apiUrl,
      HEALTH_PORT: String(healthPort),
      SQLITE_PATH: path.join(mkdtempSync(path.join(tmpdir(), 'img-advisor-cli-')), 'state.sqlite'),
    });
    await standin.socketConnected();
  }, 30_000);

  afterAll(async () => {
    if (bot && bot.child.exitCode === null) {
      bot.child.kill('SIGTERM');
      await bot.exited;
    }
    await standin?.stop();
  });

  it('answers /healthz with the socket state and /metrics with the commands it carried', async () => {
    const health = await healthWhen(healthPort, ready('slack'), 'the socket in /healthz');
    expect(health.body.platforms.slack).toEqual([expect.objectContaining({ connection: 'socket', state: 'ready' })]);
    await standin.sendEnvelope({
      type: 'slash_commands',
      payload: slashPayload(standin, '/ask', 'how long is a clinical informatics fellowship', 'U0SOCKETCLI', {
        responseId: 'socket-cli-ask',
      }).fields,
    });
    await standin.waitForResponse('socket-cli-ask');
    const m = await getMetrics(healthPort);
    expect(sample(m.text, 'img_advisor_commands_total', { platform: 'slack', command: 'ask', outcome: 'ok' })).toBe(1);
    expect(sample(m.text, 'img_advisor_connection_up', { platform: 'slack', connection: 'socket' })).toBe(1);
    expect(sample(m.text, 'img_advisor_connection_state', { platform: 'slack', state: 'ready' })).toBe(1);
  });

  it('stops cleanly on SIGTERM', async () => {
    bot?.child.kill('SIGTERM');
    expect(await bot?.exited).toBe(0);
  });
});

describe('img-advisor with an incomplete Slack setup', () => {
  it('says in one line what is missing and exits 1', async () => {
    const bot = run({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SQLITE_PATH: path.join(mkdtempSync(path.join(tmpdir(), 'img-advisor-cli-')), 's.sqlite'),
    });
    expect(await bot.exited).toBe(1);
    const lines = bot.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/SLACK_APP_TOKEN .*SLACK_SIGNING_SECRET/);
  });

  it('says in one line that HEALTH_PORT is taken and exits 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const bot = run({
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        PORT: String(await freePort()),
        HEALTH_PORT: String((taken.address() as { port: number }).port),
        SQLITE_PATH: path.join(mkdtempSync(path.join(tmpdir(), 'img-advisor-cli-')), 's.sqlite'),
      });
      expect(await bot.exited).toBe(1);
      expect(bot.stderr().trim().split('\n')).toEqual([expect.stringMatching(/HEALTH_PORT \d+ is already in use/)]);
    } finally {
      taken.close();
    }
  });
});
