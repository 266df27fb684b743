/**
 * The state store cannot be reached (Redis down, the SQLite file unreadable or locked): a
 * condition of the deployment, not a bug. Members get a calm "try again shortly", scripts a
 * non-zero exit with one line, and the store keeps trying, so it recovers when the backend returns.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';

  constructor(
    /** Where the store is, for operators (a Redis URL without its password, or the SQLite path). */
    readonly where: string,
    cause?: unknown,
  ) {
    super(`the state store (${where}) is not reachable${cause ? `: ${reasonOf(cause)}` : ''}`, { cause });
  }
}

export function isStoreUnavailable(err: unknown): err is StoreUnavailableError {
  return err instanceof StoreUnavailableError;
}

/** The first line of an error's message, without anything after a newline (stacks, payloads). */
function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split('\n')[0] ?? '').slice(0, 200);
}
