import type { z } from 'zod';

const DAY_MS = 86_400_000;

/** Whose record: one member on one platform. */
export interface Owner {
  platform: string;
  user: string;
}

/** What a record's forget hook may touch: the shared records members add to. */
export interface SharedAccess {
  getShared<T>(type: RecordType<T>, id: string): Promise<T | undefined>;
  updateShared<T>(type: RecordType<T>, id: string, change: (current: T | undefined) => T | null): Promise<T | null>;
}

/**
 * A kind of stored record: its flow name (the last part of the key), schema, schema version and
 * time to live. Personal kinds hold what one member entered; features list their kinds, and the
 * composition root hands them to `/forget` and the expiry sweeper.
 */
export interface RecordType<T> {
  flow: string;
  version: number;
  schema: z.ZodType<T>;
  ttlMs: number;
  personal: boolean;
  /** What one of these is, for the member, e.g. "forms waiting to open" (`/forget` lists it by this). */
  label?: string;
  /**
   * For a shared record members add to (an aggregate): how many of its entries came from `owner`,
   * and with `remove`, takes them out. `/forget` calls it, so what a member contributed leaves too.
   */
  contributions?: (owner: Owner, store: SharedAccess, remove: boolean) => Promise<number>;
}

export function defineRecord<T>(
  flow: string,
  opts: {
    version: number;
    schema: z.ZodType<T>;
    ttlDays: number;
    personal?: boolean;
    label?: string;
    contributions?: RecordType<T>['contributions'];
  },
): RecordType<T> {
  if (!/^[a-z][a-z0-9-]*$/.test(flow)) throw new Error(`record flow "${flow}" must be a lower-case slug`);
  return {
    flow,
    version: opts.version,
    schema: opts.schema,
    ttlMs: opts.ttlDays * DAY_MS,
    personal: opts.personal ?? true,
    ...(opts.label ? { label: opts.label } : {}),
    ...(opts.contributions ? { contributions: opts.contributions } : {}),
  };
}
