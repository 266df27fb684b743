import type { Runtime as App } from '../../core/runtime.js';
import { startBot } from './bot.js';
import { untilStopped } from './stop-signal.js';

/**
 * `npm start` with DISCORD_TOKEN: serves every command on Discord until SIGINT/SIGTERM. With
 * DISCORD_SHARDS (a number or `auto`) the bot runs as that many shard processes, each started from
 * `shardEntry` (a file of the composition root); set REDIS_URL then, so they share state.
 */
export async function startDiscord(app: App, opts: { shardEntry: string }): Promise<void> {
  if (app.config.DISCORD_SHARDS) {
    const { startShards } = await import('./sharding.js');
    if (!app.config.REDIS_URL) {
      app.log.warn(
        { platform: 'discord' },
        'DISCORD_SHARDS without REDIS_URL: shards share the SQLite file, fine on one machine only',
      );
    }
    const shards = await startShards(app.config, app.log, opts.shardEntry);
    await untilStopped();
    shards.stop();
  } else {
    const bot = await startBot(app);
    await untilStopped();
    await bot.stop();
  }
  await app.close();
}
