import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { stderr, stdin, stdout } from 'node:process';
import { runScript } from '../adapters/terminal/script.js';
import { type Config, ConfigError, loadConfig } from '../config.js';
import type { ScriptIO } from '../core/command.js';
import type { Feature } from '../core/feature.js';
import { createLogger } from '../log.js';
import { isStoreUnavailable } from '../store/errors.js';
import { type App, createAppWith } from './wire.js';

/**
 * `img-advisor <command> ...`: one command, run once. Kept apart from main.ts (the bots, the chat,
 * the maintainers' tools) so the start-up snapshot, which serves `ask` and `visa`, holds only this
 * path and not every feature and platform.
 */

/** One line for the operator on stderr. */
export const say = (line: string) => stderr.write(`img-advisor: ${line}\n`);

export function scriptIO(): ScriptIO {
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

/** The configuration, a `.env` file in the working folder first (variables already set win); undefined after saying what is wrong. */
export function readConfig(): Config | undefined {
  try {
    if (existsSync('.env')) process.loadEnvFile('.env');
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      say(`cannot start: ${err.message}`);
      return undefined;
    }
    throw err;
  }
}

/** The app for a run in the terminal: the given features; warnings only, unless LOG_LEVEL says otherwise (the screen is the member's). */
export function oneShotApp(config: Config, features: Feature[]): App {
  return createAppWith(features, { config, log: createLogger(config.LOG_LEVEL ?? 'warn') });
}

/**
 * Runs `first` with its words on `app` (by default through the terminal's scripted mode) and
 * closes the app. Redis is checked first (a connection is needed anyway), so an outage is one
 * line, not a partial run.
 */
export async function runOnce(
  app: App,
  first: string,
  rest: string[],
  run: (app: App, io: ScriptIO) => Promise<number> = (a, io) => runScript(a, first, rest, io),
): Promise<number> {
  const away = (message: string) => {
    say(`${message}. Nothing was changed; try again shortly.`);
    if (rest.includes('--json'))
      stdout.write(`${JSON.stringify({ ok: false, command: first, errors: [{ field: 'store', message }] })}\n`);
    return 1;
  };
  try {
    if (app.config.REDIS_URL) {
      try {
        await app.store.ping();
      } catch (err) {
        if (isStoreUnavailable(err)) return away(err.message);
        throw err;
      }
    }
    return await run(app, scriptIO());
  } catch (err) {
    if (isStoreUnavailable(err)) return away(err.message);
    throw err;
  } finally {
    await app.close();
  }
}
