import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { TerminalSession } from '../../src/adapters/terminal/session.js';
import { type App, createApp } from '../../src/app/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { User } from '../../src/core/types.js';
import { createLogger } from '../../src/log.js';
import { openStore } from '../../src/store/open.js';
import type { StateStore } from '../../src/store/store.js';

export interface Harness {
  app: App;
  dir: string;
  config: Config;
  /** A terminal conversation for one member; `send('/visa ...')` returns what they see. */
  session(user?: User): TerminalSession;
  /** Closes the store and opens a new app on the same data: a bot restart. */
  restart(): Promise<Harness>;
  close(): Promise<void>;
}

/**
 * A real app on a real store: SQLite in a temp folder by default, or Redis with `redisUrl`
 * (a per-test key namespace is not needed: every test uses fresh user ids).
 */
export interface HarnessOptions {
  redisUrl?: string;
  now?: () => Date;
  /** The app's random source (drill questions): pass `seededRandom(n)` so a draw never depends on luck. */
  random?: () => number;
  dir?: string;
}

export async function makeHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'img-advisor-test-'));
  const config = loadConfig({ SQLITE_PATH: path.join(dir, 'state.sqlite'), REDIS_URL: opts.redisUrl, LOG_LEVEL: 'silent' });
  const store: StateStore = openStore(config);
  const app = createApp({ config, store, log: createLogger('silent'), now: opts.now, random: opts.random });
  const h: Harness = {
    app,
    dir,
    config,
    session: (user) => new TerminalSession(app.router, { user }),
    async restart() {
      await app.close();
      return makeHarness({ ...opts, dir });
    },
    async close() {
      await app.close();
    },
  };
  return h;
}

export function cleanup(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

let seq = 0;
/** A fresh member id per call, so tests never share state even on a shared Redis. */
export function uniqueUser(name = 'member'): User {
  seq += 1;
  return { id: `${name}-${process.pid}-${Date.now().toString(36)}-${seq}`, name };
}

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** `/forget` as a member does it: the command lists what is stored, the button deletes it. Returns both answers. */
export async function forgetAll(s: TerminalSession): Promise<string> {
  const asked = await s.send('/forget');
  if (!/Delete everything/.test(asked)) return asked;
  return `${asked}\n${await s.send('Delete everything')}`;
}

/** What a test file's tests use of its harness. */
export type FileHarness = Pick<Harness, 'app' | 'dir' | 'config' | 'session'>;

/**
 * The harness for a whole test file: made before its first test, closed and its temp folder
 * removed after its last. Files that restart the bot mid-test use makeHarness themselves.
 */
export function useHarness(opts: HarnessOptions = {}): FileHarness {
  let current: Harness | undefined;
  const need = (): Harness => {
    if (!current) throw new Error("useHarness: the harness exists only while the file's tests run");
    return current;
  };
  beforeAll(async () => {
    current = await makeHarness(opts);
  });
  afterAll(async () => {
    if (!current) return;
    await current.close();
    if (!opts.dir) cleanup(current.dir);
  });
  return {
    get app() {
      return need().app;
    },
    get dir() {
      return need().dir;
    },
    get config() {
      return need().config;
    },
    session: (user) => need().session(user),
  };
}
