import { FEATURES } from './features.js';
import { type App, type AppOptions, createAppWith } from './wire.js';

export type { App, AppOptions } from './wire.js';
export { createAppWith } from './wire.js';

/** The app with every feature: what the terminal chat, Discord, Slack and tests run. */
export function createApp(opts: AppOptions = {}): App {
  return createAppWith(FEATURES, opts);
}
