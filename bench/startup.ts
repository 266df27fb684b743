import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/config.js';
import { DiscordStandin } from '../test/support/discord-standin/server.js';
import { SIGNING_SECRET } from '../test/support/slack-standin/signed.js';
import { SlackStandin } from '../test/support/slack-standin/standin.js';
import { type BenchResult, percentile, round, versus } from './stats.js';

const RUNS = 5;
const TIMEOUT_MS = 30_000;
const CLI = path.join(PACKAGE_ROOT, 'dist', 'bin', 'cli.js');

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** The environment of a member's shell, without real platform or Redis settings. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_|REDIS_URL|PORT$|HEALTH_)/.test(k)),
  );
  return { ...env, LOG_LEVEL: 'silent', ...extra };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Milliseconds from spawning `npm start`'s process to /healthz answering 200. */
async function timeToHealthy(env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'img-bench-start-'));
  const started = performance.now();
  const child = spawn(process.execPath, [CLI], {
    env: cleanEnv({ ...env, HEALTH_PORT: String(port), SQLITE_PATH: path.join(dir, 'state.sqlite') }),
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode}`);
      if (performance.now() - started > TIMEOUT_MS) throw new Error('the bot did not become healthy');
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await stop(child);
  }
}

/** Milliseconds for a bare discord.js client process to log in to the same stand-in and be ready. */
function bareDiscordReady(standin: DiscordStandin): Promise<number> {
  const code = `
    import { Client, GatewayIntentBits, Events } from 'discord.js';
    const c = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: process.env.API } });
    c.once(Events.ClientReady, () => { c.destroy().then(() => process.exit(0)); });
    c.login(process.env.TOKEN);`;
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, API: standin.apiUrl.replace(/\/v\d+$/, ''), TOKEN: standin.token },
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (c) => (c === 0 ? resolve(performance.now() - started) : reject(new Error(`bare client exited ${c}`))));
  });
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/**
 * The bots' time to ready, as `npm start` runs them: from spawning the process to /healthz
 * answering 200 (store reachable, every connection ready). Discord is compared with a bare
 * discord.js client logging in to the same local stand-in; Slack is reported as is.
 */
export async function benchStartup(): Promise<BenchResult[]> {
  const discord = await DiscordStandin.start({ guilds: 2 });
  const slack = await new SlackStandin().start();
  try {
    const ours: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(await bareDiscordReady(discord));
      ours.push(
        await timeToHealthy({
          DISCORD_TOKEN: discord.token,
          DISCORD_APPLICATION_ID: discord.applicationId,
          DISCORD_API_URL: discord.apiUrl,
        }),
      );
    }
    const http: number[] = [];
    const socket: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      http.push(
        await timeToHealthy({
          SLACK_BOT_TOKEN: 'xoxb-bench',
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          PORT: String(await freePort()),
          SLACK_API_URL: slack.apiUrl,
        }),
      );
      socket.push(
        await timeToHealthy({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_APP_TOKEN: 'xapp-1-A0-bench', SLACK_API_URL: slack.apiUrl }),
      );
    }
    return [
      versus(
        `Discord bot: spawn to /healthz 200 (median of ${RUNS}), vs a bare discord.js client's spawn to ready`,
        'ms',
        median(ours),
        median(bare),
        { show: (n) => round(n, 0) },
      ),
      { name: `Slack over HTTP: spawn to /healthz 200 (median of ${RUNS})`, value: round(median(http), 0), unit: 'ms' },
      { name: `Slack over Socket Mode: spawn to /healthz 200 (median of ${RUNS})`, value: round(median(socket), 0), unit: 'ms' },
    ];
  } finally {
    await discord.close();
    await slack.stop();
  }
}
