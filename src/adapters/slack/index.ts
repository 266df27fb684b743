import type { App } from '../../app.js';

export async function startSlack(_app: App): Promise<void> {
  throw new Error('The Slack adapter is not built yet.');
}
