import type { App } from '../../app.js';

export async function startDiscord(_app: App): Promise<void> {
  throw new Error('The Discord adapter is not built yet.');
}
