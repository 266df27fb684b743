import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ConnectionReport, connectionStates, remoteMetrics, useMetricsSink } from '../core/metrics.js';
import type { Prometheus } from '../core/prometheus.js';
import type { Runtime } from '../core/runtime.js';
import type { StateStore } from '../store/store.js';

/**
 * `/healthz` and `/metrics` on HEALTH_PORT, whichever platforms run (Discord, Slack over Socket
 * Mode or HTTP): for a load balancer or systemd watchdog, and for Prometheus. Its own port, apart
 * from Slack's public PORT, so metrics need not be reachable from the internet; bound to
 * HEALTH_HOST (default 127.0.0.1). Platforms report their connections with `reportState`
 * (src/core/metrics.ts); this server only reads them.
 */
export interface HealthServer {
  port: number;
  prometheus: Prometheus;
  close(): Promise<void>;
}

const STORE_TIMEOUT_MS = 2000;

interface StoreCheck {
  ok: boolean;
  backend: string;
  ms: number;
}

async function checkStore(store: StateStore): Promise<StoreCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), STORE_TIMEOUT_MS);
  });
  let ok: boolean;
  try {
    ok = await Promise.race([store.ping().then(() => true), late]);
  } catch {
    ok = false;
  } finally {
    clearTimeout(timer);
  }
  return { ok, backend: store.backend, ms: Math.round(performance.now() - started) };
}

/** The /healthz body: `ok` when the store answers and every reported connection is ready. */
export function healthReport(store: StoreCheck, connections: ConnectionReport[]) {
  const platforms: Record<string, { connection: string; state: string; since: string }[]> = {};
  for (const c of connections) {
    const list = platforms[c.platform] ?? [];
    list.push({ connection: c.connection, state: c.state, since: c.since });
    platforms[c.platform] = list;
  }
  const ready = connections.length > 0 && connections.every((c) => c.state === 'ready');
  const status = store.ok && ready ? 'ok' : connections.some((c) => c.state === 'starting') ? 'starting' : 'unavailable';
  return { status, store, platforms };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

async function route(req: IncomingMessage, res: ServerResponse, store: StateStore, prometheus: Prometheus): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'GET only\n');
  if (path === '/healthz') {
    const report = healthReport(await checkStore(store), connectionStates());
    return send(res, report.status === 'ok' ? 200 : 503, 'application/json', `${JSON.stringify(report)}\n`);
  }
  if (path === '/metrics') return send(res, 200, prometheus.contentType, await prometheus.text(await remoteMetrics()));
  return send(res, 404, 'text/plain', 'Not found: try /healthz or /metrics\n');
}

/**
 * Starts the server when HEALTH_PORT is set (0 picks a free port) and installs the Prometheus
 * sink, so what the router, store and adapters report from now on is counted. The server does
 * not keep the process alive on its own: platforms decide when the process ends.
 */
export async function startHealth(app: Runtime): Promise<HealthServer | undefined> {
  const port = app.config.HEALTH_PORT;
  if (port === undefined) return undefined;
  if (port !== 0 && port === app.config.PORT) {
    throw new Error(`HEALTH_PORT and PORT are both ${port}: Slack listens on PORT, so give HEALTH_PORT a port of its own.`);
  }
  const host = app.config.HEALTH_HOST ?? '127.0.0.1';
  const { createPrometheus } = await import('../core/prometheus.js');
  const prometheus = createPrometheus();
  useMetricsSink(prometheus.sink);
  const server: Server = createServer((req, res) => {
    route(req, res, app.store, prometheus).catch((err: unknown) => {
      app.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'health request failed');
      if (!res.headersSent) send(res, 500, 'text/plain', 'error\n');
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (err) {
    useMetricsSink(undefined);
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new Error(`HEALTH_PORT ${port} is already in use on ${host}: choose another port.`);
    throw new Error(`cannot serve /healthz on ${host}:${port}: ${err instanceof Error ? err.message : String(err)}`);
  }
  server.unref();
  const bound = (server.address() as AddressInfo).port;
  app.log.info({ host, port: bound }, `health and metrics on http://${host}:${bound}/healthz and /metrics`);
  return {
    port: bound,
    prometheus,
    close: () =>
      new Promise<void>((resolve) => {
        useMetricsSink(undefined);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * In a Discord shard process: count into a Prometheus registry of its own, which the manager
 * process asks for over IPC and serves with its own on HEALTH_PORT.
 */
export async function shardMetrics(app: Runtime, answer: (collect: () => Promise<object[]>) => void): Promise<void> {
  if (app.config.HEALTH_PORT === undefined) return;
  const { createPrometheus } = await import('../core/prometheus.js');
  const prometheus = createPrometheus();
  useMetricsSink(prometheus.sink);
  answer(() => prometheus.registry.getMetricsAsJSON());
}
