/**
 * What the app reports about itself: commands handled, errors, rate-limited replies, store
 * latency, and the state of each platform connection. Callers (the router, the store, adapters)
 * use the functions here and never a metrics library: the composition root plugs a sink in
 * (Prometheus, src/core/prometheus.ts) when it serves /metrics. Without a sink every call is a
 * no-op, so a one-shot CLI run pays nothing. Labels are ids and names, never what a member typed.
 */

export type Outcome = 'ok' | 'usage' | 'error';

/** A platform connection: a Discord gateway shard (or shard process), Slack's socket or HTTP listener. */
export type ConnectionState = 'starting' | 'ready' | 'reconnecting' | 'disconnected' | 'stopped';

export interface Handled {
  platform: string;
  kind: string;
  /** A command the app knows, or `unknown` / `none`: never free text (label cardinality). */
  command: string;
  outcome: Outcome;
  seconds: number;
}

export interface MetricsSink {
  handled(e: Handled): void;
  /** A failure outside a handler: delivering a reply, a gateway error, a request Bolt rejected. */
  error(platform: string, where: string): void;
  /** A reply refused because the member (or the channel) sent too much too fast. */
  rateLimited(platform: string, command: string): void;
  /** The platform's API told us to slow down (HTTP 429); the client waits and retries. */
  apiRateLimited(platform: string): void;
  storeOp(backend: string, op: string, seconds: number, ok: boolean): void;
  connection(platform: string, connection: string, state: ConnectionState): void;
}

export interface ConnectionReport {
  platform: string;
  connection: string;
  state: ConnectionState;
  since: string;
}

const connections = new Map<string, ConnectionReport>();
let sink: MetricsSink | undefined;

/** Installs the sink that receives every report from now on (and the connection states so far). */
export function useMetricsSink(next: MetricsSink | undefined): void {
  sink = next;
  for (const c of connections.values()) sink?.connection(c.platform, c.connection, c.state);
}

export const metrics = {
  handled(e: Handled): void {
    sink?.handled(e);
  },
  error(platform: string, where: string): void {
    sink?.error(platform, where);
  },
  rateLimited(platform: string, command: string): void {
    sink?.rateLimited(platform, command);
  },
  apiRateLimited(platform: string): void {
    sink?.apiRateLimited(platform);
  },
  storeOp(backend: string, op: string, seconds: number, ok: boolean): void {
    sink?.storeOp(backend, op, seconds, ok);
  },
};

/**
 * What a platform adapter reports as its connections come and go: `reportState('discord',
 * 'ready', 'shard-0')`, `reportState('slack', 'reconnecting', 'socket')`. /healthz answers 200
 * only while every reported connection is ready (and the store answers).
 */
export function reportState(platform: string, state: ConnectionState, connection = 'main'): void {
  connections.set(`${platform}\u0000${connection}`, { platform, connection, state, since: new Date().toISOString() });
  sink?.connection(platform, connection, state);
}

/** Every connection reported so far, for /healthz. */
export function connectionStates(): ConnectionReport[] {
  return [...connections.values()];
}

/** Marks every connection of a platform stopped: it was shut down on purpose. */
export function reportStopped(platform: string): void {
  for (const c of [...connections.values()]) if (c.platform === platform) reportState(platform, 'stopped', c.connection);
}

/** Forgets every reported connection (tests that start and stop platforms in one process). */
export function resetStates(): void {
  connections.clear();
}

/** Times an async operation for the store histogram; the error, if any, is rethrown. */
export async function timed<T>(backend: string, op: string, fn: () => Promise<T>): Promise<T> {
  if (!sink) return fn();
  const started = performance.now();
  let ok = false;
  try {
    const out = await fn();
    ok = true;
    return out;
  } finally {
    sink?.storeOp(backend, op, (performance.now() - started) / 1000, ok);
  }
}

type RemoteSource = () => Promise<object[][]>;
const remoteSources = new Set<RemoteSource>();

/**
 * Another process's metrics to serve with ours: the Discord shard manager adds its shard
 * processes here. Each source returns metric lists as prom-client's `getMetricsAsJSON()` gives
 * them (opaque to the caller). Returns a function that removes the source.
 */
export function addMetricsSource(source: RemoteSource): () => void {
  remoteSources.add(source);
  return () => remoteSources.delete(source);
}

/** What every remote source has now; a source that fails is left out. */
export async function remoteMetrics(): Promise<object[][]> {
  const lists = await Promise.all([...remoteSources].map((s) => s().catch(() => [])));
  return lists.flat();
}
