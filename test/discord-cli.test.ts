import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ensureBuilt } from './support/build.js';
import { DiscordStandin, visibleText } from './support/discord-standin/index.js';
import { REDIS_URL } from './support/harness.js';
import { freePort, getMetrics, type Health, healthWhen, ready, sample } from './support/health.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist/bin/cli.js');

/** The environment a member's shell would have, minus any real Slack, Discord or Redis settings. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_|REDIS_URL|SQLITE_PATH|LOG_LEVEL|SHARD)/.test(k)),
  );
  return { ...env, ...extra };
}

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Running {
  const child = spawn(process.execPath, [CLI], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // When a test fails, what the bot printed is the first thing to read.
  onTestFailed(() => {
    process.stderr.write(`--- bot output ---\n${out.slice(-6000)}\n------------------\n`);
  });
  return { child, output: () => out, exited };
}

beforeAll(() => {
  ensureBuilt();
}, 120_000);

let standin: DiscordStandin;
let bot: Running | undefined;
beforeAll(async () => {
  standin = await DiscordStandin.start({ guilds: 2 });
});
afterEach(async () => {
  bot?.child.kill('SIGKILL');
  await bot?.exited;
  bot = undefined;
});
afterAll(() => standin?.close());

/** Polls until `check` holds: for what the bot prints, which the stand-in does not see. */
async function eventually(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const dirs: string[] = [];
const dir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'img-advisor-discord-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('npm start with DISCORD_TOKEN, as a user would run it', () => {
  it('connects to the API it is pointed at, answers /ask, and stops cleanly on SIGTERM', async () => {
    bot = start({
      DISCORD_TOKEN: standin.token,
      DISCORD_APPLICATION_ID: standin.applicationId,
      DISCORD_API_URL: standin.apiUrl,
      SQLITE_PATH: path.join(dir(), 'state.sqlite'),
      LOG_LEVEL: 'info',
    });
    await standin.waitForShards(1, 30_000);
    await eventually(() => /discord bot ready/.test(bot?.output() ?? ''), 'the bot to be ready');
    const member = standin.makeUser('member');
    const rec = standin.slash(member, 'ask', { guildId: standin.guilds[0], options: { question: 'what does cap exempt mean' } });
    const msg = await standin.response(rec);
    expect(visibleText(msg)).toMatch(/cap-exempt/i);
    // Nothing the member typed reaches the logs.
    expect(bot.output()).not.toMatch(/cap exempt/);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 60_000);

  it('says what is wrong with a bad token instead of hanging', async () => {
    bot = start({
      DISCORD_TOKEN: 'not-the-token',
      DISCORD_API_URL: standin.apiUrl,
      SQLITE_PATH: path.join(dir(), 'state.sqlite'),
    });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toMatch(/invalid token/i);
  }, 60_000);
});

describe('health and metrics in Discord mode (HEALTH_PORT)', () => {
  it('answers /healthz with the gateway state and /metrics with what was handled, and follows a dropped connection', async () => {
    const port = await freePort();
    bot = start({
      DISCORD_TOKEN: standin.token,
      DISCORD_APPLICATION_ID: standin.applicationId,
      DISCORD_API_URL: standin.apiUrl,
      SQLITE_PATH: path.join(dir(), 'state.sqlite'),
      HEALTH_PORT: String(port),
    });
    const up = await healthWhen(port, ready('discord'), 'the bot to be healthy');
    expect(up.body.store).toMatchObject({ ok: true, backend: 'sqlite' });
    expect(up.body.platforms.discord).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ connection: 'client', state: 'ready' }),
        expect.objectContaining({ connection: 'shard-0', state: 'ready' }),
      ]),
    );

    const member = standin.makeUser('metrics');
    await standin.response(
      standin.slash(member, 'ask', { guildId: standin.guilds[0], options: { question: 'what is a J-1 waiver' } }),
    );
    const m = await getMetrics(port);
    expect(sample(m.text, 'img_advisor_commands_total', { platform: 'discord', command: 'ask', outcome: 'ok' })).toBe(1);
    expect(sample(m.text, 'img_advisor_command_duration_seconds_count', { platform: 'discord', command: 'ask' })).toBe(1);
    expect(sample(m.text, 'img_advisor_connection_up', { platform: 'discord', connection: 'shard-0' })).toBe(1);
    expect(m.text).not.toMatch(/J-1 waiver/);

    // The gateway drops: discord.js reconnects, and /healthz is ok again with a newer `since`.
    const shard0 = (h: Health) => h.body.platforms.discord?.find((c) => c.connection === 'shard-0');
    const before = shard0(up)?.since;
    standin.drop(0);
    const back = await healthWhen(port, (h) => h.status === 200 && shard0(h)?.since !== before, 'the reconnect');
    expect(shard0(back)?.state).toBe('ready');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 60_000);
});

describe('DISCORD_SHARDS with REDIS_URL', () => {
  it('runs shard processes that share state: a drill started on one shard continues on another', async () => {
    const sharded = await DiscordStandin.start({ recommendedShards: 2, guilds: 1 });
    try {
      // A server whose events go to shard 1; DMs always arrive on shard 0.
      const guildOnShard1 = sharded.addGuildOnShard(1, 2);
      const port = await freePort();
      bot = start({
        HEALTH_PORT: String(port),
        DISCORD_TOKEN: sharded.token,
        DISCORD_APPLICATION_ID: sharded.applicationId,
        DISCORD_API_URL: sharded.apiUrl,
        DISCORD_SHARDS: 'auto',
        REDIS_URL,
        SQLITE_PATH: path.join(dir(), 'state.sqlite'),
        LOG_LEVEL: 'info',
      });
      await eventually(() => /all shards ready/.test(bot?.output() ?? ''), 'both shards', 60_000);
      expect(sharded.identifies.map((i) => i.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      const member = sharded.makeUser('sharded');
      // Started in a server, so through shard 1: the questions go to the member's DMs...
      const pointer = await sharded.response(
        sharded.slash(member, 'interview', { guildId: guildOnShard1, subcommand: 'start', options: { count: 1 } }),
      );
      expect(pointer.ephemeral).toBe(true);
      expect(visibleText(pointer)).toMatch(/direct messages/);
      await sharded.waitFor(
        () => sharded.dmMessages(member).some((m) => /Question 1 of 1/.test(visibleText(m))),
        'the first question',
        20_000,
      );
      // ...where the answer arrives through shard 0, which finds the drill in the shared store.
      const before = sharded.dmMessages(member).length;
      sharded.dm(
        member,
        'When our clinic changed its records system I led a small team of nurses and residents, trained them in two weeks, and cut charting time by a third.',
      );
      const feedback = await sharded.waitFor(
        () => sharded.dmMessages(member).length > before && sharded.dmMessages(member).at(-1),
        'feedback on the answer',
        20_000,
      );
      expect(visibleText(feedback)).toMatch(/Feedback/);
      expect(visibleText(feedback)).not.toMatch(/does not cover/);

      // The manager's /healthz has both shard processes; its /metrics adds up what each handled.
      const health = await healthWhen(port, ready('discord'), 'the shard processes in /healthz');
      expect(health.body.platforms.discord?.map((c) => `${c.connection}:${c.state}`).sort()).toEqual([
        'shard-process-0:ready',
        'shard-process-1:ready',
      ]);
      const m = await getMetrics(port);
      // The slash command on shard 1 and the DM turn on shard 0, counted in two processes.
      expect(sample(m.text, 'img_advisor_commands_total', { platform: 'discord', kind: 'command', command: 'interview' })).toBe(
        1,
      );
      expect(sample(m.text, 'img_advisor_commands_total', { platform: 'discord', kind: 'message', command: 'interview' })).toBe(
        1,
      );
      expect(sample(m.text, 'img_advisor_connection_up', { platform: 'discord', connection: 'shard-0' })).toBe(1);
      expect(sample(m.text, 'img_advisor_connection_up', { platform: 'discord', connection: 'shard-1' })).toBe(1);
      expect(sample(m.text, 'img_advisor_store_operation_duration_seconds_count', { backend: 'redis' })).toBeGreaterThan(0);
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    } finally {
      await sharded.close();
    }
  }, 90_000);
});
