import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { StateStore } from '../store/store.js';
import type { Notifiers } from './notify.js';
import type { Router } from './router.js';

/**
 * What a platform adapter is handed by the composition root: the core router and the services
 * around it. Adapters never import the composition root; they get this.
 */
export interface Runtime {
  config: Config;
  log: Logger;
  store: StateStore;
  router: Router;
  /** How each running platform posts to a channel outside a request (scheduled jobs). */
  notifiers?: Notifiers;
  /** Loads and indexes every feature's content, so the first members after start-up wait for nothing. */
  warm?(): Promise<void>;
  close(): Promise<void>;
}
