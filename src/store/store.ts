import { AsyncLocalStorage } from 'node:async_hooks';
import type { Keyv } from 'keyv';
import { timed } from '../core/metrics.js';
import { StoreUnavailableError } from './errors.js';
import { LocalLocker, type Locker, LockTimeoutError } from './lock.js';
import type { Owner, RecordType } from './record.js';

export type { Owner } from './record.js';

export type Loaded<T> =
  | { status: 'found'; value: T }
  | { status: 'missing' }
  /** A record was there but no longer fits its schema or version: it was dropped. */
  | { status: 'reset' };

interface Envelope {
  v: number;
  d: unknown;
}

type StoreOp = 'get' | 'set' | 'delete' | 'has' | 'ping' | 'other';

const isEnvelope = (x: unknown): x is Envelope =>
  typeof x === 'object' && x !== null && typeof (x as Envelope).v === 'number' && 'd' in x;

/** Keys are `platform:user:flow`; shared records (not about one member) use `shared:<flow>:<id>`. */
export function recordKey(type: RecordType<unknown>, owner: Owner): string {
  return `${owner.platform}:${owner.user}:${type.flow}`;
}

/**
 * What a backend (SQLite, Redis, memory) gives the store besides keyv: its lock, an atomic
 * set-if-absent, making deleted data unrecoverable, and removing expired rows.
 */
export interface Backend {
  readonly kind: 'sqlite' | 'redis' | 'memory';
  /** Where the data lives, for operators' messages (never a password). */
  readonly where: string;
  open(): Promise<Keyv>;
  readonly locker?: Locker;
  /** Sets `key` for `ttlMs` unless it is set: true when this call set it. Atomic across processes. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** After deletes: overwrite and release the freed space, so deleted text cannot be read back. */
  scrub?(): Promise<void>;
  /** Deletes expired rows; returns how many. (Redis expires keys itself.) */
  sweep?(): Promise<number>;
  /** Closes the connection; the next `open` opens a new one. */
  close?(): Promise<void>;
  /** The Redis client under the store, for libraries that count in Redis too (question limits). */
  client?(): Promise<unknown>;
}

/** One kind of thing /forget found (or deleted) for a member, and how many. */
export interface Stored {
  record: RecordType<unknown>;
  count: number;
}

/**
 * The one state interface handlers use. Backed by keyv (SQLite or Redis); every read is validated,
 * every write carries the schema version and the record type's TTL. A backend that cannot be
 * reached surfaces as StoreUnavailableError; the next call tries again, so the store recovers
 * by itself when the backend returns.
 */
export class StateStore {
  private keyvPromise: Promise<Keyv> | undefined;
  /** The member locks the current async call chain holds, so a nested withLock does not wait on itself. */
  private readonly held = new AsyncLocalStorage<ReadonlySet<string>>();
  private readonly locker: Locker;
  private sweeper: NodeJS.Timeout | undefined;

  /** The backend opens on first use, so commands that store nothing never load a driver. */
  constructor(private readonly b: Backend) {
    this.locker = b.locker ?? new LocalLocker();
  }

  get backend(): Backend['kind'] {
    return this.b.kind;
  }

  get where(): string {
    return this.b.where;
  }

  /** The Redis client the store uses (Redis only), shared with the question limiter. */
  redisClient(): Promise<unknown> | undefined {
    return this.b.client?.();
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
    let entered = false;
    return this.locker
      .withLock(key, () => {
        entered = true;
        return this.held.run(new Set([...(held ?? []), key]), fn);
      })
      .catch((err: unknown) => {
        // A lock that could not be taken because the backend is away is the store being unreachable;
        // what the locked work throws is its own.
        throw entered || err instanceof LockTimeoutError ? err : this.unavailable(err);
      });
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

  private unavailable(err: unknown): StoreUnavailableError {
    return err instanceof StoreUnavailableError ? err : new StoreUnavailableError(this.b.where, err);
  }

  private kv(): Promise<Keyv> {
    if (!this.keyvPromise) {
      const opening = this.b.open();
      this.keyvPromise = opening;
      // A backend that could not open is tried again on the next call, not remembered as broken.
      opening.catch(() => {
        if (this.keyvPromise === opening) this.keyvPromise = undefined;
      });
    }
    return this.keyvPromise.catch((err: unknown) => {
      throw this.unavailable(err);
    });
  }

  /** One call to the backend: whatever it throws means the store is not reachable right now. */
  /** One backend call: timed for the store latency metric (a no-op without a metrics sink), failures made calm. */
  private async io<T>(fn: (kv: Keyv) => Promise<T>, op: StoreOp = 'other'): Promise<T> {
    const kv = await this.kv();
    try {
      return await timed(this.backend, op, () => fn(kv));
    } catch (err) {
      throw this.unavailable(err);
    }
  }

  /** Opens the backend now and checks it answers: for start-up and health checks. */
  async ping(): Promise<void> {
    await this.io((kv) => kv.has('shared:ping'), 'ping');
  }

  private async read<T>(type: RecordType<T>, key: string): Promise<Loaded<T>> {
    const raw: unknown = await this.io((kv) => kv.get(key), 'get');
    if (raw === undefined || raw === null) return { status: 'missing' };
    if (isEnvelope(raw) && raw.v === type.version) {
      const parsed = type.schema.safeParse(raw.d);
      if (parsed.success) return { status: 'found', value: parsed.data };
    }
    await this.io((kv) => kv.delete(key), 'delete');
    return { status: 'reset' };
  }

  private async write<T>(type: RecordType<T>, key: string, value: T): Promise<void> {
    // Validate on the way in too: a bug must not store what the next read would throw away.
    const data = type.schema.parse(value);
    await this.io((kv) => kv.set(key, { v: type.version, d: data } satisfies Envelope, type.ttlMs), 'set');
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
    return this.io((kv) => kv.delete(recordKey(type as RecordType<unknown>, owner)), 'delete');
  }

  loadShared<T>(type: RecordType<T>, id: string): Promise<Loaded<T>> {
    return this.read(type, `shared:${type.flow}:${id}`);
  }

  async getShared<T>(type: RecordType<T>, id: string): Promise<T | undefined> {
    const r = await this.loadShared(type, id);
    return r.status === 'found' ? r.value : undefined;
  }

  saveShared<T>(type: RecordType<T>, id: string, value: T): Promise<void> {
    return this.write(type, `shared:${type.flow}:${id}`, value);
  }

  removeShared<T>(type: RecordType<T>, id: string): Promise<boolean> {
    return this.io((kv) => kv.delete(`shared:${type.flow}:${id}`), 'delete');
  }

  /** Read, change and write a shared record under its own lock (many members add to one aggregate). */
  updateShared<T>(type: RecordType<T>, id: string, change: (current: T | undefined) => T | null): Promise<T | null> {
    return this.withLock({ platform: 'shared', user: `${type.flow}:${id}` }, async () => {
      const next = change(await this.getShared(type, id));
      if (next === null) await this.removeShared(type, id);
      else await this.saveShared(type, id, next);
      return next;
    });
  }

  /**
   * Sets `key` for `ttlMs` unless someone already has: true for exactly one caller, across
   * processes sharing the backend (Redis SET NX PX; an atomic upsert on SQLite). For "do this once"
   * (a retried event) where a read-then-write would let two deliveries through.
   */
  async claim(key: string, ttlMs: number): Promise<boolean> {
    await this.kv();
    try {
      return await this.b.claim(`claim:${key}`, ttlMs);
    } catch (err) {
      throw this.unavailable(err);
    }
  }

  /** Which of the given personal kinds are stored about this member (shared records: each feature's `forget`). */
  async stored(owner: Owner, types: RecordType<unknown>[]): Promise<Stored[]> {
    return this.visit(owner, types, false);
  }

  /**
   * Deletes this member's records of the given personal kinds, then has the backend overwrite the
   * freed space: the text cannot be read back from the file. Returns what was there.
   */
  async forget(owner: Owner, types: RecordType<unknown>[]): Promise<Stored[]> {
    return this.withLock(owner, async () => {
      const gone = await this.visit(owner, types, true);
      if (gone.length && this.b.scrub) await this.io(() => this.b.scrub?.() ?? Promise.resolve());
      return gone;
    });
  }

  private async visit(owner: Owner, types: RecordType<unknown>[], remove: boolean): Promise<Stored[]> {
    const found = await Promise.all(
      types
        .filter((record) => record.personal)
        .map(async (record): Promise<Stored> => {
          const key = recordKey(record, owner);
          const present = await this.io((kv) => (remove ? kv.delete(key) : kv.has(key)));
          return { record, count: present ? 1 : 0 };
        }),
    );
    return found.filter((f) => f.count > 0);
  }

  /** Deletes expired records now (SQLite keeps them until read otherwise); returns how many. */
  async sweep(): Promise<number> {
    if (!this.b.sweep) return 0;
    await this.kv();
    try {
      return await this.b.sweep();
    } catch (err) {
      throw this.unavailable(err);
    }
  }

  /** Sweeps expired records every `intervalMs` while the process runs (platforms, terminal chat). */
  startSweeping(intervalMs = 3_600_000, onError?: (err: unknown) => void): void {
    if (this.sweeper || !this.b.sweep) return;
    const run = () => void this.sweep().catch((err) => onError?.(err));
    run();
    this.sweeper = setInterval(run, intervalMs);
    this.sweeper.unref();
  }

  async close(): Promise<void> {
    // Stop tracking held locks: the async hooks behind it would otherwise stay on for the process
    // (and a V8 start-up snapshot cannot be taken with them on).
    this.held.disable();
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    if (!this.keyvPromise) return;
    const kv = await this.keyvPromise.catch(() => undefined);
    this.keyvPromise = undefined;
    if (this.b.close) await this.b.close().catch(() => undefined);
    else await kv?.disconnect().catch(() => undefined);
  }
}
