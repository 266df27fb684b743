import type { z } from 'zod';

const DAY_MS = 86_400_000;

/**
 * A kind of stored record: its flow name (the last part of the key), schema, schema version and
 * time to live. Personal kinds are registered so `/forget` finds every one of them.
 */
export interface RecordType<T> {
  flow: string;
  version: number;
  schema: z.ZodType<T>;
  ttlMs: number;
  personal: boolean;
}

const personalTypes = new Map<string, RecordType<unknown>>();

export function defineRecord<T>(
  flow: string,
  opts: { version: number; schema: z.ZodType<T>; ttlDays: number; personal?: boolean },
): RecordType<T> {
  if (!/^[a-z][a-z0-9-]*$/.test(flow)) throw new Error(`record flow "${flow}" must be a lower-case slug`);
  const type: RecordType<T> = {
    flow,
    version: opts.version,
    schema: opts.schema,
    ttlMs: opts.ttlDays * DAY_MS,
    personal: opts.personal ?? true,
  };
  if (type.personal) {
    if (personalTypes.has(flow)) throw new Error(`record flow "${flow}" is defined twice`);
    personalTypes.set(flow, type as RecordType<unknown>);
  }
  return type;
}

export function personalRecordTypes(): RecordType<unknown>[] {
  return [...personalTypes.values()];
}
