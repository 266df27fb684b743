import { connect } from 'node:net';

/**
 * Vitest global setup: the Redis tests need a server at 127.0.0.1:6379 (or TEST_REDIS_URL).
 * Without one, the run stops here with one line saying so, instead of client stack traces from
 * every Redis test.
 */
export default async function redisCheck(): Promise<void> {
  const url = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const host = url.hostname || '127.0.0.1';
  const port = Number(url.port || 6379);
  if (await pongs(host, port)) return;
  const where = `${host}:${port}`;
  process.stderr.write(
    `start Redis: redis-server --daemonize yes --bind 127.0.0.1 --port ${port} --save '' (the Redis tests need it at ${where}; none answered)\n`,
  );
  process.exit(1);
}

function pongs(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    // +PONG, or an error such as -NOAUTH: either way a Redis server is there.
    socket.on('data', (d) => done(/^[+-]/.test(String(d))));
  });
}
