import { type Client, type ClientOptions, Events, GatewayDispatchEvents, RESTEvents } from 'discord.js';
import { type ConnectionState, metrics, reportState, reportStopped } from '../../core/metrics.js';
import type { Runtime as App } from '../../core/runtime.js';
import { within } from '../../core/within.js';
import { DEADLINE } from '../shared/deadline.js';
import { describeError } from '../shared/describe-error.js';
import { StoredDmChannels } from '../shared/dm-channels.js';
import { InFlight } from '../shared/inflight.js';
import { createDiscordClient } from './client.js';
import { type BotDeps, MAX_WORK_MS } from './deps.js';
import { DirectMessages, postMessage } from './dm.js';
import { handleDirectMessage } from './dm-turn.js';
import { installCrashGuard } from './guard.js';
import { handleInteraction } from './interactions.js';
import { ChannelListener } from './mentions.js';
import { FormShelf } from './modal.js';
import { renderReply } from './render.js';

export interface BotOptions {
  /** How long from its creation the core may take before an interaction is deferred (default 1 s of Discord's 3). */
  budgetMs?: number;
  maxWorkMs?: number;
  client?: Partial<ClientOptions>;
}

export interface Bot {
  client: Client;
  /** Stops taking interactions, lets running ones finish (bounded), closes the gateway (bounded). */
  stop(): Promise<void>;
  /** Settles when every shard of this client was closed for good by Discord (it will not reconnect). */
  ended: Promise<void>;
}

/** How long a stop waits for running handlers, then for the gateway to close. */
const DRAIN_MS = 3000;
const DESTROY_MS = 1000;

/**
 * Connects one discord.js client (all shards, or the shards a ShardingManager gave this process)
 * and serves every command in the registry through it. Resolves once the client is ready.
 */
export async function startBot(app: App, opts: BotOptions = {}): Promise<Bot> {
  const token = app.config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set.');
  // Content is read and indexed before the first interaction can arrive.
  await app.warm?.();
  const client = createDiscordClient(app.config, opts.client);
  const log = app.log.child({ platform: 'discord' });
  const inflight = new InFlight();
  const deps: BotDeps = {
    router: app.router,
    rest: client.rest,
    dms: new DirectMessages(client.rest, new StoredDmChannels(app.store, 'discord')),
    forms: new FormShelf(app.store),
    log,
    budgetMs: opts.budgetMs ?? DEADLINE.budgetMs,
    maxWorkMs: opts.maxWorkMs ?? MAX_WORK_MS,
  };
  installCrashGuard(client, client.rest, log);
  // Scheduled jobs (the advisors' digest) post to channels through this.
  app.notifiers?.register('discord', async (channel, reply) => {
    for (const m of renderReply(reply, { ephemeral: false }).messages) await postMessage(client.rest, channel, m);
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  // Once stopping, new events are left unanswered: Discord shows them failed, and nothing half-runs.
  client.on(Events.InteractionCreate, (i) => {
    if (inflight.accepting) void inflight.track(handleInteraction(i, deps));
  });
  client.on(Events.MessageCreate, (m) => {
    if (inflight.accepting) void inflight.track(handleDirectMessage(m, deps));
  });
  // Server messages (mentions, threads, help and forum channels) come raw: no guild cache to build them on.
  const channels = new ChannelListener({
    ...deps,
    store: app.store,
    botId: () => client.user?.id,
    readsAllMessages: app.config.DISCORD_MESSAGE_CONTENT === true,
  });
  client.ws.on(GatewayDispatchEvents.ThreadCreate, (t) => {
    if (inflight.accepting) channels.threadCreated(t);
  });
  client.ws.on(GatewayDispatchEvents.MessageCreate, (m) => {
    if (inflight.accepting) void inflight.track(channels.message(m));
  });
  // Each gateway shard's state goes to /healthz and /metrics; `client` is the whole login.
  const shardState = (shard: number, state: ConnectionState) => reportState('discord', state, `shard-${shard}`);
  reportState('discord', 'starting', 'client');
  client.on(Events.ShardReady, (shard) => shardState(shard, 'ready'));
  let stopping = false;
  const closedForGood = new Set<number>();
  let endedNow!: () => void;
  const ended = new Promise<void>((resolve) => {
    endedNow = resolve;
  });
  client.on(Events.ShardDisconnect, (event, shard) => {
    shardState(shard, stopping ? 'stopped' : 'disconnected');
    if (stopping) return;
    log.error({ shard, code: event.code }, 'gateway closed for good');
    closedForGood.add(shard);
    if (closedForGood.size >= client.ws.shards.size) endedNow();
  });
  client.on(Events.ShardReconnecting, (shard) => {
    if (stopping) return;
    log.info({ shard }, 'gateway reconnecting');
    shardState(shard, 'reconnecting');
  });
  client.on(Events.ShardResume, (shard, replayed) => {
    log.info({ shard, replayed }, 'gateway resumed');
    shardState(shard, 'ready');
  });
  client.on(Events.ShardError, (err, shard) => {
    log.warn({ shard, err: describeError(err) }, 'gateway error');
    metrics.error('discord', 'gateway');
  });
  client.on(Events.Error, (err) => {
    log.error({ err: describeError(err) }, 'discord client error');
    metrics.error('discord', 'client');
  });
  // A 429 is waited out and retried by discord.js; it is worth a log line, never a user-facing error.
  client.rest.on(RESTEvents.RateLimited, (info) => {
    log.warn(
      { route: info.route, retryAfterMs: info.retryAfter, global: info.global, scope: info.scope },
      'rate limited; waiting',
    );
    metrics.apiRateLimited('discord');
  });
  const destroy = async () => {
    // destroy() waits on a socket that may be reconnecting to an unreachable Discord: bounded.
    await within(
      client.destroy().catch(() => undefined),
      DESTROY_MS,
    );
  };
  try {
    await client.login(token);
    await ready;
  } catch (err) {
    stopping = true;
    reportState('discord', 'stopped', 'client');
    await destroy();
    throw err;
  }
  reportState('discord', 'ready', 'client');
  log.info({ shards: [...client.ws.shards.keys()], shardCount: client.options.shardCount }, 'discord bot ready');
  return {
    client,
    ended,
    async stop() {
      stopping = true;
      const left = await inflight.drain(DRAIN_MS);
      if (left) log.warn({ running: left }, 'stopped with interactions still running');
      await destroy();
      reportStopped('discord');
    },
  };
}
