import { AggregatorRegistry, Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ConnectionState, Handled, MetricsSink } from './metrics.js';

/**
 * The metrics sink behind /metrics, on prom-client (the Prometheus client most Node services
 * use: text exposition format, histograms, process metrics, and merging metrics from other
 * processes). Only the composition root loads this module.
 */
const STATES: ConnectionState[] = ['starting', 'ready', 'reconnecting', 'disconnected', 'stopped'];
/** Seconds: chat commands answer in milliseconds; Discord and Slack give up after 3 s. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STORE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/** Metrics of another process (a Discord shard), as `registry.getMetricsAsJSON()` gave them. */
export type RemoteMetrics = object[];

export interface Prometheus {
  sink: MetricsSink;
  registry: Registry;
  /** The exposition text: this process's metrics merged with those of `remote` sources. */
  text(remote?: RemoteMetrics[]): Promise<string>;
  contentType: string;
}

export function createPrometheus(opts: { processMetrics?: boolean } = {}): Prometheus {
  const registry = new Registry();
  if (opts.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const commands = new Counter({
    name: 'img_advisor_commands_total',
    help: 'Requests handled (commands, clicks, form submits, direct messages) by command and outcome (ok, usage, error).',
    labelNames: ['platform', 'kind', 'command', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'img_advisor_command_duration_seconds',
    help: 'Time from a request reaching the core to its replies being ready.',
    labelNames: ['platform', 'kind', 'command'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'img_advisor_errors_total',
    help: 'Failures: a handler that threw (where="handler"), a reply that could not be delivered, a gateway or store error.',
    labelNames: ['platform', 'where'] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'img_advisor_rate_limited_replies_total',
    help: 'Replies refused because a member sent too much too fast.',
    labelNames: ['platform', 'command'] as const,
    registers: [registry],
  });
  const apiRateLimited = new Counter({
    name: 'img_advisor_api_rate_limits_total',
    help: 'Times the platform API answered 429; the client waited and retried.',
    labelNames: ['platform'] as const,
    registers: [registry],
  });
  const store = new Histogram({
    name: 'img_advisor_store_operation_duration_seconds',
    help: 'State store operations (get, set, delete, has, ping) by backend and outcome.',
    labelNames: ['backend', 'op', 'outcome'] as const,
    buckets: STORE_BUCKETS,
    registers: [registry],
  });
  const state = new Gauge({
    name: 'img_advisor_connection_state',
    help: 'Platform connections (Discord shards, Slack socket or HTTP listener): 1 for the current state.',
    labelNames: ['platform', 'connection', 'state'] as const,
    registers: [registry],
  });
  const up = new Gauge({
    name: 'img_advisor_connection_up',
    help: 'Platform connections: 1 when ready, 0 otherwise.',
    labelNames: ['platform', 'connection'] as const,
    registers: [registry],
  });

  const sink: MetricsSink = {
    handled(e: Handled) {
      commands.inc({ platform: e.platform, kind: e.kind, command: e.command, outcome: e.outcome });
      latency.observe({ platform: e.platform, kind: e.kind, command: e.command }, e.seconds);
      if (e.outcome === 'error') errors.inc({ platform: e.platform, where: 'handler' });
    },
    error(platform, where) {
      errors.inc({ platform, where });
    },
    rateLimited(platform, command) {
      rateLimited.inc({ platform, command });
    },
    apiRateLimited(platform) {
      apiRateLimited.inc({ platform });
    },
    storeOp(backend, op, seconds, ok) {
      store.observe({ backend, op, outcome: ok ? 'ok' : 'error' }, seconds);
      if (!ok) errors.inc({ platform: 'store', where: op });
    },
    connection(platform, connection, current) {
      for (const s of STATES) state.set({ platform, connection, state: s }, s === current ? 1 : 0);
      up.set({ platform, connection }, current === 'ready' ? 1 : 0);
    },
  };

  return {
    sink,
    registry,
    contentType: registry.contentType,
    async text(remote = []) {
      if (!remote.length) return registry.metrics();
      return AggregatorRegistry.aggregate([await registry.getMetricsAsJSON(), ...remote]).metrics();
    },
  };
}
