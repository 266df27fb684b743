import { type Config, loadConfig } from './config.js';
import type { CommandDefinition } from './core/command.js';
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

export interface AppOptions {
  config?: Config;
  log?: Logger;
  store?: StateStore;
  now?: () => Date;
}

/**
 * Wires config, logger, store and router around the given commands. The one-shot CLI passes just
 * the command it runs, so it never loads the others; everything else uses `createApp`.
 */
export function createAppWith(commands: CommandDefinition[], opts: AppOptions = {}): App {
  const config = opts.config ?? loadConfig();
  const log = opts.log ?? createLogger(config.logLevel);
  const store = opts.store ?? openStore(config);
  const router = new Router({ commands, store, config, log, now: opts.now });
  return { config, log, store, router, close: () => store.close() };
}
