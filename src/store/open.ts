import type { Config } from '../config.js';
import { keyvClass } from './load.js';
import { redisBackend } from './redis.js';
import { sqliteBackend } from './sqlite.js';
import { StateStore } from './store.js';

const NAMESPACE = 'img-advisor';

/**
 * Redis when REDIS_URL is set (shared by every shard and process), otherwise an embedded SQLite
 * file. Drivers load on first use, so the one-shot CLI never pays for a store it does not touch.
 */
export function openStore(config: Pick<Config, 'REDIS_URL' | 'sqlitePath'>): StateStore {
  return new StateStore(
    config.REDIS_URL ? redisBackend(config.REDIS_URL, NAMESPACE) : sqliteBackend(config.sqlitePath, NAMESPACE),
  );
}

/** For tests and benchmarks that need no persistence. */
export function memoryStore(): StateStore {
  const claims = new Map<string, number>();
  return new StateStore({
    kind: 'memory',
    where: 'memory',
    open: async () => new (await keyvClass())({ namespace: NAMESPACE }),
    async claim(key, ttlMs) {
      const now = Date.now();
      if ((claims.get(key) ?? 0) > now) return false;
      claims.set(key, now + ttlMs);
      return true;
    },
  });
}
