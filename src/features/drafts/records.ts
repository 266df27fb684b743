import { z } from 'zod';
import { defineRecord } from '../../store/record.js';
import { DRAFT_KINDS, disclosureSchema, failureSchema, gapSchema } from './fields.js';
import { styleSchema } from './tone.js';

/**
 * Everything the drafts feature stores about one member, in one personal record (so /forget
 * removes it): the form in progress, the draft on screen, and up to MAX_SAVED saved drafts.
 */
export const TTL_DAYS = 90;
export const MAX_SAVED = 25;
const DAY_MS = 86_400_000;

/** A nonce from newNonce() (older drafts have 8 lower-case letters and digits, which still fit). */
export const refSchema = z.string().regex(/^[\w-]{6,16}$/, 'not a draft reference');

export const draftInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gap'), input: gapSchema }),
  z.object({ kind: z.literal('failure'), input: failureSchema }),
  z.object({ kind: z.literal('disclosure'), input: disclosureSchema }),
]);

const formValues = z.record(z.string().max(40), z.string().max(4000));

const pendingSchema = z.object({
  nonce: refSchema,
  kind: z.enum(DRAFT_KINDS),
  /** What the member typed so far, kept so a later step can finish and a fix can re-open a step pre-filled. */
  values: formValues.optional(),
  /** How many steps were accepted: a later step's submit needs the ones before it. */
  done: z.number().int().min(0).max(20).optional(),
  /** Pre-filled values when editing an existing draft. */
  prefill: formValues.optional(),
  style: styleSchema,
  savedId: refSchema.optional(),
});

const currentSchema = z.object({
  nonce: refSchema,
  draft: draftInputSchema,
  style: styleSchema,
  /** Set when this draft is (or was opened from) a saved one: Save updates it in place. */
  savedId: refSchema.optional(),
});

const savedSchema = z.object({
  id: refSchema,
  draft: draftInputSchema,
  style: styleSchema,
  title: z.string().max(100),
  savedAt: z.iso.datetime(),
});

export const draftsStateSchema = z.object({
  pending: pendingSchema.optional(),
  current: currentSchema.optional(),
  saved: z.array(savedSchema).max(MAX_SAVED),
});

export type DraftsState = z.infer<typeof draftsStateSchema>;
export type SavedDraft = z.infer<typeof savedSchema>;
export type CurrentDraft = z.infer<typeof currentSchema>;
export type PendingForm = z.infer<typeof pendingSchema>;

export const DRAFTS_RECORD = defineRecord('drafts', { version: 1, schema: draftsStateSchema, ttlDays: TTL_DAYS });

export const EMPTY_STATE: DraftsState = { saved: [] };

/** Saved drafts expire 90 days after their last save, even while the record itself is kept alive by use. */
export function pruneExpired(state: DraftsState, now: Date): DraftsState {
  const cutoff = now.getTime() - TTL_DAYS * DAY_MS;
  const saved = state.saved.filter((s) => Date.parse(s.savedAt) > cutoff);
  return saved.length === state.saved.length ? state : { ...state, saved };
}

export function expiresOn(savedAt: string): string {
  return new Date(Date.parse(savedAt) + TTL_DAYS * DAY_MS).toISOString().slice(0, 10);
}

export function isEmpty(state: DraftsState): boolean {
  return !state.pending && !state.current && state.saved.length === 0;
}
