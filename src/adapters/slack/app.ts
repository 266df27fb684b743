import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppOptions, App as BoltApp, type ReceiverEvent, SocketModeReceiver, webApi } from '@slack/bolt';
import { type ConnectionState, metrics, reportState, reportStopped } from '../../core/metrics.js';
import type { Runtime as App } from '../../core/runtime.js';
import { within } from '../../core/within.js';
import { StoredDmChannels } from '../shared/dm-channels.js';
import { InFlight } from '../shared/inflight.js';
import { SlackAdmins } from './admins.js';
import { boltLogger } from './bolt-logger.js';
import type { SlackContext } from './context.js';
import { DmChannels } from './deliver.js';
import { healthRoute } from './health.js';
import { StateInstallationStore } from './installation-store.js';
import { dispatch } from './listeners/dispatch.js';
import type { SlackMode } from './mode.js';
import { renderReply } from './render.js';
import { guardRequests } from './request-guard.js';
import { installScopes } from './scopes.js';

export interface SlackAppOptions {
  mode: SlackMode;
  /** Finish the work before the HTTP response (tests, serverless). Production acks first. */
  processBeforeResponse?: boolean;
  /** Extra Web API client settings, e.g. `retryConfig: { retries: 0 }` against a stand-in. */
  clientOptions?: webApi.WebClientOptions;
  /** Socket Mode: reconnect after a dropped connection (default true). */
  autoReconnect?: boolean;
  submitBudgetMs?: number;
}

export interface SlackApp {
  bolt: BoltApp;
  context: SlackContext;
  /** Starts the receiver; `port` is the HTTP port actually bound (HTTP mode, or Socket Mode with PORT). */
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
}

/** Fewer retries than the client's default half hour, so a dead API fails start-up in seconds. */
const DEFAULT_RETRY = { retries: 2, factor: 2, minTimeout: 500 };

/** Builds the Bolt app for a mode: receiver, auth (one token or OAuth installs), listeners. */
export function createSlackApp(core: App, opts: SlackAppOptions): SlackApp {
  const { mode } = opts;
  const logger = boltLogger(core.log);
  const clientOptions: webApi.WebClientOptions = {
    retryConfig: DEFAULT_RETRY,
    ...(mode.apiUrl ? { slackApiUrl: mode.apiUrl } : {}),
    ...opts.clientOptions,
  };
  let started = false;
  const health = healthRoute(core.store, () => started);
  const installationStore = mode.oauth ? new StateInstallationStore(core.store) : undefined;
  // The same OAuth settings go to the Socket Mode receiver (which serves the install pages) and to the app.
  const oauth = mode.oauth
    ? {
        clientId: mode.oauth.clientId,
        clientSecret: mode.oauth.clientSecret,
        stateSecret: mode.oauth.stateSecret,
        installationStore,
        scopes: installScopes(core.config),
      }
    : undefined;
  const auth: Partial<AppOptions> = oauth ?? { token: mode.botToken };

  // Both transports leave out Bolt's default conversation store: a global middleware that looks
  // up each request's channel and, finding nothing, builds and throws away an Error every time.
  // Nothing here reads `context.conversation` (state lives in the core's store).
  let bolt: BoltApp;
  // The connection's state goes to /healthz and /metrics: the socket, or the HTTP listener.
  const connection = mode.transport === 'socket' ? 'socket' : 'http';
  const report = (state: ConnectionState) => reportState('slack', state, connection);
  if (mode.transport === 'socket') {
    const receiver = new SocketModeReceiver({
      appToken: mode.appToken ?? '',
      logger,
      autoReconnectEnabled: opts.autoReconnect ?? true,
      // The receiver serves HTTP (health, OAuth pages) only when there is something to serve.
      customRoutes: mode.port !== undefined ? [health] : [],
      ...oauth,
      installerOptions: { clientOptions, port: mode.port },
    });
    const socketStates: Record<string, ConnectionState> = {
      connecting: 'starting',
      connected: 'ready',
      reconnecting: 'reconnecting',
      disconnected: 'disconnected',
    };
    for (const [event, state] of Object.entries(socketStates)) {
      receiver.client.on(event, () => {
        if (started || state === 'ready' || state === 'starting') report(state);
      });
    }
    bolt = new BoltApp({
      ...auth,
      receiver,
      socketMode: true,
      convoStore: false,
      logger,
      clientOptions,
      deferInitialization: true,
    });
  } else {
    bolt = new BoltApp({
      ...auth,
      convoStore: false,
      signingSecret: mode.signingSecret,
      port: mode.port,
      customRoutes: [health],
      processBeforeResponse: opts.processBeforeResponse ?? false,
      logger,
      clientOptions,
      deferInitialization: true,
    });
  }

  const dms = new DmChannels(new StoredDmChannels(core.store, 'slack'));
  const inflight = new InFlight();
  const context: SlackContext = {
    core,
    deps: {
      store: core.store,
      log: core.log,
      dms,
      naming: { prefix: mode.prefix, names: new Set(core.router.commands.map((c) => c.name)) },
    },
    submitBudgetMs: opts.submitBudgetMs ?? 2500,
    admins: new SlackAdmins(core.router, core.log, core.config.SLACK_ADMIN_GROUP, core.store),
    inflight,
  };

  bolt.error(async (err) => {
    core.log.error({ platform: 'slack', code: err.code, error: err.message }, 'slack request failed');
    metrics.error('slack', 'request');
  });
  // No Bolt listeners: commands, clicks, submits and events all go through this one middleware.
  bolt.use(dispatch(context));
  guardBolt(bolt, mode, inflight, core);

  return {
    bolt,
    context,
    async start() {
      report('starting');
      // Content is read and indexed before Slack can reach us, and before /healthz says ok.
      await core.warm?.();
      await bolt.init();
      if (mode.oauth && installationStore) {
        await seedInstallation(installationStore, mode.botToken, clientOptions, installScopes(core.config));
      }
      let server: unknown;
      try {
        server = mode.transport === 'http' ? await bolt.start(mode.port ?? 3000) : await bolt.start();
      } catch (err) {
        report('stopped');
        throw err;
      }
      started = true;
      report('ready');
      // Scheduled jobs (the advisors' digest) post to channels with the deploying workspace's token.
      const poster = new webApi.WebClient(mode.botToken, clientOptions);
      core.notifiers?.register('slack', async (channel, reply) => {
        for (const m of renderReply(reply, context.deps.naming).messages) {
          await poster.chat.postMessage({ channel, text: m.text, blocks: m.blocks });
        }
      });
      if (mode.transport === 'http') return { port: (server as { address(): AddressInfo }).address().port };
      return { port: mode.port };
    },
    async stop() {
      started = false;
      reportStopped('slack');
      if (mode.transport === 'socket') {
        // Close the socket first: nothing new arrives, and replies go over the Web API anyway.
        await within(
          bolt.stop().catch(() => undefined),
          STOP_MS,
        );
        await drain(inflight, core);
        return;
      }
      // HTTP: new requests get 503 (Slack retries events) while running handlers finish.
      await drain(inflight, core);
      await within(
        bolt.stop().catch(() => undefined),
        STOP_MS,
      );
    },
  };
}

/** How long a stop waits for running listeners, then for the connection to close. */
const DRAIN_MS = 3000;
const STOP_MS = 1000;

async function drain(inflight: InFlight, core: App): Promise<void> {
  const left = await inflight.drain(DRAIN_MS);
  if (left) core.log.warn({ platform: 'slack', running: left }, 'stopped with requests still running');
}

/** An events_api envelope whose payload the Socket Mode client can read (`payload.event.type`). */
function readableEnvelope(raw: unknown): { ok: true } | { ok: false; envelopeId?: string } {
  let msg: unknown;
  try {
    msg = JSON.parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw as ArrayBuffer));
  } catch {
    return { ok: true }; // the client ignores what does not parse
  }
  const m = msg as { type?: unknown; envelope_id?: unknown; payload?: { event?: { type?: unknown } } | null };
  if (m?.type !== 'events_api') return { ok: true };
  if (typeof m.payload?.event?.type === 'string') return { ok: true };
  return { ok: false, envelopeId: typeof m.envelope_id === 'string' ? m.envelope_id : undefined };
}

/**
 * The Socket Mode client reads `payload.event.type` of every events_api envelope before anything
 * else can look, and its handler is async: a null payload is an unhandled rejection, which ends
 * the process. Such an envelope is acked and dropped here; any other failure in the client's
 * handler is logged.
 */
function guardSocket(receiver: SocketModeReceiver, core: App): void {
  const client = receiver.client as unknown as NodeJS.EventEmitter & { send(id: string, body?: unknown): Promise<void> };
  const handlers = client.listeners('ws_message') as ((data: unknown, isBinary: boolean) => unknown)[];
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    const verdict = isBinary ? { ok: true as const } : readableEnvelope(data);
    if (!verdict.ok) {
      core.log.warn({ platform: 'slack' }, 'Socket Mode envelope without an event dropped');
      if (verdict.envelopeId) void client.send(verdict.envelopeId).catch(() => undefined);
      return;
    }
    for (const handle of handlers) {
      void Promise.resolve()
        .then(() => handle(data, isBinary))
        .catch((err: unknown) =>
          core.log.warn({ platform: 'slack', error: (err as Error).message }, 'Socket Mode message could not be read'),
        );
    }
  });
}

/**
 * Bolt crashes on a signed request whose body is `null` or not an object (it reads
 * `body.ssl_check`), and accepts timestamps far in the future. Over HTTP, requests pass
 * request-guard.ts first; on both transports an event whose body is not an object is acked
 * and dropped before Bolt routes it.
 */
function guardBolt(bolt: BoltApp, mode: SlackMode, inflight: InFlight, core: App): void {
  const internals = bolt as unknown as {
    receiver: { requestListener?: (req: IncomingMessage, res: ServerResponse) => void };
    processEvent(event: ReceiverEvent): Promise<void>;
  };
  const receiver = internals.receiver;
  if (mode.transport === 'http' && receiver.requestListener) {
    receiver.requestListener = guardRequests(receiver.requestListener, {
      endpoints: ['/slack/events'],
      accepting: () => inflight.accepting,
      log: core.log,
    });
  }
  if (mode.transport === 'socket') guardSocket(receiver as unknown as SocketModeReceiver, core);
  const processEvent = internals.processEvent.bind(bolt);
  internals.processEvent = async (event) => {
    const body: unknown = event.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      core.log.warn({ platform: 'slack' }, 'event without an object body dropped');
      await event.ack();
      return;
    }
    return processEvent(event);
  };
}

/**
 * With OAuth on, the workspace of SLACK_BOT_TOKEN is stored as the first installation, so the
 * group that deployed the bot keeps working before anyone goes through /slack/install.
 */
async function seedInstallation(
  store: StateInstallationStore,
  token: string,
  clientOptions: webApi.WebClientOptions,
  scopes: string[],
): Promise<void> {
  const client = new webApi.WebClient(token, clientOptions);
  const who = await client.auth.test();
  if (!who.team_id) return;
  const query = { teamId: who.team_id, enterpriseId: who.enterprise_id, isEnterpriseInstall: false };
  if (await store.hasInstallation(query)) return;
  await store.storeInstallation({
    team: { id: who.team_id, name: who.team },
    enterprise: who.enterprise_id ? { id: who.enterprise_id } : undefined,
    user: { id: who.user_id ?? '', token: undefined, scopes: undefined },
    bot: { id: who.bot_id ?? '', userId: who.user_id ?? '', token, scopes },
    tokenType: 'bot',
    isEnterpriseInstall: false,
  });
}
