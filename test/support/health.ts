import { createServer } from 'node:net';

/** What GET /healthz answers. */
export interface Health {
  status: number;
  body: {
    status: string;
    store: { ok: boolean; backend: string };
    platforms: Record<string, { connection: string; state: string; since: string }[]>;
  };
}

export async function getHealth(port: number): Promise<Health> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as Health['body'] };
}

export async function getMetrics(port: number): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** Polls /healthz until `check` holds (a bot starting, a connection coming back); no timing asserted. */
export async function healthWhen(port: number, check: (h: Health) => boolean, what: string, timeoutMs = 30_000): Promise<Health> {
  const until = Date.now() + timeoutMs;
  let last: Health | undefined;
  for (;;) {
    last = await getHealth(port).catch(() => undefined);
    if (last && check(last)) return last;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last /healthz: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const ready = (platform: string) => (h: Health) => h.status === 200 && (h.body.platforms[platform]?.length ?? 0) > 0;

/**
 * One sample of the Prometheus text format: the value of `name` whose labels include `labels`
 * (summed over the samples that match), or undefined when there is none.
 */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let total: number | undefined;
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) total = (total ?? 0) + Number(m[3]);
  }
  return total;
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}
