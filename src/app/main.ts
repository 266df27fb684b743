import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { stderr, stdin, stdout } from 'node:process';
import { fileURLToPath } from 'node:url';
import { type Config, ConfigError, loadConfig } from '../config.js';
import type { ScriptIO } from '../core/command.js';
import type { Feature } from '../core/feature.js';
import type { App } from './wire.js';

const USAGE = `Usage:
  img-advisor                         start the bot (Discord/Slack when their tokens are set, else a terminal chat)
  img-advisor <command> [words] [--json]   run one command and print the result, e.g.
      img-advisor ask --json "what is cap exempt"
      img-advisor visa "can I switch from J-1 to H-1B"
  img-advisor content-check [--proposals DIR]   validate everything in content/ (and proposed guide files)
  img-advisor gaps                    questions the guide could not answer (key words and counts)
  img-advisor help                    every chat command
  img-advisor --version               the version`;

function scriptIO(): ScriptIO {
  return {
    stdout: (t) => stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    stderr: (t) => stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    readStdin: async () => {
      if (stdin.isTTY) return '';
      const chunks: Buffer[] = [];
      for await (const c of stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    readFile: (p) => readFile(p, 'utf8'),
  };
}

/** Commands that read the whole app (every command, every record kind) load every feature. */
const NEEDS_ALL = new Set(['help', 'forget']);

/**
 * Every feature, or for a one-shot run just the named command: one file per command, named after
 * it, so `img-advisor ask ...` never loads the other commands and their libraries.
 */
async function featuresFor(only: string | undefined): Promise<Feature[]> {
  if (only && !NEEDS_ALL.has(only) && /^[a-z][a-z0-9-]*$/.test(only)) {
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

async function makeApp(config: Config, interactive: boolean, only?: string): Promise<App> {
  const { createAppWith } = await import('./wire.js');
  const { createLogger } = await import('../log.js');
  // Terminal use keeps the screen for the conversation: warnings only, unless LOG_LEVEL says otherwise.
  const log = createLogger(config.LOG_LEVEL ?? (interactive ? 'warn' : 'info'));
  return createAppWith(await featuresFor(only), { config, log });
}

async function start(config: Config): Promise<number> {
  const platforms: Promise<void>[] = [];
  if (config.DISCORD_TOKEN || config.SLACK_BOT_TOKEN) {
    const app = await makeApp(config, false);
    try {
      await app.store.ping();
    } catch (err) {
      const where = config.REDIS_URL ? 'Redis (REDIS_URL)' : `SQLite at ${config.sqlitePath} (SQLITE_PATH)`;
      stderr.write(
        `img-advisor: cannot start: the state store, ${where}, is not reachable: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      await app.close();
      return 1;
    }
    // Scheduled jobs wait for a platform to connect before their first run. Sharded Discord runs
    // them in the shard processes, where the gateway connections are.
    const { startJobs } = await import('./jobs.js');
    const jobs = config.DISCORD_SHARDS ? undefined : await startJobs(app);
    // /healthz and /metrics on HEALTH_PORT while the platforms run (src/app/health.ts).
    await (await import('./health.js')).startHealth(app);
    if (config.DISCORD_TOKEN) {
      const { startDiscord } = await import('../adapters/discord/index.js');
      const shardEntry = fileURLToPath(new URL('./discord-shard.js', import.meta.url));
      platforms.push(startDiscord(app, { shardEntry }));
    }
    if (config.SLACK_BOT_TOKEN) {
      const { startSlack } = await import('../adapters/slack/index.js');
      platforms.push(startSlack(app));
    }
    await Promise.all(platforms);
    await jobs?.close();
    return 0;
  }
  const app = await makeApp(config, true);
  const { runRepl } = await import('../adapters/terminal/repl.js');
  await runRepl(app, { input: stdin, output: stdout, color: Boolean(stdout.isTTY) });
  await app.close();
  return 0;
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
  let config: Config;
  try {
    // A .env file in the working folder is read first; variables already set win.
    if (existsSync('.env')) process.loadEnvFile('.env');
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      stderr.write(`img-advisor: cannot start: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  if (!first) return start(config);
  if (first === 'docs') {
    const { runDocs } = await import('./tools/docs.js');
    const { registry } = await import('./features.js');
    return runDocs(registry(), scriptIO(), rest);
  }
  if (first === 'content-check') {
    const { runContentCheck } = await import('./tools/content-check.js');
    const { FEATURES } = await import('./features.js');
    return runContentCheck(FEATURES, config, scriptIO(), rest);
  }
  const app = await makeApp(config, true, first === 'gaps' ? 'ask' : first);
  try {
    if (first === 'gaps') {
      const { runGaps } = await import('./tools/gaps.js');
      return await runGaps(app, scriptIO(), rest);
    }
    const { runScript } = await import('../adapters/terminal/script.js');
    return await runScript(app, first, rest, scriptIO());
  } finally {
    await app.close();
  }
}
