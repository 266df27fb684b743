import { z } from 'zod';
import { defineRecord } from '../store/record.js';
import type { StateStore } from '../store/store.js';

/**
 * Questions the guide could not answer, for advisors to see what to write next (the answer feature
 * records them, the advisors' report reads them): only words the
 * guide itself uses (never names, numbers or anyone's wording), a count, and the day last seen.
 * Each entry also counts its askers by the installation's salted member hash (`memberHash`, as
 * votes are), so `/forget` can take a member's share back out; `img-advisor gaps` shows only the
 * words and counts.
 */
const MAX_ENTRIES = 500;
/** A question none of whose words the guide uses is still counted, under this key. */
export const OTHER_TERMS = '(words the guide does not use)';

const entrySchema = z.object({
  count: z.number().int().min(1),
  last: z.string(),
  by: z.record(z.string(), z.number().int().min(1)),
});

type Entries = Record<string, z.infer<typeof entrySchema>>;

/** What /forget calls a member's share of these counts. */
export const UNANSWERED_LABEL = 'questions you asked that the guide could not answer (their key words, kept for advisors)';

/** How many of the counted questions came from the member `who` (their hash); with `remove`, takes them out (for /forget). */
export async function forgetUnanswered(store: StateStore, who: string, remove: boolean): Promise<number> {
  const current = await store.getShared(unansweredRecord, 'all');
  const mine = Object.values(current?.items ?? {}).reduce((n, e) => n + (e.by[who] ?? 0), 0);
  if (!remove || mine === 0) return mine;
  await store.updateShared(unansweredRecord, 'all', (now) => {
    const items: Entries = {};
    for (const [terms, e] of Object.entries(now?.items ?? {})) {
      const { [who]: theirs = 0, ...others } = e.by;
      const count = e.count - theirs;
      if (count > 0) items[terms] = { ...e, count, by: others };
    }
    return Object.keys(items).length ? { items } : null;
  });
  return mine;
}

// Version 3: version 1 kept nearly whole questions, version 2 an unsalted hash of each asker;
// reading either now drops it.
export const unansweredRecord = defineRecord('unanswered', {
  version: 3,
  personal: false,
  ttlDays: 365,
  schema: z.object({ items: z.record(z.string(), entrySchema) }),
});

/** Counts one unanswered question under its kept terms, for the member `who` (a hash). */
export function countUnanswered(store: StateStore, key: string, who: string, day: string) {
  return store.updateShared(unansweredRecord, 'all', (current) => {
    const items: Entries = { ...current?.items };
    const prior = items[key];
    items[key] = {
      count: (prior?.count ?? 0) + 1,
      last: day,
      by: { ...prior?.by, [who]: (prior?.by[who] ?? 0) + 1 },
    };
    const kept = Object.entries(items)
      .sort((a, b) => b[1].count - a[1].count || b[1].last.localeCompare(a[1].last))
      .slice(0, MAX_ENTRIES);
    return { items: Object.fromEntries(kept) };
  });
}

export async function listUnanswered(store: StateStore): Promise<{ terms: string; count: number; last: string }[]> {
  const current = await store.getShared(unansweredRecord, 'all');
  return Object.entries(current?.items ?? {})
    .map(([terms, v]) => ({ terms, count: v.count, last: v.last }))
    .sort((a, b) => b.count - a.count || b.last.localeCompare(a.last));
}
