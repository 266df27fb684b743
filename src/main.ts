import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { stderr, stdin, stdout } from 'node:process';
import type { App } from './app-base.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import type { CommandDefinition, ScriptIO } from './core/command.js';

const USAGE = `Usage:
  img-advisor                         start the bot (Discord/Slack when their tokens are set, else a terminal chat)
  img-advisor <command> [words] [--json]   run one command and print the result, e.g.
      img-advisor ask --json "what is cap exempt"
      img-advisor visa "can I switch from J-1 to H-1B"
  img-advisor content-check           validate everything in content/
  img-advisor gaps                    questions the guide could not answer (key words and counts)
  img-advisor help                    every chat command
  img-advisor docs [--check]          rewrite (or check) README's command and env tables and .env.example`;

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

/**
 * Every command, or for a one-shot run just the named one: one file per command, named after it,
 * so `img-advisor ask ...` never loads the other commands and their libraries.
 */
async function commandsFor(only: string | undefined): Promise<CommandDefinition[]> {
  if (only && /^[a-z][a-z0-9-]*$/.test(only)) {
    const mod = (await import(`../commands/${only}.js`).catch(() => undefined)) as { default?: CommandDefinition } | undefined;
    if (mod?.default?.name === only) return [mod.default];
  }
  return (await import('../commands/index.js')).registry();
}

async function makeApp(config: Config, interactive: boolean, only?: string): Promise<App> {
  const { createAppWith } = await import('./app-base.js');
  const { createLogger } = await import('./log.js');
  // Terminal use keeps the screen for the conversation: warnings only, unless LOG_LEVEL says otherwise.
  const log = createLogger(config.LOG_LEVEL ?? (interactive ? 'warn' : 'info'));
  return createAppWith(await commandsFor(only), { config, log });
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
    if (config.DISCORD_TOKEN) {
      const { startDiscord } = await import('./adapters/discord/index.js');
      platforms.push(startDiscord(app));
    }
    if (config.SLACK_BOT_TOKEN) {
      const { startSlack } = await import('./adapters/slack/index.js');
      platforms.push(startSlack(app));
    }
    await Promise.all(platforms);
    return 0;
  }
  const app = await makeApp(config, true);
  const { runRepl } = await import('./adapters/terminal/repl.js');
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
    const { runDocs } = await import('./adapters/terminal/docs.js');
    return runDocs(await commandsFor(undefined), scriptIO(), rest);
  }
  if (first === 'content-check') {
    const { runContentCheck } = await import('./adapters/terminal/content-check.js');
    return runContentCheck(config, scriptIO());
  }
  const app = await makeApp(config, true, first === 'gaps' ? 'ask' : first);
  try {
    if (first === 'gaps') {
      const { runGaps } = await import('./adapters/terminal/gaps.js');
      return await runGaps(app, scriptIO(), rest);
    }
    const { runOneShot } = await import('./adapters/terminal/one-shot.js');
    return await runOneShot(app, first, rest, scriptIO());
  } finally {
    await app.close();
  }
}
