import { registry } from '../commands/index.js';
import { type App, type AppOptions, createAppWith } from './app-base.js';

export type { App, AppOptions } from './app-base.js';

/** The app with every command: what the terminal chat, Discord, Slack and tests run. */
export function createApp(opts: AppOptions = {}): App {
  return createAppWith(registry(), opts);
}
