import { z } from 'zod';
import type { Logger } from '../log.js';
import { defineRecord } from './record.js';
import type { StateStore } from './store.js';

/** A job that runs every `everyMs`, once per period across every shard and instance. */
export interface Scheduler {
  every(name: string, everyMs: number, run: (tick: string) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

const lastRunRecord = defineRecord('schedule-last-run', {
  version: 1,
  personal: false,
  ttlDays: 3650,
  schema: z.object({ at: z.number() }),
});

/**
 * The embedded default: one process owns the SQLite file, so a timer suffices; the last run is
 * kept in the store, so a restart neither repeats a run that happened nor skips one that is due.
 */
export class LocalScheduler implements Scheduler {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly store: StateStore,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async every(name: string, everyMs: number, run: (tick: string) => Promise<void>): Promise<void> {
    const check = async () => {
      // The lock is held through the run, and the run is recorded only when it succeeded: a run
      // that failed (its platforms not connected yet) is tried again at the next check.
      await this.store.withLock({ platform: 'shared', user: `schedule-${name}` }, async () => {
        const last = await this.store.loadShared(lastRunRecord, name);
        const at = last.status === 'found' ? last.value.at : 0;
        const now = this.now();
        if (now - at < everyMs) return;
        await run(`${name}:${now}`);
        await this.store.saveShared(lastRunRecord, name, { at: now });
      });
    };
    const guarded = () => {
      const p = check().catch((err) =>
        this.log.warn({ job: name, err: err instanceof Error ? err.message : String(err) }, 'scheduled job failed'),
      );
      this.running.add(p);
      void p.finally(() => this.running.delete(p));
    };
    guarded();
    const timer = setInterval(guarded, Math.min(everyMs, 60_000));
    timer.unref();
    this.timers.push(timer);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await Promise.all(this.running);
  }
}

/**
 * On Redis, a BullMQ job scheduler: the schedule lives in Redis, each period's job is taken by
 * exactly one worker whichever instance holds it, and the schedule survives restarts.
 */
export class RedisScheduler implements Scheduler {
  private readonly closers: (() => Promise<void>)[] = [];

  constructor(
    private readonly redisUrl: string,
    private readonly log: Logger,
    private readonly prefix = 'img-advisor-jobs',
  ) {}

  async every(name: string, everyMs: number, run: (tick: string) => Promise<void>): Promise<void> {
    const { Queue, Worker } = await import('bullmq');
    const connection = redisConnection(this.redisUrl);
    const queue = new Queue(name, { connection, prefix: this.prefix });
    await queue.upsertJobScheduler(
      name,
      { every: everyMs },
      // A run that fails (its platforms not connected yet) is tried again a little later.
      {
        name,
        opts: {
          removeOnComplete: 100,
          removeOnFail: 100,
          attempts: 5,
          backoff: { type: 'fixed', delay: Math.min(30_000, everyMs) },
        },
      },
    );
    const worker = new Worker(
      name,
      async (job) => {
        await run(`${name}:${job.id ?? job.timestamp}`);
      },
      { connection, prefix: this.prefix, concurrency: 1 },
    );
    worker.on('failed', (_job, err) => this.log.warn({ job: name, err: err.message }, 'scheduled job failed'));
    this.closers.push(
      () => worker.close(),
      () => queue.close(),
    );
  }

  async close(): Promise<void> {
    for (const c of this.closers.reverse()) await c().catch(() => undefined);
  }
}

/** BullMQ speaks ioredis, which takes host, port, password and db rather than a URL. */
export function redisConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ's workers block on Redis; they must retry forever rather than fail a request.
    maxRetriesPerRequest: null,
  };
}
