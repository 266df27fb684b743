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
  /** Asks every shard process to stop (SIGTERM: each finishes its running interactions) and waits, bounded. */
  stop(): Promise<void>;
}

/** A shard process gets this long to finish its work and close before it is killed. */
const SHARD_STOP_MS = 4000;

export async function startShards(config: Config, log: Logger, shardEntry: string): Promise<Shards> {
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set.');
  const info = (await new REST(restOptions(config)).setToken(token).get(Routes.gatewayBot())) as GatewayBot;
  const total = config.DISCORD_SHARDS === 'auto' ? Math.max(1, info.shards) : Number(config.DISCORD_SHARDS);
  const concurrency = Math.max(1, info.session_start_limit?.max_concurrency ?? 1);
  // respawn: the manager is the supervisor; a shard process that dies (a crash, a kill) is started again.
  const manager = new ShardingManager(shardEntry, { token, totalShards: total, mode: 'process', respawn: true });
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await Promise.all(
      [...manager.shards.values()].map(async (shard) => {
        const child = shard.process;
        if (!child || child.exitCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        // Shard#kill stops the manager from respawning it, then signals the process (SIGTERM).
        shard.kill();
        const timer = setTimeout(() => child.kill('SIGKILL'), SHARD_STOP_MS);
        await exited;
        clearTimeout(timer);
      }),
    );
  };
  manager.on('shardCreate', (shard) => {
    log.info({ platform: 'discord', shard: shard.id, of: total }, 'shard process starting');
    shard.on('spawn', (child) => {
      log.info({ platform: 'discord', shard: shard.id, pid: 'pid' in child ? child.pid : undefined }, 'shard process started');
    });
    shard.on('death', () => stopping || log.warn({ platform: 'discord', shard: shard.id }, 'shard process died; restarting'));
  });
  try {
    await manager.spawn({ amount: total, delay: Math.ceil(5500 / concurrency), timeout: 60_000 });
  } catch (err) {
    // A shard that cannot start (bad token, broken build) must not leave the others running.
    await stop();
    throw err;
  }
  log.info({ platform: 'discord', shards: total }, 'all shards ready');
  return { manager, stop };
}
