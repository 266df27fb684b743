import type { ServerResponse } from 'node:http';
import type { StateStore } from '../../store/store.js';

const PING_TIMEOUT_MS = 2000;

async function storeAnswers(store: StateStore): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([store.ping().then(() => true), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /healthz`: 200 when the Slack app is started and the state store answers, 503 otherwise. */
export function healthRoute(store: StateStore, started: () => boolean) {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: unknown, res: ServerResponse) => {
      void storeAnswers(store).then((storeOk) => {
        const ok = storeOk && started();
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', slack: started(), store: storeOk }));
      });
    },
  };
}
