import { z } from 'zod';
import { newNonce } from '../../core/nonce.js';
import { defineRecord } from '../../store/record.js';
import type { StateStore } from '../../store/store.js';

/**
 * Questions handed to a human advisor. The member's words are kept only here, for as long as the
 * hand-off needs them (120 days), shown only to the server's advisors and the member, and removed
 * by /forget. An anonymous hand-off keeps the member's id for delivery only: the card never shows it.
 */
export const STATUSES = ['open', 'answered', 'resolved', 'withdrawn'] as const;
const handoffSchema = z.object({
  id: z.string(),
  platform: z.string(),
  server: z.string(),
  member: z.string(),
  memberName: z.string().optional(),
  named: z.boolean(),
  question: z.string().min(1).max(1500),
  status: z.enum(STATUSES),
  createdAt: z.string(),
  answeredAt: z.string().optional(),
  answeredBy: z.string().optional(),
  answer: z.string().max(3000).optional(),
  rating: z.enum(['up', 'down']).optional(),
  proposed: z.boolean().optional(),
});
export type Handoff = z.infer<typeof handoffSchema>;

export const handoffsRecord = defineRecord('handoffs', {
  version: 1,
  personal: false,
  ttlDays: 120,
  schema: z.object({ items: z.record(z.string(), handoffSchema) }),
});

/** What a member typed for an advisor, before they chose to send it named or anonymous. */
export const handoffDraftRecord = defineRecord('handoff-draft', {
  version: 1,
  ttlDays: 1,
  schema: z.object({ question: z.string().min(1).max(1500), server: z.string(), nonce: z.string() }),
});

const MAX_KEPT = 2000;

/** Changes the hand-offs under the shared record's lock, keeping the newest MAX_KEPT; returns what `fn` says. */
async function change<T>(store: StateStore, fn: (items: Record<string, Handoff>) => T): Promise<T> {
  let out!: T;
  await store.updateShared(handoffsRecord, 'all', (current) => {
    const items = { ...current?.items };
    out = fn(items);
    const kept = Object.entries(items)
      .sort((a, b) => b[1].createdAt.localeCompare(a[1].createdAt))
      .slice(0, MAX_KEPT);
    return { items: Object.fromEntries(kept) };
  });
  return out;
}

export async function allHandoffs(store: StateStore): Promise<Handoff[]> {
  const loaded = await store.loadShared(handoffsRecord, 'all');
  return loaded.status === 'found' ? Object.values(loaded.value.items) : [];
}

export async function findHandoff(store: StateStore, id: string): Promise<Handoff | undefined> {
  return (await allHandoffs(store)).find((h) => h.id === id);
}

export function openHandoff(
  store: StateStore,
  h: Pick<Handoff, 'platform' | 'server' | 'member' | 'memberName' | 'named' | 'question'>,
  now: Date,
): Promise<Handoff> {
  const item: Handoff = {
    ...h,
    memberName: h.named ? h.memberName : undefined,
    id: newNonce(),
    status: 'open',
    createdAt: now.toISOString(),
  };
  return change(store, (items) => {
    items[item.id] = item;
    return item;
  });
}

export type Change = { ok: true; handoff: Handoff } | { ok: false; why: 'missing' | 'closed' };

/** Applies an update to one hand-off if it exists and `allowed` says its state permits it. */
export function updateHandoff(
  store: StateStore,
  id: string,
  allowed: (h: Handoff) => boolean,
  patch: (h: Handoff) => Partial<Handoff>,
): Promise<Change> {
  return change(store, (items): Change => {
    const h = items[id];
    if (!h) return { ok: false, why: 'missing' };
    if (!allowed(h)) return { ok: false, why: 'closed' };
    const next = { ...h, ...patch(h) };
    items[id] = next;
    return { ok: true, handoff: next };
  });
}

/** /forget: how many hand-offs this member asked (any state), and with `remove`, deletes them. */
export async function forgetHandoffs(store: StateStore, platform: string, member: string, remove = true): Promise<number> {
  if (!remove) return (await allHandoffs(store)).filter((h) => h.platform === platform && h.member === member).length;
  return change(store, (items) => {
    let n = 0;
    for (const [id, h] of Object.entries(items)) {
      if (h.platform === platform && h.member === member) {
        delete items[id];
        n++;
      }
    }
    return n;
  });
}

export interface HandoffStats {
  open: number;
  answered: number;
  withdrawn: number;
  /** Median hours from asking to an advisor's answer, over the answered ones. */
  medianHoursToAnswer?: number;
}

export function handoffStats(list: Handoff[], since: Date): HandoffStats {
  const recent = list.filter((h) => h.createdAt >= since.toISOString());
  const hours = recent
    .filter((h) => h.answeredAt)
    .map((h) => (Date.parse(h.answeredAt as string) - Date.parse(h.createdAt)) / 3_600_000)
    .sort((a, b) => a - b);
  const at = (i: number) => hours[i] ?? 0;
  const mid = hours.length ? (at(Math.floor((hours.length - 1) / 2)) + at(Math.ceil((hours.length - 1) / 2))) / 2 : undefined;
  return {
    open: recent.filter((h) => h.status === 'open').length,
    answered: recent.filter((h) => h.status === 'answered' || h.status === 'resolved').length,
    withdrawn: recent.filter((h) => h.status === 'withdrawn').length,
    ...(mid === undefined ? {} : { medianHoursToAnswer: Math.round(mid * 10) / 10 }),
  };
}
