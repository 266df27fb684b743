import { defineRecord } from '../../store/record.js';
import { type Entry, entryName, trackerSchema } from './entry.js';

/**
 * One record per member holds every tracker entry and their plan. A year's TTL outlasts an
 * application season; each save restarts it, and /forget deletes it with the rest.
 */
export const TRACKER_TTL_DAYS = 365;
export const trackerRecord = defineRecord('tracker', { version: 1, schema: trackerSchema, ttlDays: TRACKER_TTL_DAYS });

export type Found = { kind: 'found'; entry: Entry } | { kind: 'ambiguous'; matches: Entry[] } | { kind: 'missing' };

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** An entry by id (`t3`), by exact name or institution, or by a part of its name that fits only one. */
export function findEntry(entries: Entry[], ref: string): Found {
  const q = norm(ref);
  if (!q) return { kind: 'missing' };
  const byId = entries.find((e) => e.id === q);
  if (byId) return { kind: 'found', entry: byId };
  const exact = entries.filter((e) => norm(entryName(e)) === q || norm(e.institution) === q);
  if (exact.length === 1 && exact[0]) return { kind: 'found', entry: exact[0] };
  if (exact.length > 1) return { kind: 'ambiguous', matches: exact };
  const partial = entries.filter((e) => norm(`${entryName(e)} ${e.location}`).includes(q));
  if (partial.length === 1 && partial[0]) return { kind: 'found', entry: partial[0] };
  if (partial.length > 1) return { kind: 'ambiguous', matches: partial };
  return { kind: 'missing' };
}

/** Suggestions while typing an entry name (Discord autocomplete): value is the id. */
export function suggestEntries(entries: Entry[], partial: string): { label: string; value: string }[] {
  const q = norm(partial);
  const recent = [...entries].reverse();
  const hits = q ? recent.filter((e) => e.id === q || norm(`${entryName(e)} ${e.location}`).includes(q)) : recent;
  return hits.slice(0, 25).map((e) => ({ label: `${entryName(e)} (${e.id})`.slice(0, 100), value: e.id }));
}
