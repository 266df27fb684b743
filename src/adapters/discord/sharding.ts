import { REST, Routes, type Shard, ShardingManager } from 'discord.js';
import type { Config } from '../../config.js';
import { addMetricsSource, type ConnectionState, reportState, reportStopped } from '../../core/metrics.js';
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
  // /metrics in this process serves the shard processes' metrics too, asked for over IPC.
  const removeSource = addMetricsSource(async () => {
    const lists = await Promise.all([...manager.shards.values()].map((shard) => askMetrics(shard)));
    return lists.filter((l): l is object[] => l !== undefined);
  });
  const stop = async () => {
    stopping = true;
    removeSource();
    reportStopped('discord');
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
    const report = (state: ConnectionState) => stopping || reportState('discord', state, `shard-process-${shard.id}`);
    report('starting');
    shard.on('ready', () => report('ready'));
    shard.on('resume', () => report('ready'));
    shard.on('reconnecting', () => report('reconnecting'));
    shard.on('disconnect', () => report('disconnected'));
    shard.on('spawn', (child) => {
      report('starting');
      log.info({ platform: 'discord', shard: shard.id, pid: 'pid' in child ? child.pid : undefined }, 'shard process started');
    });
    shard.on('death', () => {
      report('disconnected');
      if (!stopping) log.warn({ platform: 'discord', shard: shard.id }, 'shard process died; restarting');
    });
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

/** The IPC message that asks a shard process for its metrics, and the key of its answer. */
const METRICS_REQUEST = 'imgAdvisorMetrics';
let requests = 0;

/** One shard process's metrics, or undefined when it does not answer within a second. */
function askMetrics(shard: Shard): Promise<object[] | undefined> {
  const id = ++requests;
  return new Promise((resolve) => {
    const done = (value: object[] | undefined) => {
      clearTimeout(timer);
      shard.off('message', onMessage);
      resolve(value);
    };
    const onMessage = (m: unknown) => {
      const answer = m as { [METRICS_REQUEST]?: number; metrics?: unknown };
      if (answer?.[METRICS_REQUEST] === id) done(Array.isArray(answer.metrics) ? answer.metrics : undefined);
    };
    const timer = setTimeout(() => done(undefined), 1000);
    shard.on('message', onMessage);
    shard.send({ [METRICS_REQUEST]: id }).catch(() => done(undefined));
  });
}

/** In a shard process: answers the manager's metrics requests with what `collect` gives. */
export function answerMetricsRequests(collect: () => Promise<object[]>): void {
  process.on('message', (m: unknown) => {
    const id = (m as { [METRICS_REQUEST]?: unknown } | null)?.[METRICS_REQUEST];
    if (typeof id !== 'number' || !process.send) return;
    void collect().then(
      (metrics) => process.send?.({ [METRICS_REQUEST]: id, metrics }),
      () => process.send?.({ [METRICS_REQUEST]: id, metrics: [] }),
    );
  });
}
