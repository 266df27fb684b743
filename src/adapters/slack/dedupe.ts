import { z } from 'zod';
import { defineRecord } from '../../store/record.js';
import type { StateStore } from '../../store/store.js';

/**
 * Slack retries an event it thinks we missed (`x-slack-retry-num`), up to three times over
 * about five minutes. Seen event ids live in the shared store for an hour, so a retry is
 * dropped even when another process (same Redis) took the first delivery.
 */
const seenEvent = defineRecord('slack-event-seen', {
  version: 1,
  schema: z.object({ at: z.number() }),
  ttlDays: 1 / 24,
  personal: false,
});

/** True the first time an event id is seen. Read-then-write: the retries Slack sends are minutes apart. */
export async function firstDelivery(store: StateStore, eventId: string, now = Date.now()): Promise<boolean> {
  const seen = await store.loadShared(seenEvent, eventId);
  if (seen.status === 'found') return false;
  await store.saveShared(seenEvent, eventId, { at: now });
  return true;
}
