import { stdout } from 'node:process';
import type { Config } from '../config.js';
import type { Feature } from '../core/feature.js';
import { createLogger } from '../log.js';
import { isStoreUnavailable } from '../store/errors.js';
import { oneShotApp, readConfig, runOnce, say, scriptIO } from './one-shot.js';
import { type App, createAppWith } from './wire.js';

const USAGE = `Usage:
  img-advisor                         start the bot (Discord/Slack when their tokens are set, else a terminal chat)
  img-advisor <command> [words] [--json]   run one command and print the result, e.g.
      img-advisor ask --json "what is cap exempt"
      img-advisor visa "can I switch from J-1 to H-1B"
  img-advisor content-check           validate everything in content/
  img-advisor gaps                    questions the guide could not answer (key words and counts)
  img-advisor help                    every chat command
  img-advisor --version               the version`;

/** Commands that read the whole app (every command, every record kind) load every feature. */
const NEEDS_ALL = new Set(['help', 'forget']);

/**
 * The features a one-shot run of `only` needs: just that command (one file per command, named after
 * it), so `img-advisor tracker ...` never loads the other commands and their libraries; every
 * feature for the commands that read the whole app, or a name with no file of its own.
 */
async function featuresFor(only: string): Promise<Feature[]> {
  if (!NEEDS_ALL.has(only) && /^[a-z][a-z0-9-]*$/.test(only)) {
    // In an async function, so a name the bundle has no file for is a rejection, not a throw.
    const load = async () => import(`../../commands/${only}.js`);
    const mod = (await load().catch(() => undefined)) as { default?: import('../core/command.js').CommandDefinition } | undefined;
    if (mod?.default?.name === only) {
      const { defineFeature } = await import('../core/feature.js');
      return [defineFeature({ name: 'one-shot', commands: [mod.default] })];
    }
  }
  return (await import('./features.js')).FEATURES;
}

async function makeApp(config: Config, interactive: boolean): Promise<App> {
  // Terminal use keeps the screen for the conversation: warnings only, unless LOG_LEVEL says otherwise.
  const log = createLogger(config.LOG_LEVEL ?? (interactive ? 'warn' : 'info'));
  return createAppWith((await import('./features.js')).FEATURES, { config, log });
}

/** Resolves on the first SIGINT or SIGTERM; the listeners stay, so a second signal is not fatal mid-shutdown. */
function stopSignal(): { requested: Promise<NodeJS.Signals>; dispose(): void } {
  let resolve!: (s: NodeJS.Signals) => void;
  const requested = new Promise<NodeJS.Signals>((r) => {
    resolve = r;
  });
  const on = (signal: NodeJS.Signals) => resolve(signal);
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  return {
    requested,
    dispose() {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
    },
  };
}

/** Stops within this bound in every state, network or not: process managers kill after about 10 s. */
const SHUTDOWN_MS = 4500;

const timeout = (ms: number) => new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref());

async function checkStore(app: App): Promise<boolean> {
  try {
    await app.store.ping();
    return true;
  } catch (err) {
    const where = app.config.REDIS_URL ? 'REDIS_URL' : 'SQLITE_PATH';
    say(`cannot start: ${isStoreUnavailable(err) ? err.message : String(err)} (check ${where}).`);
    return false;
  }
}

/**
 * `npm start`: every configured platform, each started on its own (one failing does not stop the
 * others; each failure names its platform), or the terminal chat when none is configured. Exits
 * non-zero when nothing could start, so a process manager sees the failure. SIGTERM or SIGINT:
 * stop taking work, let running handlers finish, close connections and the store, within 5 s.
 */
async function start(config: Config): Promise<number> {
  const { PLATFORMS } = await import('./platforms.js');
  const wanted = PLATFORMS.filter((p) => !p.fallback && p.configured(config));
  const fallback = PLATFORMS.find((p) => p.fallback);
  const chosen = wanted.length ? wanted : fallback ? [fallback] : [];
  const ready = chosen.filter((p) => {
    const missing = p.missing(config);
    if (missing.length === 0) return true;
    if (p.fallback) {
      const chat = PLATFORMS.filter((q) => !q.fallback).map((q) => q.title);
      say(`cannot start: no platform is configured (${chat.join(', ')}), and ${p.title} needs ${missing.join(', ')}.`);
      say('Set DISCORD_TOKEN, or SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET (see README, Configuration).');
    } else {
      say(`${p.title} cannot start: missing ${missing.join(', ')}.`);
    }
    return false;
  });
  if (!ready.length) return 1;

  const interactive = ready.some((p) => p.fallback);
  const app = await makeApp(config, interactive);
  if (!(await checkStore(app))) {
    await app.close();
    return 1;
  }
  const signal = stopSignal();
  // Past the bound, whatever still hangs (a socket that will not close) does not keep us running.
  void signal.requested.then(() => setTimeout(() => process.exit(process.exitCode ?? 0), SHUTDOWN_MS + 400).unref());
  app.store.startSweeping(undefined, (err) => app.log.warn({ err: String(err) }, 'expiry sweep failed'));
  // Content is loaded and indexed before any platform listens (the terminal chat loads on first use).
  if (!interactive) await Promise.race([app.warm?.(), signal.requested]);
  // /healthz and /metrics on HEALTH_PORT while the platforms run (src/app/health.ts); scheduled
  // jobs (the advisors' digest) wait for a platform to connect before their first run. Sharded
  // Discord runs its jobs in the shard processes, where the gateway connections are.
  const health = interactive ? undefined : await (await import('./health.js')).startHealth(app);
  const jobs = interactive || config.DISCORD_SHARDS ? undefined : await (await import('./jobs.js')).startJobs(app);

  const starting = ready.map(async (p) => {
    try {
      const running = await p.start(app);
      return { p, running };
    } catch (err) {
      say(`${p.title} could not start: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  });
  const first = await Promise.race([Promise.all(starting), signal.requested]);
  const running = Array.isArray(first) ? first.filter((r) => r !== undefined) : [];
  if (!Array.isArray(first)) {
    // Stopped while starting: stop whatever comes up in time.
    void Promise.all(starting).then((late) => late.map((r) => r?.running.stop()));
  } else if (!running.length) {
    signal.dispose();
    await app.close();
    return 1;
  }

  // Run until asked to stop, or until every platform ended by itself (then non-zero: restart us).
  const allEnded = running.length
    ? Promise.all(running.map((r) => r.running.ended ?? new Promise<void>(() => {}))).then(() => 'ended' as const)
    : new Promise<never>(() => {});
  const why = await Promise.race([signal.requested, allEnded]);
  if (why !== 'ended') app.log.info({ signal: why }, 'stopping');
  const stopped = Promise.allSettled([...running.map((r) => r.running.stop()), jobs?.close(), health?.close()]).then(() =>
    app.close(),
  );
  const outcome = await Promise.race([stopped, timeout(SHUTDOWN_MS)]);
  if (outcome === 'timeout') app.log.warn({}, 'shutdown bound reached; exiting anyway');
  signal.dispose();
  const interactiveOnly = running.every((r) => r.p.fallback);
  const code = why === 'ended' && !interactiveOnly ? 1 : 0;
  // Lingering sockets or timers of a client that would not close must not keep the process alive.
  setTimeout(() => process.exit(code), 300).unref();
  return code;
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '-h' || first === '--help') {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    stdout.write(`${(await import('./version.js')).version()}\n`);
    return 0;
  }
  const config = readConfig();
  if (!config) return 1;
  if (!first) return start(config);
  if (first === 'docs') {
    const { runDocs } = await import('./tools/docs.js');
    const { registry } = await import('./features.js');
    return runDocs(registry(), scriptIO(), rest);
  }
  if (first === 'content-check') {
    const { runContentCheck } = await import('./tools/content-check.js');
    const { FEATURES } = await import('./features.js');
    return runContentCheck(FEATURES, config, scriptIO());
  }
  const app = oneShotApp(config, await featuresFor(first === 'gaps' ? 'ask' : first));
  if (first === 'gaps') {
    const { runGaps } = await import('./tools/gaps.js');
    return runOnce(app, first, rest, (a, io) => runGaps(a, io, rest));
  }
  return runOnce(app, first, rest);
}
