import { z } from 'zod';
import { defineRecord } from '../../store/record.js';
import type { StateStore } from '../../store/store.js';

export const REASONS = ['wrong', 'outdated', 'not-asked', 'too-long'] as const;
export type Reason = (typeof REASONS)[number];
export const REASON_LABEL: Record<Reason, string> = {
  wrong: 'Wrong',
  outdated: 'Outdated',
  'not-asked': 'Not what I asked',
  'too-long': 'Too long',
};

const MAX_VOTES = 20_000;

/**
 * Thumbs on answers, one entry per member and answer (the latest click wins): the section the
 * answer came from, up or down, and an optional reason. The member is a salted hash; the question
 * is never kept.
 */
export const feedbackRecord = defineRecord('feedback', {
  version: 1,
  personal: false,
  ttlDays: 400,
  schema: z.object({
    votes: z.record(
      z.string(),
      z.object({ section: z.string(), vote: z.enum(['up', 'down']), reason: z.enum(REASONS).optional(), at: z.string() }),
    ),
  }),
});
type Votes = z.infer<typeof feedbackRecord.schema>['votes'];

/** Changes the votes under the shared record's lock, keeping the newest MAX_VOTES. */
async function change(store: StateStore, fn: (votes: Votes) => Votes): Promise<void> {
  await store.updateShared(feedbackRecord, 'all', (current) => {
    const kept = Object.entries(fn({ ...current?.votes }))
      .sort((a, b) => b[1].at.localeCompare(a[1].at))
      .slice(0, MAX_VOTES);
    return { votes: Object.fromEntries(kept) };
  });
}

/** Records a member's vote on one answer; a second click replaces the first. */
export function castVote(
  store: StateStore,
  v: { voter: string; answer: string; section: string; vote: 'up' | 'down'; now: Date },
): Promise<void> {
  return change(store, (votes) => ({
    ...votes,
    [`${v.voter}:${v.answer}`]: { section: v.section, vote: v.vote, at: v.now.toISOString() },
  }));
}

/** Adds the reason to a member's thumbs down (ignored if they have since voted up). */
export function giveReason(store: StateStore, voter: string, answer: string, reason: Reason): Promise<void> {
  return change(store, (votes) => {
    const key = `${voter}:${answer}`;
    const current = votes[key];
    if (current?.vote === 'down') votes[key] = { ...current, reason };
    return votes;
  });
}

/** /forget: how many votes this member gave, and with `remove`, takes them back. */
export async function forgetVotes(store: StateStore, voter: string, remove = true): Promise<number> {
  if (!remove) {
    const loaded = await store.loadShared(feedbackRecord, 'all');
    return loaded.status === 'found' ? Object.keys(loaded.value.votes).filter((k) => k.startsWith(`${voter}:`)).length : 0;
  }
  let removed = 0;
  await change(store, (votes) => {
    for (const key of Object.keys(votes)) {
      if (key.startsWith(`${voter}:`)) {
        delete votes[key];
        removed++;
      }
    }
    return votes;
  });
  return removed;
}

export interface SectionFeedback {
  section: string;
  up: number;
  down: number;
  reasons: Partial<Record<Reason, number>>;
}

/** Thumbs per section since a date, most thumbs-down first. */
export async function feedbackSince(store: StateStore, since: Date): Promise<SectionFeedback[]> {
  const loaded = await store.loadShared(feedbackRecord, 'all');
  if (loaded.status !== 'found') return [];
  const from = since.toISOString();
  const by = new Map<string, SectionFeedback>();
  for (const v of Object.values(loaded.value.votes)) {
    if (v.at < from) continue;
    const row = by.get(v.section) ?? { section: v.section, up: 0, down: 0, reasons: {} };
    row[v.vote]++;
    if (v.reason) row.reasons[v.reason] = (row.reasons[v.reason] ?? 0) + 1;
    by.set(v.section, row);
  }
  return [...by.values()].sort((a, b) => b.down - a.down || a.section.localeCompare(b.section));
}
