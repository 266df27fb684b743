/**
 * What may be logged about a failure from a platform client: its name, HTTP status, the platform's
 * error code and a short message. Never URLs or request bodies: Discord puts interaction tokens in
 * URLs, and bodies hold what members typed.
 */
export function describeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: clean(String(err)) };
  const e = err as Error & { status?: unknown; code?: unknown; data?: { error?: unknown } };
  return {
    name: e.name,
    ...(typeof e.status === 'number' ? { status: e.status } : {}),
    ...(typeof e.code === 'number' || typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.data?.error === 'string' ? { error: e.data.error } : {}),
    message: clean(e.message),
  };
}

/** First line only, URLs cut (they can carry tokens), bounded. */
function clean(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/https?:\/\/\S+/g, '<url>').slice(0, 300);
}
