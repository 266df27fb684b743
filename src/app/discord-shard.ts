/**
 * Entry of one shard process started by the ShardingManager: discord.js reads SHARDS and
 * SHARD_COUNT from the environment; state is shared with the other shards through the store
 * (REDIS_URL), so a drill started on one shard continues on another.
 */

import { startBot } from '../adapters/discord/bot.js';
import { answerMetricsRequests } from '../adapters/discord/sharding.js';
import { untilStopped } from '../adapters/discord/stop-signal.js';
import { loadConfig } from '../config.js';
import { createApp } from './app.js';
import { shardMetrics } from './health.js';
import { startJobs } from './jobs.js';

const app = createApp({ config: loadConfig() });
try {
  await app.store.ping();
  await shardMetrics(app, answerMetricsRequests);
  const bot = await startBot(app);
  const jobs = await startJobs(app);
  // The manager going away (its IPC channel closes) stops the shard too.
  const orphaned = new Promise<void>((resolve) => process.once('disconnect', () => resolve()));
  await Promise.race([untilStopped(), orphaned]);
  await jobs.close();
  await bot.stop();
} catch (err) {
  app.log.error({ platform: 'discord', err: err instanceof Error ? err.message : String(err) }, 'shard failed to start');
  process.exitCode = 1;
} finally {
  await app.close();
  // The IPC channel to the manager would keep this process alive after everything else closed.
  if (process.connected) process.disconnect();
}
