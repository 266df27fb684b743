import { z } from 'zod';
import { defineRecord } from '../../store/record.js';
import type { Owner, StateStore } from '../../store/store.js';
import type { Topic } from './engine.js';

/**
 * What a follow-up is read with: per conversation, the previous answer's topic (section ids and
 * the guide's own terms it matched), never the member's words. Short-lived, personal (so /forget
 * removes it), and never logged.
 */
export const CONTEXT_MINUTES = 10;
const MAX_CONVERSATIONS = 20;

const entry = z.object({ sections: z.array(z.string()).max(5), terms: z.array(z.string()).max(20), at: z.string() });

export const askContextRecord = defineRecord('ask-context', {
  version: 1,
  personal: true,
  ttlDays: CONTEXT_MINUTES / (24 * 60),
  schema: z.object({ conversations: z.record(z.string(), entry) }),
});

const fresh = (at: string, now: Date) => now.getTime() - Date.parse(at) < CONTEXT_MINUTES * 60_000;

export async function loadTopic(store: StateStore, owner: Owner, conversation: string, now: Date): Promise<Topic | undefined> {
  const rec = await store.get(askContextRecord, owner);
  const hit = rec?.conversations[conversation];
  return hit && fresh(hit.at, now) ? { sections: hit.sections, terms: hit.terms } : undefined;
}

export async function saveTopic(store: StateStore, owner: Owner, conversation: string, topic: Topic, now: Date): Promise<void> {
  const rec = await store.get(askContextRecord, owner);
  const kept = Object.entries(rec?.conversations ?? {})
    .filter(([id, e]) => id !== conversation && fresh(e.at, now))
    .sort((a, b) => b[1].at.localeCompare(a[1].at))
    .slice(0, MAX_CONVERSATIONS - 1);
  const conversations = Object.fromEntries([
    [conversation, { sections: topic.sections.slice(0, 5), terms: topic.terms.slice(0, 20), at: now.toISOString() }],
    ...kept,
  ]);
  await store.save(askContextRecord, owner, { conversations });
}
