import { randomBytes } from 'node:crypto';

/** Runs `fn` while holding the named lock; waits for the holder before it. */
export interface Locker {
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export class LockTimeoutError extends Error {
  constructor(key: string) {
    super(`waited too long for the lock on ${key.split(':').slice(0, 1).join(':')}:…`);
    this.name = 'LockTimeoutError';
  }
}

/**
 * In-process locks: a promise chain per key. Enough for one process (the SQLite default); also the
 * first stage of the Redis lock, so turns of one member inside one process queue here instead of
 * polling Redis.
 */
export class LocalLocker implements Locker {
  private readonly tails = new Map<string, Promise<void>>();

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = before.then(() => mine);
    this.tails.set(key, tail);
    await before;
    try {
      return await fn();
    } finally {
      release();
      // The last holder leaves no entry behind, so the map holds only keys in use.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

/** The two Redis commands the lock needs, as node-redis (under @keyv/redis) offers them. */
export interface RedisLockClient {
  set(key: string, value: string, opts: { NX: true; PX: number }): Promise<unknown>;
  eval(script: string, opts: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

// Deletes the lock only when it still holds our token: a holder that overran its lease must not
// release the next holder's lock.
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/**
 * A lock across processes and machines sharing one Redis: SET key token NX PX lease, released by
 * compare-and-delete. The lease bounds how long a crashed holder blocks others; a turn takes
 * milliseconds, so a few seconds is ample.
 */
export class RedisLocker implements Locker {
  private readonly local = new LocalLocker();

  constructor(
    private readonly client: () => Promise<RedisLockClient>,
    private readonly prefix: string,
    private readonly opts = { leaseMs: 10_000, waitMs: 8_000 },
  ) {}

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.local.withLock(key, async () => {
      const client = await this.client();
      const lockKey = `${this.prefix}:lock:${key}`;
      const token = randomBytes(12).toString('base64url');
      const deadline = Date.now() + this.opts.waitMs;
      let pause = 5;
      while ((await client.set(lockKey, token, { NX: true, PX: this.opts.leaseMs })) !== 'OK') {
        if (Date.now() > deadline) throw new LockTimeoutError(key);
        await new Promise((r) => setTimeout(r, pause + Math.floor(Math.random() * pause)));
        pause = Math.min(pause * 2, 100);
      }
      try {
        return await fn();
      } finally {
        await client.eval(RELEASE, { keys: [lockKey], arguments: [token] }).catch(() => undefined);
      }
    });
  }
}
