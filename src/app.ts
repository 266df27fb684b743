import { registry } from '../commands/index.js';
import { type Config, loadConfig } from './config.js';
import { Router } from './core/router.js';
import { createLogger, type Logger } from './log.js';
import { openStore } from './store/open.js';
import type { StateStore } from './store/store.js';

export interface App {
  config: Config;
  log: Logger;
  store: StateStore;
  router: Router;
  close(): Promise<void>;
}

/** Wires config, logger, store and router: what every entry point (terminal, Discord, Slack) shares. */
export function createApp(opts: { config?: Config; log?: Logger; store?: StateStore; now?: () => Date } = {}): App {
  const config = opts.config ?? loadConfig();
  const log = opts.log ?? createLogger(config.logLevel);
  const store = opts.store ?? openStore(config);
  const router = new Router({ commands: registry(), store, config, log, now: opts.now });
  return { config, log, store, router, close: () => store.close() };
}
