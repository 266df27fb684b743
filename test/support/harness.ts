import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TerminalSession } from '../../src/adapters/terminal/session.js';
import { type App, createApp } from '../../src/app.js';
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
export async function makeHarness(opts: { redisUrl?: string; now?: () => Date; dir?: string } = {}): Promise<Harness> {
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'img-advisor-test-'));
  const config = loadConfig({ SQLITE_PATH: path.join(dir, 'state.sqlite'), REDIS_URL: opts.redisUrl, LOG_LEVEL: 'silent' });
  const store: StateStore = openStore(config);
  const app = createApp({ config, store, log: createLogger('silent'), now: opts.now });
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
