import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app/app.js';
import { type HealthServer, startHealth } from '../src/app/health.js';
import { loadConfig } from '../src/config.js';
import { reportState, resetStates } from '../src/core/metrics.js';
import { createLogger } from '../src/log.js';
import { getHealth, getMetrics, sample } from './support/health.js';

/**
 * The health server on its own, in this process: a real app on a real SQLite file, the real
 * router, /healthz and /metrics over HTTP on loopback. The platform suites start the bot as a
 * user would and read the same endpoints.
 */
let app: App;
let health: HealthServer;
const dir = mkdtempSync(path.join(tmpdir(), 'img-advisor-health-'));
const member = { platform: 'discord' as const, user: { id: 'U-health', name: 'm' }, conversation: { id: 'c', isDirect: false } };

beforeAll(async () => {
  const config = loadConfig({ SQLITE_PATH: path.join(dir, 'state.sqlite'), HEALTH_PORT: '0', LOG_LEVEL: 'silent' });
  app = createApp({ config, log: createLogger('silent') });
  const started = await startHealth(app);
  if (!started) throw new Error('HEALTH_PORT was set, the server should run');
  health = started;
});
afterAll(async () => {
  await health?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('/healthz', () => {
  it('says starting (503) until a platform reports a connection, then ok (200) while all are ready', async () => {
    resetStates();
    const before = await getHealth(health.port);
    expect(before.status).toBe(503);
    expect(before.body.store).toMatchObject({ ok: true, backend: 'sqlite' });

    reportState('discord', 'starting', 'shard-0');
    expect((await getHealth(health.port)).body.status).toBe('starting');
    reportState('discord', 'ready', 'shard-0');
    reportState('slack', 'ready', 'socket');
    const up = await getHealth(health.port);
    expect(up.status).toBe(200);
    expect(up.body.status).toBe('ok');
    expect(up.body.platforms).toMatchObject({
      discord: [{ connection: 'shard-0', state: 'ready' }],
      slack: [{ connection: 'socket', state: 'ready' }],
    });

    // One connection down is enough for a load balancer to stop sending traffic here.
    reportState('slack', 'reconnecting', 'socket');
    const down = await getHealth(health.port);
    expect(down.status).toBe(503);
    expect(down.body.platforms.slack).toMatchObject([{ state: 'reconnecting' }]);
  });

  it('answers 404 with a pointer for other paths and 405 for other methods', async () => {
    const other = await fetch(`http://127.0.0.1:${health.port}/`);
    expect(other.status).toBe(404);
    expect(await other.text()).toMatch(/\/healthz or \/metrics/);
    expect((await fetch(`http://127.0.0.1:${health.port}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});

describe('HEALTH_PORT', () => {
  it('must not be the port Slack listens on', async () => {
    const config = loadConfig({ SQLITE_PATH: path.join(dir, 'other.sqlite'), HEALTH_PORT: '3000', PORT: '3000' });
    const other = createApp({ config, log: createLogger('silent') });
    await expect(startHealth(other)).rejects.toThrow(/HEALTH_PORT and PORT are both 3000/);
    await other.close();
  });
});

describe('/metrics', () => {
  it('counts commands by name and outcome, with latency, in the Prometheus text format', async () => {
    await app.router.handle({ ...member, kind: 'command', command: 'ask', text: 'what does cap exempt mean' });
    await app.router.handle({ ...member, kind: 'command', command: 'tracker', text: 'frobnicate' });
    const m = await getMetrics(health.port);
    expect(m.status).toBe(200);
    expect(m.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(m.text, 'img_advisor_commands_total', { platform: 'discord', command: 'ask', outcome: 'ok' })).toBe(1);
    expect(sample(m.text, 'img_advisor_commands_total', { command: 'tracker', outcome: 'usage' })).toBe(1);
    expect(sample(m.text, 'img_advisor_command_duration_seconds_count', { command: 'ask' })).toBe(1);
    expect(m.text).toMatch(/^# TYPE img_advisor_command_duration_seconds histogram$/m);
    // Process metrics come with it.
    expect(sample(m.text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('labels a command nobody serves `unknown`, never with what the member typed', async () => {
    await app.router.handle({ ...member, kind: 'command', command: 'my-secret-diagnosis', text: '' });
    const m = await getMetrics(health.port);
    expect(sample(m.text, 'img_advisor_commands_total', { command: 'unknown', outcome: 'usage' })).toBe(1);
    expect(m.text).not.toMatch(/secret/);
  });

  it('times the store, and shows connection states as gauges', async () => {
    // A personal command reads and writes under the member's lock.
    await app.router.handle({ ...member, kind: 'command', command: 'tracker', subcommand: 'list', options: {} });
    reportState('discord', 'ready', 'shard-0');
    const m = await getMetrics(health.port);
    expect(
      sample(m.text, 'img_advisor_store_operation_duration_seconds_count', { backend: 'sqlite', op: 'get' }),
    ).toBeGreaterThan(0);
    expect(sample(m.text, 'img_advisor_connection_up', { platform: 'discord', connection: 'shard-0' })).toBe(1);
    expect(sample(m.text, 'img_advisor_connection_state', { platform: 'discord', state: 'ready' })).toBe(1);
    expect(sample(m.text, 'img_advisor_connection_state', { platform: 'discord', state: 'reconnecting' })).toBe(0);
  });

  it('has the rate-limited replies counter others increment', async () => {
    const { metrics } = await import('../src/core/metrics.js');
    metrics.rateLimited('slack', 'ask');
    const m = await getMetrics(health.port);
    expect(sample(m.text, 'img_advisor_rate_limited_replies_total', { platform: 'slack', command: 'ask' })).toBe(1);
  });
});
