import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Keyv } from 'keyv';
import type { Config } from '../config.js';
import { type RedisLockClient, RedisLocker } from './lock.js';
import { StateStore } from './store.js';

const NAMESPACE = 'img-advisor';

/**
 * A package's default export. Imported as ESM it is `default`; in the start-up snapshot, which is
 * CommonJS and requires the package's CommonJS build, it arrives one level down.
 */
function defaultExport<T>(mod: { default: T }): T {
  const d = mod.default as T | { default?: T };
  return typeof d === 'function' ? d : ((d as { default?: T }).default ?? (d as T));
}

/** keyv itself loads with the first store call too: a one-shot run that stores nothing skips it. */
async function keyvClass(): Promise<typeof Keyv> {
  return (await import('keyv')).Keyv;
}

/**
 * Redis when REDIS_URL is set (shared by every shard and process), otherwise an embedded SQLite
 * file. Drivers load on first use, so the one-shot CLI never pays for a store it does not touch.
 */
export function openStore(config: Pick<Config, 'REDIS_URL' | 'sqlitePath'>): StateStore {
  const { REDIS_URL, sqlitePath } = config;
  if (REDIS_URL) {
    let client: Promise<RedisLockClient> | undefined;
    const keyv = async () => {
      const KeyvRedis = defaultExport(await import('@keyv/redis'));
      // Give up after a few quick retries instead of waiting forever on a server that is not there;
      // once connected, the client reconnects on its own with backoff.
      let connected = false;
      const redis = new KeyvRedis(
        {
          url: REDIS_URL,
          socket: {
            connectTimeout: 3000,
            reconnectStrategy: (attempts: number) =>
              !connected && attempts > 3
                ? new Error(`Redis at ${redactUrl(REDIS_URL)} is not reachable`)
                : Math.min(2 ** attempts * 100, 2000),
          },
        },
        { throwOnConnectError: true, throwOnErrors: true },
      );
      const kv = new (await keyvClass())({ store: redis, namespace: NAMESPACE, throwOnErrors: true });
      client = redis.getClient() as unknown as Promise<RedisLockClient>;
      await client;
      connected = true;
      return kv;
    };
    let opened: Promise<Keyv> | undefined;
    const open = () => {
      opened ??= keyv();
      return opened;
    };
    // The lock speaks to the same connection as the store: one client, one reconnect policy.
    const lockClient = async () => {
      await open();
      if (!client) throw new Error('Redis client missing');
      return client;
    };
    return new StateStore(open, 'redis', new RedisLocker(lockClient, NAMESPACE), lockClient);
  }
  return new StateStore(async () => {
    await mkdir(path.dirname(sqlitePath), { recursive: true });
    const KeyvSqlite = defaultExport(await import('@keyv/sqlite'));
    const sqlite = new KeyvSqlite({ uri: `sqlite://${sqlitePath}`, busyTimeout: 5000 });
    return new (await keyvClass())({ store: sqlite, namespace: NAMESPACE, throwOnErrors: true });
  }, 'sqlite');
}

/** A Redis URL without its password, for messages. */
function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

/** For tests and benchmarks that need no persistence. */
export function memoryStore(): StateStore {
  return new StateStore(async () => new (await keyvClass())({ namespace: NAMESPACE }), 'memory');
}
