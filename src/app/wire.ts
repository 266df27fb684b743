import { type Config, loadConfig } from '../config.js';
import { commandsOf, type Feature, forgettersOf, recordsOf } from '../core/feature.js';
import { Notifiers } from '../core/notify.js';
import { Router } from '../core/router.js';
import type { Runtime } from '../core/runtime.js';
import { createLogger, type Logger } from '../log.js';
import { openStore } from '../store/open.js';
import type { StateStore } from '../store/store.js';
import { PLATFORM_RECORDS } from './platforms.js';

export type App = Runtime;

export interface AppOptions {
  config?: Config;
  log?: Logger;
  store?: StateStore;
  now?: () => Date;
  random?: () => number;
}

/**
 * Wires config, logger, store and router around the given features. The one-shot CLI passes just
 * the feature of the command it runs, so it never loads the others; everything else uses `createApp`.
 */
export function createAppWith(features: Feature[], opts: AppOptions = {}): App {
  const config = opts.config ?? loadConfig();
  const log = opts.log ?? createLogger(config.logLevel);
  const store = opts.store ?? openStore(config);
  const records = [...recordsOf(features), ...PLATFORM_RECORDS];
  const router = new Router({
    commands: commandsOf(features),
    records,
    forgetters: forgettersOf(features),
    store,
    config,
    log,
    now: opts.now,
    random: opts.random,
  });
  const warm = async () => {
    await Promise.all(features.map((f) => f.warm?.(config.contentDir)));
  };
  return { config, log, store, router, warm, notifiers: new Notifiers(), close: () => store.close() };
}
