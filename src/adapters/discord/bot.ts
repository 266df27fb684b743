import { type Client, type ClientOptions, Events, GatewayDispatchEvents, RESTEvents } from 'discord.js';
import { type ConnectionState, metrics, reportState, reportStopped } from '../../core/metrics.js';
import type { Runtime as App } from '../../core/runtime.js';
import { createDiscordClient } from './client.js';
import { type BotDeps, FIRST_RESPONSE_BUDGET_MS, MAX_WORK_MS } from './deps.js';
import { DirectMessages, describeError, postMessage } from './dm.js';
import { handleDirectMessage } from './dm-turn.js';
import { handleInteraction } from './interactions.js';
import { ChannelListener } from './mentions.js';
import { FormShelf } from './modal.js';
import { renderReply } from './render.js';

export interface BotOptions {
  /** How long the core may take before an interaction is deferred (default 2.5 s of Discord's 3). */
  budgetMs?: number;
  maxWorkMs?: number;
  client?: Partial<ClientOptions>;
}

export interface Bot {
  client: Client;
  stop(): Promise<void>;
}

/**
 * Connects one discord.js client (all shards, or the shards a ShardingManager gave this process)
 * and serves every command in the registry through it. Resolves once the client is ready.
 */
export async function startBot(app: App, opts: BotOptions = {}): Promise<Bot> {
  const token = app.config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set.');
  const client = createDiscordClient(app.config, opts.client);
  const log = app.log.child({ platform: 'discord' });
  const deps: BotDeps = {
    router: app.router,
    rest: client.rest,
    dms: new DirectMessages(client.rest),
    forms: new FormShelf(app.store),
    log,
    budgetMs: opts.budgetMs ?? FIRST_RESPONSE_BUDGET_MS,
    maxWorkMs: opts.maxWorkMs ?? MAX_WORK_MS,
  };
  // Scheduled jobs (the advisors' digest) post to channels through this.
  app.notifiers?.register('discord', async (channel, reply) => {
    for (const m of renderReply(reply, { ephemeral: false }).messages) await postMessage(client.rest, channel, m);
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  client.on(Events.InteractionCreate, (i) => void handleInteraction(i, deps));
  client.on(Events.MessageCreate, (m) => void handleDirectMessage(m, deps));
  // Server messages (mentions, threads, help and forum channels) come raw: no guild cache to build them on.
  const channels = new ChannelListener({
    ...deps,
    store: app.store,
    botId: () => client.user?.id,
    readsAllMessages: app.config.DISCORD_MESSAGE_CONTENT === true,
  });
  client.ws.on(GatewayDispatchEvents.ThreadCreate, (t) => channels.threadCreated(t));
  client.ws.on(GatewayDispatchEvents.MessageCreate, (m) => void channels.message(m));
  // Each gateway shard's state goes to /healthz and /metrics; `client` is the whole login.
  const shardState = (shard: number, state: ConnectionState) => reportState('discord', state, `shard-${shard}`);
  reportState('discord', 'starting', 'client');
  client.on(Events.ShardReady, (shard) => shardState(shard, 'ready'));
  client.on(Events.ShardDisconnect, (event, shard) => {
    log.warn({ shard, code: event.code }, 'gateway closed for good');
    shardState(shard, stopping ? 'stopped' : 'disconnected');
  });
  let stopping = false;
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
  try {
    await client.login(token);
  } catch (err) {
    reportState('discord', 'stopped', 'client');
    throw err;
  }
  await ready;
  reportState('discord', 'ready', 'client');
  log.info({ shards: [...client.ws.shards.keys()], shardCount: client.options.shardCount }, 'discord bot ready');
  return {
    client,
    async stop() {
      stopping = true;
      await client.destroy();
      reportStopped('discord');
    },
  };
}
