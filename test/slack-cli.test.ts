import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './support/build.js';
import { postCommand, SIGNING_SECRET } from './support/slack-standin/signed.js';
import { BOT, fixture, SlackStandin } from './support/slack-standin/standin.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist/bin/cli.js');

/** The environment a member's shell would have, minus any real Slack, Discord or Redis settings. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_|REDIS_URL|PORT$|LOG_LEVEL)/.test(k)),
  );
  return { ...env, ...extra };
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
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

  beforeAll(async () => {
    standin = await new SlackStandin().start();
    port = await freePort();
    bot = run({
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
    const res = await postCommand(`http://127.0.0.1:${port}/slack/events`, {
      ...fixture<Record<string, string>>('slash-command'),
      command: '/ask',
      text: 'what does cap exempt mean',
      user_id: 'U0CLI',
      team_id: BOT.team,
      response_url: standin.responseUrl('cli-ask'),
    });
    expect(res.status).toBe(200);
    const post = await standin.waitForResponse('cli-ask');
    expect(post.body.response_type).toBe('in_channel');
    expect(JSON.stringify(post.body.blocks)).toMatch(/cap-exempt/i);
    expect(bot?.stderr()).toMatch(/Slack connected over HTTP on port \d+/);
    // Privacy: the question never reaches the log.
    expect(bot?.stderr()).not.toMatch(/what does cap exempt mean/);
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
});
