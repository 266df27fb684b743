import { AsyncLocalStorage } from 'node:async_hooks';
import type { Keyv } from 'keyv';
import { timed } from '../core/metrics.js';
import { LocalLocker, type Locker } from './lock.js';
import type { RecordType } from './record.js';

/** Whose record: one member on one platform. */
export interface Owner {
  platform: string;
  user: string;
}

export type Loaded<T> =
  | { status: 'found'; value: T }
  | { status: 'missing' }
  /** A record was there but no longer fits its schema or version: it was dropped. */
  | { status: 'reset' };

interface Envelope {
  v: number;
  d: unknown;
}

const isEnvelope = (x: unknown): x is Envelope =>
  typeof x === 'object' && x !== null && typeof (x as Envelope).v === 'number' && 'd' in x;

/** Keys are `platform:user:flow`; shared records (not about one member) use `shared:<flow>:<id>`. */
export function recordKey(type: RecordType<unknown>, owner: Owner): string {
  return `${owner.platform}:${owner.user}:${type.flow}`;
}

/**
 * The one state interface handlers use. Backed by keyv (SQLite or Redis); every read is validated,
 * every write carries the schema version and the record type's TTL.
 */
export class StateStore {
  private keyvPromise: Promise<Keyv> | undefined;
  /** The member locks the current async call chain holds, so a nested withLock does not wait on itself. */
  private readonly held = new AsyncLocalStorage<ReadonlySet<string>>();

  /** The backend opens on first use, so commands that store nothing never load a driver. */
  constructor(
    private readonly openKeyv: () => Promise<Keyv>,
    readonly backend: 'sqlite' | 'redis' | 'memory',
    private readonly locker: Locker = new LocalLocker(),
    private readonly redis?: () => Promise<unknown>,
  ) {}

  /**
   * The node-redis client under the store (Redis only), for libraries that keep their own keys
   * beside the records, such as the question rate limiter. Same connection, same reconnect policy.
   */
  redisClient(): Promise<unknown> | undefined {
    return this.redis?.();
  }

  /**
   * Runs `fn` holding this member's lock: every read-change-write of a member's records goes
   * through here, so two turns of one member (two shards, two clicks) never overwrite each other.
   * On Redis the lock holds across processes; on SQLite within the process.
   */
  withLock<T>(owner: Owner, fn: () => Promise<T>): Promise<T> {
    const key = `${owner.platform}:${owner.user}`;
    const held = this.held.getStore();
    if (held?.has(key)) return fn();
    return this.locker.withLock(key, () => this.held.run(new Set([...(held ?? []), key]), fn));
  }

  /**
   * Read, change and write one record under the member's lock. `change` gets the current value
   * (undefined when missing or reset) and returns the new one, or null to remove the record.
   */
  update<T>(type: RecordType<T>, owner: Owner, change: (current: T | undefined) => T | null): Promise<T | null> {
    return this.withLock(owner, async () => {
      const next = change(await this.get(type, owner));
      if (next === null) await this.remove(type, owner);
      else await this.save(type, owner, next);
      return next;
    });
  }

  private kv(): Promise<Keyv> {
    this.keyvPromise ??= this.openKeyv();
    return this.keyvPromise;
  }

  /** Opens the backend now and checks it answers: for start-up and health checks. */
  async ping(): Promise<void> {
    await timed(this.backend, 'ping', async () => {
      const kv = await this.kv();
      await kv.has('shared:ping');
    });
  }

  /** One backend call, timed for the store latency metric (a no-op without a metrics sink). */
  private op<T>(op: 'get' | 'set' | 'delete' | 'has', fn: (kv: Keyv) => Promise<T>): Promise<T> {
    return timed(this.backend, op, async () => fn(await this.kv()));
  }

  private async read<T>(type: RecordType<T>, key: string): Promise<Loaded<T>> {
    const raw: unknown = await this.op('get', (kv) => kv.get(key));
    if (raw === undefined || raw === null) return { status: 'missing' };
    if (isEnvelope(raw) && raw.v === type.version) {
      const parsed = type.schema.safeParse(raw.d);
      if (parsed.success) return { status: 'found', value: parsed.data };
    }
    await this.op('delete', (kv) => kv.delete(key));
    return { status: 'reset' };
  }

  private async write<T>(type: RecordType<T>, key: string, value: T): Promise<void> {
    // Validate on the way in too: a bug must not store what the next read would throw away.
    const data = type.schema.parse(value);
    await this.op('set', (kv) => kv.set(key, { v: type.version, d: data } satisfies Envelope, type.ttlMs));
  }

  load<T>(type: RecordType<T>, owner: Owner): Promise<Loaded<T>> {
    return this.read(type, recordKey(type as RecordType<unknown>, owner));
  }

  /** The value, or undefined when missing or reset. */
  async get<T>(type: RecordType<T>, owner: Owner): Promise<T | undefined> {
    const r = await this.load(type, owner);
    return r.status === 'found' ? r.value : undefined;
  }

  save<T>(type: RecordType<T>, owner: Owner, value: T): Promise<void> {
    return this.write(type, recordKey(type as RecordType<unknown>, owner), value);
  }

  remove<T>(type: RecordType<T>, owner: Owner): Promise<boolean> {
    return this.op('delete', (kv) => kv.delete(recordKey(type as RecordType<unknown>, owner)));
  }

  loadShared<T>(type: RecordType<T>, id: string): Promise<Loaded<T>> {
    return this.read(type, `shared:${type.flow}:${id}`);
  }

  saveShared<T>(type: RecordType<T>, id: string, value: T): Promise<void> {
    return this.write(type, `shared:${type.flow}:${id}`, value);
  }

  removeShared<T>(type: RecordType<T>, id: string): Promise<boolean> {
    return this.op('delete', (kv) => kv.delete(`shared:${type.flow}:${id}`));
  }

  /** Deletes this member's records of the given kinds; returns how many there were. */
  async forget(owner: Owner, types: RecordType<unknown>[]): Promise<number> {
    const keys = types.filter((t) => t.personal).map((t) => recordKey(t, owner));
    const present = await Promise.all(keys.map((k) => this.op('has', (kv) => kv.has(k))));
    const existing = keys.filter((_, i) => present[i]);
    await Promise.all(existing.map((k) => this.op('delete', (kv) => kv.delete(k))));
    return existing.length;
  }

  async close(): Promise<void> {
    // Stop tracking held locks: the async hooks behind it would otherwise stay on for the process
    // (and a V8 start-up snapshot cannot be taken with them on).
    this.held.disable();
    if (!this.keyvPromise) return;
    const kv = await this.keyvPromise.catch(() => undefined);
    await kv?.disconnect();
  }
}
