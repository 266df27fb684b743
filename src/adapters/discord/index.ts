import type { Runtime as App } from '../../core/runtime.js';
import type { RunningPlatform } from '../shared/platform.js';
import { startBot } from './bot.js';

/**
 * `npm start` with DISCORD_TOKEN: serves every command on Discord until stopped. With
 * DISCORD_SHARDS (a number or `auto`) the bot runs as that many shard processes, each started from
 * `shardEntry` (a file of the composition root), restarted by the manager when one dies; set
 * REDIS_URL then, so they share state.
 */
export async function startDiscord(app: App, opts: { shardEntry: string }): Promise<RunningPlatform> {
  if (app.config.DISCORD_SHARDS) {
    const { startShards } = await import('./sharding.js');
    if (!app.config.REDIS_URL) {
      app.log.warn(
        { platform: 'discord' },
        'DISCORD_SHARDS without REDIS_URL: shards share the SQLite file, fine on one machine only',
      );
    }
    const shards = await startShards(app.config, app.log, opts.shardEntry);
    return { stop: () => shards.stop() };
  }
  const bot = await startBot(app);
  return { stop: () => bot.stop(), ended: bot.ended };
}
