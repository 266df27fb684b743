import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseForm } from 'node:querystring';
import type { Logger } from '../../log.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Slack signs with the time; a request more than five minutes off either way is refused (replays, skewed senders). */
const MAX_SKEW_S = 5 * 60;
/** Bolt's own limit for a request body. */
const BODY_LIMIT = 4 * 1024 * 1024;

/** What Bolt would parse from the body: the JSON object of an event, or a form's `payload`, or the form. */
function parsed(contentType: string | undefined, text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseForm(text);
      if (form.ssl_check === '1') return { ok: true, value: {} };
      return { ok: true, value: typeof form.payload === 'string' ? JSON.parse(form.payload) : form };
    }
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Why a request is refused before Bolt sees it, as an HTTP status; undefined to pass it on. */
export function refusal(headers: IncomingMessage['headers'], body: Buffer, nowMs: number): 400 | 401 | undefined {
  const stamp = headers['x-slack-request-timestamp'];
  const seconds = typeof stamp === 'string' ? Number(stamp) : Number.NaN;
  if (Number.isFinite(seconds) && Math.abs(nowMs / 1000 - seconds) > MAX_SKEW_S) return 401;
  const content = parsed(headers['content-type'], body.toString('utf8'));
  // Unparseable bodies are Bolt's to refuse (401 unsigned, 400 malformed); it parses them safely.
  if (!content.ok) return undefined;
  const v = content.value;
  // Bolt reads fields of the body without checking it is an object: `null` or `5` would crash it.
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 400;
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Wraps Bolt's HTTP request listener: requests to Slack's endpoints are read here first, refused
 * when their timestamp is more than five minutes away (future included; Bolt checks only the
 * past) or their body is not a JSON object, and declined with 503 while the app is stopping.
 * The rest go on to Bolt with the body already read (Bolt uses `rawBody` when it is set).
 */
export function guardRequests(
  listener: Listener,
  opts: { endpoints: string[]; accepting: () => boolean; log: Logger; now?: () => number },
): Listener {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || !opts.endpoints.includes(path)) {
      listener(req, res);
      return;
    }
    if (!opts.accepting()) {
      res.writeHead(503, { 'retry-after': '5' });
      res.end();
      return;
    }
    void readBody(req)
      .then((body) => {
        if (!body) {
          res.writeHead(413);
          res.end();
          return;
        }
        const status = refusal(req.headers, body, opts.now?.() ?? Date.now());
        if (status) {
          opts.log.warn(
            { platform: 'slack', status },
            status === 401 ? 'request timestamp out of range' : 'request body is not an object',
          );
          res.writeHead(status);
          res.end();
          return;
        }
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
        listener(req, res);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(400);
        res.end();
      });
  };
}
