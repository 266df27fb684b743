import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { CLI, ensureBuilt } from './support/build.js';
import { DiscordStandin, visibleText } from './support/discord-standin/index.js';
import { SIGNING_SECRET } from './support/slack-standin/signed.js';
import { SlackStandin } from './support/slack-standin/standin.js';

/**
 * `npm start` and one-shot runs as a process manager or a shell runs them: a real process each
 * time, with the environment of a deployment that is missing something, a platform that is down,
 * a store that is down, and SIGTERM at awkward moments.
 */

/** Nothing listens here: a Redis that is down. */
const REDIS_DOWN = 'redis://127.0.0.1:6399';

const dirs: string[] = [];
function dir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'img-advisor-start-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_|REDIS_URL|SQLITE_PATH|LOG_LEVEL|PORT$|SHARD)/.test(k)),
  );
  return { ...kept, SQLITE_PATH: path.join(dir(), 'state.sqlite'), ...extra };
}

interface Running {
  child: ChildProcess;
  output: () => string;
  stdout: () => string;
  exited: Promise<number | null>;
}

const running: Running[] = [];

/**
 * Starts the CLI. `stdin: 'none'` is a service with no terminal (standard input is /dev/null);
 * `'open'` a pipe that stays open (someone who has not typed yet); text is piped in and ended.
 */
function start(args: string[], env: Record<string, string>, opts: { stdin?: 'none' | 'open' | string } = {}): Running {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: cleanEnv(env),
    stdio: [opts.stdin === 'none' ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (opts.stdin !== 'none' && opts.stdin !== 'open') child.stdin?.end(opts.stdin ?? '');
  let out = '';
  let stdout = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
    stdout += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onTestFailed(() => {
    process.stderr.write(`--- process output ---\n${out.slice(-4000)}\n----------------------\n`);
  });
  const r = { child, output: () => out, stdout: () => stdout, exited };
  running.push(r);
  return r;
}

afterEach(async () => {
  for (const r of running.splice(0)) {
    r.child.kill('SIGKILL');
    await r.exited;
  }
});

async function eventually(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits for the process to exit; a process manager would kill it after about 10 s. */
async function exitCode(r: Running, boundMs = 10_000): Promise<number | null | 'still running'> {
  return Promise.race([r.exited, new Promise<'still running'>((res) => setTimeout(() => res('still running'), boundMs))]);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Lines a person reads: no stack frames, no "Error:" dumps. */
function expectNoStack(text: string): void {
  expect(text).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  expect(text).not.toMatch(/node:internal/);
}

beforeAll(() => {
  ensureBuilt();
}, 120_000);

describe('what to start', () => {
  it('exits non-zero with a message when no platform is configured and there is no terminal', async () => {
    const r = start([], {}, { stdin: 'none' });
    expect(await exitCode(r)).toBe(1);
    expect(r.output()).toMatch(
      /cannot start: no platform is configured \(Discord, Slack\), and the terminal chat needs a terminal/,
    );
    expect(r.output()).toMatch(/Set DISCORD_TOKEN, or SLACK_BOT_TOKEN/);
    expect(r.output()).not.toMatch(/img-advisor in your terminal/);
  });

  it('names what is missing from a Slack configuration instead of opening the terminal chat', async () => {
    const appOnly = start([], { SLACK_APP_TOKEN: 'xapp-1-A-1-abc' }, { stdin: '/help\n' });
    expect(await exitCode(appOnly)).toBe(1);
    expect(appOnly.output()).toMatch(/Slack cannot start: missing SLACK_BOT_TOKEN\./);
    expect(appOnly.output()).not.toMatch(/img-advisor in your terminal/);

    const oauthOnly = start([], { SLACK_CLIENT_ID: 'id', SLACK_CLIENT_SECRET: 'secret', SLACK_STATE_SECRET: 'state' });
    expect(await exitCode(oauthOnly)).toBe(1);
    expect(oauthOnly.output()).toMatch(
      /Slack cannot start: missing SLACK_BOT_TOKEN, SLACK_APP_TOKEN \(Socket Mode\) or SLACK_SIGNING_SECRET \(HTTP\)\./,
    );

    const halfOauth = start([], { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'id' });
    expect(await exitCode(halfOauth)).toBe(1);
    expect(halfOauth.output()).toMatch(/missing SLACK_CLIENT_SECRET, SLACK_STATE_SECRET/);
  });

  it('names a Discord setting without its token', async () => {
    const r = start([], { DISCORD_APPLICATION_ID: '123456789012345678' });
    expect(await exitCode(r)).toBe(1);
    expect(r.output()).toMatch(/Discord cannot start: missing DISCORD_TOKEN\./);
  });
});

describe('two platforms, one failing', () => {
  let slack: SlackStandin;
  let discord: DiscordStandin;
  beforeAll(async () => {
    slack = await new SlackStandin().start();
    discord = await DiscordStandin.start({ guilds: 1 });
  });
  afterAll(async () => {
    await slack?.stop();
    await discord?.close();
  });

  const slackEnv = (port: number) => ({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: String(port),
  });

  it('serves Slack when Discord cannot start, saying which platform failed, and stops on SIGTERM', async () => {
    const port = await freePort();
    const r = start([], {
      ...slackEnv(port),
      DISCORD_TOKEN: 'not-the-token',
      DISCORD_API_URL: discord.apiUrl,
      LOG_LEVEL: 'info',
    });
    await eventually(() => /Slack connected over HTTP/.test(r.output()), 'Slack to be up');
    await eventually(() => /Discord could not start: .*token/i.test(r.output()), 'the Discord failure');
    expectNoStack(r.output());
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    r.child.kill('SIGTERM');
    expect(await exitCode(r)).toBe(0);
  }, 60_000);

  it('exits non-zero when no platform could start, naming each', async () => {
    const port = await freePort();
    const r = start([], {
      ...slackEnv(port),
      SLACK_BOT_TOKEN: 'xoxb-rejected',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      DISCORD_TOKEN: 'not-the-token',
      DISCORD_API_URL: discord.apiUrl,
    });
    expect(await exitCode(r, 30_000)).toBe(1);
    expect(r.output()).toMatch(/Discord could not start/);
    expect(r.output()).toMatch(/Slack could not start/);
  }, 60_000);
});

describe('SIGTERM', () => {
  it('stops the bot within the bound while Discord is unreachable', async () => {
    const discord = await DiscordStandin.start({ guilds: 1 });
    const r = start([], { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'info' });
    try {
      await eventually(() => /discord bot ready/.test(r.output()), 'the bot to be ready');
    } finally {
      // Discord goes away: the gateway drops and every reconnect is refused.
      await discord.close();
    }
    await eventually(() => /gateway reconnecting|gateway error/.test(r.output()), 'the bot to notice', 15_000);
    r.child.kill('SIGTERM');
    expect(await exitCode(r)).toBe(0);
  }, 60_000);

  it('stops the terminal chat too', async () => {
    // Standard input stays open: the chat waits for input until the signal.
    const r = start([], {}, { stdin: 'open' });
    await eventually(() => /img-advisor in your terminal/.test(r.output()), 'the chat');
    r.child.kill('SIGTERM');
    expect(await exitCode(r)).toBe(0);
  });
});

describe('the shard supervisor', () => {
  it('starts a shard process again when it dies, and the restarted shard serves its servers', async () => {
    const sharded = await DiscordStandin.start({ recommendedShards: 2, guilds: 0 });
    const guildOnShard1 = sharded.addGuildOnShard(1, 2);
    try {
      const r = start([], {
        DISCORD_TOKEN: sharded.token,
        DISCORD_API_URL: sharded.apiUrl,
        DISCORD_SHARDS: 'auto',
        REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
        LOG_LEVEL: 'info',
      });
      await eventually(() => /all shards ready/.test(r.output()), 'both shards', 60_000);
      const started = /"shard":1,"pid":(\d+)[^\n]*shard process started/.exec(r.output());
      expect(started).not.toBeNull();
      const identifiesBefore = sharded.identifies.filter((i) => i.shard[0] === 1).length;
      process.kill(Number(started?.[1]), 'SIGKILL');
      await eventually(() => /shard process died; restarting/.test(r.output()), 'the manager to notice');
      await sharded.waitFor(
        () => sharded.identifies.filter((i) => i.shard[0] === 1).length > identifiesBefore,
        'shard 1 to connect again',
        60_000,
      );
      await sharded.waitForShards(2);
      const rec = sharded.slash(sharded.makeUser('after'), 'help', { guildId: guildOnShard1 });
      expect(visibleText(await sharded.response(rec))).toMatch(/\/ask/);
      r.child.kill('SIGTERM');
      expect(await exitCode(r)).toBe(0);
    } finally {
      await sharded.close();
    }
  }, 120_000);
});

describe('a state store that is down at start', () => {
  it('one-shot runs print one line and exit 1; with --json, one {ok:false} object', async () => {
    const list = start(['tracker', 'list'], { REDIS_URL: REDIS_DOWN });
    expect(await exitCode(list)).toBe(1);
    expect(list.output().trim().split('\n')).toHaveLength(1);
    expect(list.output()).toMatch(/the state store \(Redis at redis:\/\/127\.0\.0\.1:6399\) is not reachable.*try again shortly/);

    const ask = start(['ask', '--json', 'what is cap exempt'], { REDIS_URL: REDIS_DOWN });
    expect(await exitCode(ask)).toBe(1);
    const lines = ask.stdout().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      ok: false,
      command: 'ask',
      errors: [{ field: 'store', message: expect.stringMatching(/not reachable/) }],
    });
  });

  it('npm start exits 1 with one line, for platforms and for the terminal chat', async () => {
    const platform = start([], { REDIS_URL: REDIS_DOWN, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '1' });
    expect(await exitCode(platform)).toBe(1);
    expect(platform.output()).toMatch(/cannot start: the state store \(Redis at .*\) is not reachable.*check REDIS_URL/);
    expectNoStack(platform.output());

    const chat = start([], { REDIS_URL: REDIS_DOWN }, { stdin: '/help\n' });
    expect(await exitCode(chat)).toBe(1);
    expect(chat.output()).toMatch(/is not reachable/);
    expectNoStack(chat.output());
  });

  it('a SQLite path that cannot be opened is one line too', async () => {
    const blocked = path.join(dir(), 'a-file');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(blocked, 'not a folder');
    const r = start(['tracker', 'add', 'institution:Mercy', '--json'], { SQLITE_PATH: path.join(blocked, 'state.sqlite') });
    expect(await exitCode(r)).toBe(1);
    expect(JSON.parse(r.stdout().trim())).toMatchObject({ ok: false, errors: [{ field: 'store' }] });
    expectNoStack(r.output());
  });
});
