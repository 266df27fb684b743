import { randomBytes } from 'node:crypto';

/**
 * A short random id for a session or a shelved form, carried in button ids so a stale button
 * (an expired or replaced session) can say so. 8 url-safe characters: ids stay under Discord's
 * 100-character custom-id limit.
 */
export function newNonce(): string {
  return randomBytes(6).toString('base64url');
}
