import type { AddressInfo } from 'node:net';
import { type AppOptions, App as BoltApp, SocketModeReceiver, webApi } from '@slack/bolt';
import { type ConnectionState, metrics, reportState, reportStopped } from '../../core/metrics.js';
import type { Runtime as App } from '../../core/runtime.js';
import { SlackAdmins } from './admins.js';
import { boltLogger } from './bolt-logger.js';
import type { SlackContext } from './context.js';
import { DmChannels } from './deliver.js';
import { healthRoute } from './health.js';
import { StateInstallationStore } from './installation-store.js';
import { dispatch } from './listeners/dispatch.js';
import type { SlackMode } from './mode.js';
import { renderReply } from './render.js';
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

  const dms = new DmChannels();
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
  };

  bolt.error(async (err) => {
    core.log.error({ platform: 'slack', code: err.code, error: err.message }, 'slack request failed');
    metrics.error('slack', 'request');
  });
  // No Bolt listeners: commands, clicks, submits and events all go through this one middleware.
  bolt.use(dispatch(context));

  return {
    bolt,
    context,
    async start() {
      report('starting');
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
      await bolt.stop();
    },
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
