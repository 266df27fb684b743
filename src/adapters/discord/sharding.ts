import { REST, Routes, ShardingManager } from 'discord.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { restOptions } from './client.js';

interface GatewayBot {
  shards: number;
  session_start_limit?: { max_concurrency?: number };
}

/**
 * Runs the bot as DISCORD_SHARDS processes under discord.js's ShardingManager, each holding some
 * of the gateway shards. `auto` asks `/gateway/bot` of the configured API (discord.js's own
 * lookup always asks discord.com, which would bypass a REST proxy). Shards start as fast as the
 * gateway's identify limit allows: one per 5 seconds per `max_concurrency` bucket.
 */
export interface Shards {
  manager: ShardingManager;
  stop(): void;
}

export async function startShards(config: Config, log: Logger, shardEntry: string): Promise<Shards> {
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set.');
  const info = (await new REST(restOptions(config)).setToken(token).get(Routes.gatewayBot())) as GatewayBot;
  const total = config.DISCORD_SHARDS === 'auto' ? Math.max(1, info.shards) : Number(config.DISCORD_SHARDS);
  const concurrency = Math.max(1, info.session_start_limit?.max_concurrency ?? 1);
  const manager = new ShardingManager(shardEntry, { token, totalShards: total, mode: 'process', respawn: true });
  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const shard of manager.shards.values()) shard.kill();
  };
  manager.on('shardCreate', (shard) => {
    log.info({ platform: 'discord', shard: shard.id, of: total }, 'shard process starting');
    shard.on('death', () => stopping || log.warn({ platform: 'discord', shard: shard.id }, 'shard process died; restarting'));
  });
  try {
    await manager.spawn({ amount: total, delay: Math.ceil(5500 / concurrency), timeout: 60_000 });
  } catch (err) {
    // A shard that cannot start (bad token, broken build) must not leave the others running.
    stop();
    throw err;
  }
  log.info({ platform: 'discord', shards: total }, 'all shards ready');
  return { manager, stop };
}
