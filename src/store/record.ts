import type { z } from 'zod';

const DAY_MS = 86_400_000;

/** Whose record: one member on one platform. */
export interface Owner {
  platform: string;
  user: string;
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
}

export function defineRecord<T>(
  flow: string,
  opts: {
    version: number;
    schema: z.ZodType<T>;
    ttlDays: number;
    personal?: boolean;
    label?: string;
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
  };
}
