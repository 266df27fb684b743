import type { REST } from 'discord.js';
import type { Router } from '../../core/router.js';
import type { Logger } from '../../log.js';
import type { DirectMessages } from './dm.js';
import type { FormShelf } from './modal.js';

/** What the interaction and DM handlers share: the core, the REST client and the adapter's helpers. */
export interface BotDeps {
  router: Router;
  rest: REST;
  dms: DirectMessages;
  forms: FormShelf;
  log: Logger;
  /** Time from an interaction's creation the core gets before it is deferred; Discord wants an answer within 3 s. */
  budgetMs: number;
  /** After a defer, the longest we wait for the core before apologising (tokens last 15 minutes). */
  maxWorkMs: number;
}

export const MAX_WORK_MS = 5 * 60_000;
