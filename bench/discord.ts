import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { type Bot, startBot } from '../src/adapters/discord/bot.js';
import type { App } from '../src/app/app.js';
import { allRecords, registry } from '../src/app/features.js';
import { loadConfig } from '../src/config.js';
import { Router } from '../src/core/router.js';
import { getEngine } from '../src/features/answer/service.js';
import { createLogger } from '../src/log.js';
import { memoryStore } from '../src/store/open.js';
import { DiscordStandin, type InteractionRecord } from '../test/support/discord-standin/server.js';
import { type BenchResult, percentile, ratioOf, round, versus } from './stats.js';

const SEQUENTIAL = 500;
const CONCURRENT = 500;
const CONCURRENCY = 20;
const WARMUP = 50;
const SERVERS = 1000;
/** A busy community server as GUILD_CREATE delivers it to a bot without privileged intents. */
const BUSY_SERVER = { channels: 60, roles: 40, emojis: 50, stickers: 5, threads: 20, events: 3 };

type Send = (i: number) => InteractionRecord;

const answered = (s: DiscordStandin, rec: InteractionRecord) =>
  s.waitFor(() => rec.original !== undefined && !rec.original.loading, 'an answer', 30_000);

/** Per-interaction time (dispatch on the gateway to the answer at the REST API), one at a time. */
async function latency(s: DiscordStandin, send: Send): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < WARMUP; i++) await answered(s, send(i));
  const samples: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const t = performance.now();
    await answered(s, send(i));
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** Interactions answered per second with CONCURRENCY in flight. */
async function throughput(s: DiscordStandin, send: Send): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CONCURRENT) await answered(s, send(next++));
    }),
  );
  return CONCURRENT / ((performance.now() - t) / 1000);
}

/** The baseline: a bare discord.js client with default options that replies with a constant. */
async function bareClient(s: DiscordStandin): Promise<Client> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages], rest: { api: s.apiUrl } });
  client.on(Events.InteractionCreate, (i: Interaction) => {
    if (i.isChatInputCommand()) void i.reply('pong').catch(() => undefined);
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(s.token);
  await ready;
  return client;
}

async function ourBot(s: DiscordStandin): Promise<{ bot: Bot; app: App }> {
  const config = loadConfig({ DISCORD_TOKEN: s.token, DISCORD_API_URL: s.apiUrl, LOG_LEVEL: 'silent' });
  const log = createLogger('silent');
  const store = memoryStore();
  const app: App = {
    config,
    log,
    store,
    router: new Router({ commands: registry(), records: allRecords(), store, config, log }),
    close: () => store.close(),
  };
  await getEngine(config.contentDir);
  return { bot: await startBot(app), app };
}

async function interactionResults(): Promise<BenchResult[]> {
  const s = await DiscordStandin.start({ guilds: 1 });
  const guildId = s.guilds[0] ?? '';
  const users = Array.from({ length: 50 }, (_, i) => s.makeUser(`bench${i}`));
  const user = (i: number) => users[i % users.length] ?? users[0];
  const slash =
    (name: string, options: Record<string, unknown> = {}) =>
    (i: number) =>
      s.slash(user(i) as NonNullable<ReturnType<typeof user>>, name, { guildId, options });
  try {
    const bare = await bareClient(s);
    const bareLatency = await latency(s, slash('ping'));
    const bareRate = await throughput(s, slash('ping'));
    await bare.destroy();

    const { bot, app } = await ourBot(s);
    const helpLatency = await latency(s, slash('help'));
    const askLatency = await latency(s, slash('ask', { question: 'what does cap exempt mean' }));
    const askRate = await throughput(s, slash('ask', { question: 'what does cap exempt mean' }));
    await bot.stop();
    await app.close();
    return [
      versus(
        `interactions answered per second, /ask through discord.js and the stand-in (${CONCURRENCY} in flight)`,
        'interactions/s',
        askRate,
        bareRate,
        { show: (n) => round(n, 0) },
      ),
      versus(
        'time per interaction p50, /help (adapter, router, render) vs a bare client replying a constant',
        'ms',
        helpLatency.p50,
        bareLatency.p50,
        { show: (n) => round(n, 3), goal: 1.5 },
      ),
      versus('time per interaction p99, /help vs the bare client', 'ms', helpLatency.p99, bareLatency.p99, {
        show: (n) => round(n, 3),
      }),
      versus(
        'time per interaction p50, /ask (a guide search included) vs the bare client',
        'ms',
        askLatency.p50,
        bareLatency.p50,
        { show: (n) => round(n, 3) },
      ),
    ];
  } finally {
    await s.close();
  }
}

const BURST = 1000;
const BURST_MEMBERS = 200;
const BURST_QUESTIONS = [
  'what does cap exempt mean',
  'how long is a clinical informatics fellowship',
  'can I switch from J-1 to H-1B',
  'how do I explain a gap in training',
  'what is a waiver of the two year rule',
  'how much is the h1b filing fee',
  'do I need step 3 before residency',
  'is work life balance good in informatics',
];

interface Burst {
  drops: number;
  p50: number;
  p99: number;
  /** Interactions given a first response per second, over the whole burst. */
  rate: number;
}

/**
 * BURST interactions from BURST_MEMBERS members dispatched at once on the gateway. A drop is an
 * interaction that got no first response before Discord's deadline (the stand-in refuses a late
 * one, as Discord does); times run from each interaction's creation to its first response.
 */
async function burst(s: DiscordStandin, send: Send): Promise<Burst> {
  const recs = Array.from({ length: BURST }, (_, i) => send(i));
  const start = Math.min(...recs.map((r) => r.createdAt));
  await s.waitFor(() => recs.every((r) => r.acknowledged || r.late) || undefined, 'the burst', 60_000).catch(() => undefined);
  const times = recs
    .flatMap((r) => (r.respondedAt !== undefined && !r.late ? [r.respondedAt - r.createdAt] : []))
    .sort((a, b) => a - b);
  const last = Math.max(...recs.map((r) => r.respondedAt ?? 0));
  return {
    drops: recs.filter((r) => !r.acknowledged).length,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    rate: times.length / Math.max(0.001, (last - start) / 1000),
  };
}

/** The bot (or the bare baseline) in its own process, connected to the stand-in; resolves once ready. */
async function botProcess(mode: 'ours' | 'bare', s: DiscordStandin, sqlitePath: string): Promise<{ stop(): Promise<void> }> {
  const child = fileURLToPath(new URL('./discord-burst-child.js', import.meta.url));
  const p = spawn(process.execPath, [child, mode, s.apiUrl, s.token, sqlitePath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    p.stdout.on('data', (d) => {
      out += String(d);
      if (out.includes('ready')) resolve();
    });
    p.once('exit', (code) => reject(new Error(`burst child (${mode}) exited ${code} before it was ready`)));
  });
  return {
    async stop() {
      const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
      p.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function burstResults(): Promise<BenchResult[]> {
  const s = await DiscordStandin.start({ guilds: 1 });
  const dir = mkdtempSync(path.join(tmpdir(), 'img-bench-burst-'));
  const guildId = s.guilds[0] ?? '';
  const members = Array.from({ length: BURST_MEMBERS }, (_, i) => s.makeUser(`burst${i}`));
  const who = (i: number) => members[i % members.length] ?? (members[0] as NonNullable<(typeof members)[0]>);
  const ping: Send = (i) => s.slash(who(i), 'ping', { guildId });
  const mixed: Send = (i) =>
    i % 5 === 4
      ? s.slash(who(i), 'help', { guildId })
      : s.slash(who(i), i % 3 ? 'ask' : 'visa', { guildId, options: { question: BURST_QUESTIONS[i % BURST_QUESTIONS.length] } });
  try {
    const bare = await botProcess('bare', s, '');
    const base = await burst(s, ping);
    await bare.stop();
    // The bot as deployed by default: the SQLite file, content loaded before it connects.
    const bot = await botProcess('ours', s, path.join(dir, 'burst.sqlite'));
    const ours = await burst(s, mixed);
    await bot.stop();
    const of = `${BURST.toLocaleString('en-US')} interactions from ${BURST_MEMBERS} members at once`;
    return [
      {
        name: `burst of ${of}: interactions without a first response in time (drops; the bare client dropped ${base.drops})`,
        value: ours.drops,
        unit: 'interactions',
        goal: 0,
        goalKind: 'max-value',
      },
      versus(
        `burst of ${of}: p99 to first response (/ask, /visa, /help; SQLite) vs a bare client replying a constant`,
        'ms',
        ours.p99,
        base.p99,
        { show: (n) => round(n, 0) },
      ),
      {
        name: `burst of ${of}: p99 to first response under 1.5 s`,
        value: round(ours.p99, 0),
        unit: 'ms',
        goal: 1500,
        goalKind: 'max-value',
      },
      versus(`burst of ${of}: p50 to first response`, 'ms', ours.p50, base.p50, { show: (n) => round(n, 0) }),
      versus(`burst of ${of}: first responses per second (one bot process)`, 'interactions/s', ours.rate, base.rate, {
        show: (n) => round(n, 0),
      }),
    ];
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Memory {
  rss: number;
  heapUsed: number;
}

/** One clean child process per measurement, so nothing of an earlier run stays in its heap. */
function measureChild(mode: 'ours' | 'default', s: DiscordStandin): Promise<Memory> {
  const child = fileURLToPath(new URL('./discord-memory-child.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--expose-gc', child, mode, s.apiUrl, s.token], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => {
      out += String(d);
    });
    const timer = setTimeout(() => p.kill('SIGKILL'), 120_000);
    p.on('error', reject);
    p.on('exit', (code) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '') as Memory);
      } catch {
        reject(new Error(`memory child (${mode}) exited ${code} without a report`));
      }
    });
  });
}

async function memoryResults(): Promise<BenchResult[]> {
  const busy = await DiscordStandin.start({ guilds: SERVERS, guildShape: BUSY_SERVER });
  const empty = await DiscordStandin.start({ guilds: 0 });
  const mb = (n: number) => round(n / 1024 / 1024, 1);
  try {
    // Resident memory is noisy by a few MB; the lower of two clean runs is reported.
    const best = async (mode: 'ours' | 'default', s: DiscordStandin) => {
      const a = await measureChild(mode, s);
      const b = await measureChild(mode, s);
      return { rss: Math.min(a.rss, b.rss), heapUsed: Math.min(a.heapUsed, b.heapUsed) };
    };
    const ours = await best('ours', busy);
    const dflt = await best('default', busy);
    const ours0 = await measureChild('ours', empty);
    const dflt0 = await measureChild('default', empty);
    const shape = `${SERVERS.toLocaleString('en-US')} servers of ${BUSY_SERVER.channels} channels, ${BUSY_SERVER.roles} roles, ${BUSY_SERVER.emojis} emojis, ${BUSY_SERVER.threads} threads`;
    return [
      versus(`resident memory after ${shape}, bot caches vs discord.js default caching`, 'MB', ours.rss, dflt.rss, {
        show: mb,
        goal: 0.5,
      }),
      versus(
        `JS heap in use after ${SERVERS.toLocaleString('en-US')} servers, bot caches vs default caching`,
        'MB',
        ours.heapUsed,
        dflt.heapUsed,
        { show: mb },
      ),
      {
        name: `heap growth from 0 to ${SERVERS.toLocaleString('en-US')} servers, bot caches vs default caching`,
        value: mb(Math.max(0, ours.heapUsed - ours0.heapUsed)),
        unit: 'MB',
        baseline: mb(Math.max(0, dflt.heapUsed - dflt0.heapUsed)),
        ratio: ratioOf(Math.max(0, ours.heapUsed - ours0.heapUsed), Math.max(1, dflt.heapUsed - dflt0.heapUsed)),
      },
    ];
  } finally {
    await busy.close();
    await empty.close();
  }
}

/**
 * The Discord adapter through the real discord.js client and the loopback stand-in: how fast
 * interactions are answered compared with a bare client that replies a constant, and how much
 * memory 1,000 busy servers cost with the bot's caches compared with discord.js's defaults.
 * Bounded: 1,100 timed interactions per client and six short child processes.
 */
export async function benchDiscord(): Promise<BenchResult[]> {
  return [...(await burstResults()), ...(await interactionResults()), ...(await memoryResults())];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await benchDiscord()) process.stdout.write(`${JSON.stringify(r)}\n`);
}
