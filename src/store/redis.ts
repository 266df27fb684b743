import { connectionOf, defaultExport, keyvClass } from './load.js';
import { type RedisLockClient, RedisLocker } from './lock.js';
import type { Backend } from './store.js';

/** A Redis URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

/**
 * Redis, shared by every shard and process. The client gives up after a few quick retries when
 * the server is not there at first; once connected it reconnects on its own, with backoff, for as
 * long as it takes. While it is away, commands fail at once (no offline queue) instead of waiting
 * for a server that may not come back soon: members get "try again shortly", not a hang.
 * Deletes use UNLINK (keyv's default), which frees the value at once.
 */
export function redisBackend(url: string, namespace: string): Backend {
  const where = `Redis at ${redactUrl(url)}`;
  let client: RedisLockClient | undefined;
  const connect = async () => {
    const KeyvRedis = defaultExport(await import('@keyv/redis'));
    let connected = false;
    const redis = new KeyvRedis(
      {
        url,
        disableOfflineQueue: true,
        socket: {
          connectTimeout: 3000,
          reconnectStrategy: (attempts: number) =>
            !connected && attempts > 3 ? new Error(`${where} is not reachable`) : Math.min(2 ** attempts * 100, 2000),
        },
      },
      { throwOnConnectError: true, throwOnErrors: true },
    );
    const kv = new (await keyvClass())({ store: redis, namespace, throwOnErrors: true });
    // The lock and claims speak to the same connection as the store: one client, one reconnect policy.
    client = (await redis.getClient()) as unknown as RedisLockClient;
    connected = true;
    return kv;
  };
  const connection = connectionOf(connect);
  const open = () => connection.open();
  const lockClient = async () => {
    await open();
    if (!client) throw new Error('Redis client missing');
    return client;
  };
  return {
    kind: 'redis',
    where,
    open,
    locker: new RedisLocker(lockClient, namespace),
    client: lockClient,
    async close() {
      const was = connection.release();
      client = undefined;
      const kv = await was?.catch(() => undefined);
      await kv?.disconnect();
    },
    async claim(key, ttlMs) {
      return (await (await lockClient()).set(`${namespace}:${key}`, '1', { NX: true, PX: ttlMs })) === 'OK';
    },
  };
}
