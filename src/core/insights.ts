import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { defineRecord } from '../store/record.js';
import type { StateStore } from '../store/store.js';
import type { Ctx } from './command.js';

/**
 * What members ask, kept as counts per guide section, one record per day (each answer rewrites
 * only that day's small map, and old days expire by their own TTL): the answer feature notes each
 * answer, the advisors' report reads them. Never a question's wording, never who asked.
 */
const KEEP_DAYS = 400;
const DAY_MS = 86_400_000;

export const askedRecord = defineRecord('asked-sections', {
  version: 2,
  personal: false,
  ttlDays: KEEP_DAYS,
  schema: z.object({ counts: z.record(z.string(), z.number().int().min(1)) }),
});

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** Counts one answer for each section it drew on. */
export async function noteAsked(store: StateStore, sectionIds: string[], now: Date): Promise<void> {
  if (!sectionIds.length) return;
  await store.updateShared(askedRecord, dayOf(now), (current) => {
    const counts = { ...current?.counts };
    for (const id of new Set(sectionIds)) counts[id] = (counts[id] ?? 0) + 1;
    return { counts };
  });
}

/** Answers per section over the last `days` days, most asked first. */
export async function askedSince(store: StateStore, days: number, now: Date): Promise<{ section: string; count: number }[]> {
  const perDay = await Promise.all(
    Array.from({ length: days }, (_, i) => store.getShared(askedRecord, dayOf(new Date(now.getTime() - i * DAY_MS)))),
  );
  const totals = new Map<string, number>();
  for (const day of perDay) for (const [id, n] of Object.entries(day?.counts ?? {})) totals.set(id, (totals.get(id) ?? 0) + n);
  return [...totals]
    .map(([section, count]) => ({ section, count }))
    .sort((a, b) => b.count - a.count || a.section.localeCompare(b.section));
}

/**
 * A member as a salted hash, for votes and unanswered-question counts: one vote per member per
 * answer can be kept, and a member's share of either removed by /forget, without storing who it
 * was. The salt is per installation (FEEDBACK_SALT, or a random one kept in the store on first
 * use), so hashes cannot be matched across installations, nor reversed by trying known user ids.
 */
const saltRecord = defineRecord('feedback-salt', {
  version: 1,
  personal: false,
  ttlDays: 36_500,
  schema: z.object({ salt: z.string().min(16) }),
});

export async function memberHash(
  store: StateStore,
  configured: string | undefined,
  platform: string,
  user: string,
): Promise<string> {
  let salt = configured;
  if (!salt) {
    salt = await store.withLock({ platform: 'shared', user: saltRecord.flow }, async () => {
      const loaded = await store.loadShared(saltRecord, 'install');
      if (loaded.status === 'found') return loaded.value.salt;
      const fresh = randomBytes(24).toString('base64url');
      await store.saveShared(saltRecord, 'install', { salt: fresh });
      return fresh;
    });
  }
  return createHash('sha256').update(`${salt}:${platform}:${user}`).digest('base64url').slice(0, 22);
}

/** The member making this request, as `memberHash` stands for them (votes, unanswered-question counts). */
export function callerHash(ctx: Pick<Ctx, 'store' | 'config' | 'platform' | 'user'>): Promise<string> {
  return memberHash(ctx.store, ctx.config.FEEDBACK_SALT, ctx.platform, ctx.user.id);
}
