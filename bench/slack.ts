import { createHmac } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { App as BoltApp } from '@slack/bolt';
import { createSlackApp } from '../src/adapters/slack/app.js';
import { renderReply } from '../src/adapters/slack/render.js';
import type { App } from '../src/app/app.js';
import { allRecords, registry } from '../src/app/features.js';
import { loadConfig } from '../src/config.js';
import { Router } from '../src/core/router.js';
import { createLogger } from '../src/log.js';
import { memoryStore } from '../src/store/open.js';
import { type BenchResult, versus } from './stats.js';

const REQUESTS = 1000;
const CONCURRENCY = 20;
const WARMUP = 100;
const SLICE = 50;
const SECRET = 'bench-signing-secret';

/** The two Web API endpoints the run touches (auth.test at start, response_url per request), on loopback. */
async function standIn(): Promise<{ server: Server; base: string }> {
  const server = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        req.url?.startsWith('/api/auth.test')
          ? JSON.stringify({ ok: true, team_id: 'T0BENCH', user_id: 'U0BOT', bot_id: 'B0BOT', team: 'Bench', user: 'bot' })
          : '{"ok":true}',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One signed slash command over a kept-alive connection; resolves with the status once the body is read. */
function signedSlash(url: URL, command: string, responseUrl: string, i: number): Promise<number> {
  const body = new URLSearchParams({
    token: 'x',
    team_id: 'T0BENCH',
    team_domain: 'bench',
    channel_id: 'C0BENCH',
    channel_name: 'bench',
    user_id: `U0BENCH${i % 50}`,
    user_name: 'bench',
    command,
    text: '',
    api_app_id: 'A0BENCH',
    response_url: responseUrl,
    trigger_id: `t${i}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': sig,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface Tally {
  ms: number;
  /** CPU time of this process (client, app and stand-in alike) during the batches. */
  cpuMs: number;
  count: number;
  latencies: number[];
}

/** `count` signed slash commands, `CONCURRENCY` at a time; each completes when the app has answered. */
async function batch(url: URL, command: string, responseUrl: string, count: number, into: Tally): Promise<void> {
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const t = performance.now();
      const status = await signedSlash(url, command, responseUrl, i);
      if (status !== 200) throw new Error(`request ${i} answered ${status}`);
      into.latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  into.ms += performance.now() - started;
  const used = process.cpuUsage(cpu);
  into.cpuMs += (used.user + used.system) / 1000;
  into.count += count;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const p99 = (t: Tally) => {
  const sorted = [...t.latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
};

/**
 * Requests per second and p99 latency of `/help` through the adapter on the real Bolt HTTP
 * receiver, against a bare Bolt app that acks and responds with a constant. Both finish their
 * response_url post before answering (processBeforeResponse), so both measure the whole job.
 */
export async function benchSlack(): Promise<BenchResult[]> {
  const api = await standIn();
  const responseUrl = `${api.base}/response/bench`;
  const clientOptions = { slackApiUrl: `${api.base}/api/`, retryConfig: { retries: 0 } };
  const log = createLogger('silent');

  // Configured as the adapter configures Bolt where it changes the work per request: no
  // conversation store (a lookup of every request's channel that neither app reads), the same
  // receiver settings, and logs off on both sides (the adapter's logger is 'silent' below).
  const bare = new BoltApp({
    token: 'xoxb-bench',
    signingSecret: SECRET,
    processBeforeResponse: true,
    convoStore: false,
    clientOptions,
    logger: silentBolt(),
  });
  // The constant is the message the adapter sends for /help, so both post the same bytes and
  // the difference is the adapter's own work: routing, the command, rendering.
  const constant = { response_type: 'ephemeral' as const, ...(await helpMessage()) };
  bare.command(/.*/, async ({ ack, respond }) => {
    await ack();
    await respond(constant);
  });
  const bareServer = (await bare.start(0)) as unknown as Server;
  const bareUrl = new URL(`http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/slack/events`);

  const config = loadConfig({ LOG_LEVEL: 'silent', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET });
  const store = memoryStore();
  const core: App = {
    config,
    log,
    store,
    router: new Router({ commands: registry(), records: allRecords(), store, config, log }),
    close: () => store.close(),
  };
  const ours = createSlackApp(core, {
    mode: { transport: 'http', botToken: 'xoxb-bench', signingSecret: SECRET, port: 0, prefix: '' },
    processBeforeResponse: true,
    clientOptions,
  });
  const { port } = await ours.start();
  const oursUrl = new URL(`http://127.0.0.1:${port}/slack/events`);

  try {
    const warm: Tally = { ms: 0, cpuMs: 0, count: 0, latencies: [] };
    await batch(bareUrl, '/help', responseUrl, WARMUP, warm);
    await batch(oursUrl, '/help', responseUrl, WARMUP, warm);
    // Interleaved slices: both apps see the same background load on a shared machine.
    const bareTally: Tally = { ms: 0, cpuMs: 0, count: 0, latencies: [] };
    const oursTally: Tally = { ms: 0, cpuMs: 0, count: 0, latencies: [] };
    const pairRatios: number[] = [];
    const cpuRatios: number[] = [];
    for (let slice = 0; slice * SLICE < REQUESTS; slice++) {
      const b = { ms: bareTally.ms, cpuMs: bareTally.cpuMs };
      const o = { ms: oursTally.ms, cpuMs: oursTally.cpuMs };
      // Alternate which goes first, so a load spike or drift does not favour one side.
      if (slice % 2 === 0) {
        await batch(bareUrl, '/help', responseUrl, SLICE, bareTally);
        await batch(oursUrl, '/help', responseUrl, SLICE, oursTally);
      } else {
        await batch(oursUrl, '/help', responseUrl, SLICE, oursTally);
        await batch(bareUrl, '/help', responseUrl, SLICE, bareTally);
      }
      pairRatios.push((bareTally.ms - b.ms) / (oursTally.ms - o.ms));
      cpuRatios.push((bareTally.cpuMs - b.cpuMs) / (oursTally.cpuMs - o.cpuMs));
    }
    const rps = (t: Tally) => t.count / (t.ms / 1000);
    const ratio = median(pairRatios);
    const round = (n: number) => Math.round(n * 10) / 10;
    return [
      {
        name: `slack http: /help throughput (${REQUESTS} signed requests, ${CONCURRENCY} at a time) vs bare Bolt (ratio: median of ${pairRatios.length} interleaved slices)`,
        value: round(rps(oursTally)),
        unit: 'req/s',
        baseline: round(rps(bareTally)),
        ratio: Math.round(ratio * 100) / 100,
        goal: 0.9,
        goalKind: 'min-ratio',
      },
      versus('slack http: /help p99 latency vs bare Bolt', 'ms', p99(oursTally), p99(bareTally), { show: round }),
      {
        // Wall-clock numbers swing with whatever else the machine runs; CPU per request does not.
        name: 'slack http: /help CPU per request vs bare Bolt (ratio = bare / adapter, median of slices)',
        value: Math.round((oursTally.cpuMs / oursTally.count) * 1000) / 1000,
        unit: 'ms',
        baseline: Math.round((bareTally.cpuMs / bareTally.count) * 1000) / 1000,
        ratio: Math.round(median(cpuRatios) * 100) / 100,
        goal: 0.9,
        goalKind: 'min-ratio',
      },
    ];
  } finally {
    await ours.stop();
    await bare.stop();
    await core.close();
    await new Promise<void>((resolve) => api.server.close(() => resolve()));
  }
}

async function helpMessage() {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const log = createLogger('silent');
  const router = new Router({ commands: registry(), records: allRecords(), store: memoryStore(), config, log });
  const [reply] = await router.handle({
    kind: 'command',
    platform: 'slack',
    command: 'help',
    text: '',
    user: { id: 'U0', name: 'u' },
    conversation: { id: 'C0', isDirect: false },
  });
  if (!reply) throw new Error('/help gave no reply');
  const [message] = renderReply(reply).messages;
  if (!message) throw new Error('/help rendered nothing');
  return message;
}

function silentBolt() {
  const noop = () => {};
  return { debug: noop, info: noop, warn: noop, error: noop, setLevel: noop, getLevel: () => 'error' as never, setName: noop };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchSlack().then(
    (results) => {
      for (const r of results) {
        const vs =
          r.baseline === undefined
            ? ''
            : ` (bare Bolt ${r.baseline} ${r.unit}${r.ratio === undefined ? '' : `, ratio ${r.ratio}, goal ≥ ${r.goal}`})`;
        process.stdout.write(`${r.name}: ${r.value} ${r.unit}${vs}\n`);
      }
    },
    (err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
