import { z } from 'zod';
import { defineRecord } from '../store/record.js';
import type { StateStore } from '../store/store.js';

/**
 * Questions the guide could not answer, kept as their sorted meaningful terms and a count:
 * enough for advisors to see what to write next, without keeping anyone's wording.
 */
const MAX_ENTRIES = 500;

export const unansweredRecord = defineRecord('unanswered', {
  version: 1,
  personal: false,
  ttlDays: 365,
  schema: z.object({
    items: z.record(z.string(), z.object({ count: z.number().int().min(1), last: z.string() })),
  }),
});

export async function recordUnanswered(store: StateStore, normalized: string, now: Date): Promise<void> {
  if (!normalized) return;
  const current = await store.loadShared(unansweredRecord, 'all');
  const items = current.status === 'found' ? { ...current.value.items } : {};
  const prior = items[normalized];
  items[normalized] = { count: (prior?.count ?? 0) + 1, last: now.toISOString().slice(0, 10) };
  const kept = Object.entries(items)
    .sort((a, b) => b[1].count - a[1].count || b[1].last.localeCompare(a[1].last))
    .slice(0, MAX_ENTRIES);
  await store.saveShared(unansweredRecord, 'all', { items: Object.fromEntries(kept) });
}

export async function listUnanswered(store: StateStore): Promise<{ terms: string; count: number; last: string }[]> {
  const current = await store.loadShared(unansweredRecord, 'all');
  if (current.status !== 'found') return [];
  return Object.entries(current.value.items)
    .map(([terms, v]) => ({ terms, ...v }))
    .sort((a, b) => b.count - a.count || b.last.localeCompare(a.last));
}
