import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-8f2c1e';

/** Slack's v0 signature: HMAC-SHA256 over `v0:<timestamp>:<raw body>` with the signing secret. */
export function signature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedOptions {
  secret?: string;
  /** Seconds since the epoch; Bolt refuses anything older than five minutes. */
  timestamp?: number;
  /** Replaces the computed signature (a forged request). */
  signature?: string;
  retryNum?: number;
}

/** POSTs a body to the app exactly as Slack would, signature headers included. */
export async function postSigned(url: string, body: string, contentType: string, opts: SignedOptions = {}): Promise<Response> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': opts.signature ?? signature(body, timestamp, opts.secret),
  };
  if (opts.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(opts.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return fetch(url, { method: 'POST', headers, body });
}

const FORM = 'application/x-www-form-urlencoded';

/** A slash command: form-encoded fields. */
export function postCommand(url: string, fields: Record<string, string>, opts?: SignedOptions): Promise<Response> {
  return postSigned(url, new URLSearchParams(fields).toString(), FORM, opts);
}

/** A block action or view submission: form-encoded `payload=<json>`. */
export function postInteraction(url: string, payload: unknown, opts?: SignedOptions): Promise<Response> {
  return postSigned(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, opts);
}

/** An Events API callback: a JSON body. */
export function postEvent(url: string, body: unknown, opts?: SignedOptions): Promise<Response> {
  return postSigned(url, JSON.stringify(body), 'application/json', opts);
}
