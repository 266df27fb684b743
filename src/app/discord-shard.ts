/**
 * Entry of one shard process started by the ShardingManager: discord.js reads SHARDS and
 * SHARD_COUNT from the environment; state is shared with the other shards through the store
 * (REDIS_URL), so a drill started on one shard continues on another. The manager restarts a
 * shard process that exits or dies; SIGTERM (the manager stopping) finishes running interactions first.
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
  const why = await Promise.race([untilStopped(), orphaned, bot.ended.then(() => 'ended' as const)]);
  await jobs.close();
  await bot.stop();
  // Closed for good by Discord: exit non-zero so the manager starts this shard again.
  if (why === 'ended') process.exitCode = 1;
} catch (err) {
  app.log.error({ platform: 'discord', err: err instanceof Error ? err.message : String(err) }, 'shard failed to start');
  process.exitCode = 1;
} finally {
  await app.close();
  // The IPC channel to the manager would keep this process alive after everything else closed.
  if (process.connected) process.disconnect();
  // Nor may a socket that would not close.
  setTimeout(() => process.exit(), 500).unref();
}
