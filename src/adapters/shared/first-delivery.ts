import { z } from 'zod';
import { defineRecord } from '../../store/record.js';
import type { StateStore } from '../../store/store.js';

/**
 * Messages the bot already took, by platform and message id, for a day: a delivery repeated
 * by the gateway, a retry or a second instance never gets a second answer. Check and mark run
 * under one lock (held across instances on Redis), so two deliveries at once cannot both win.
 */
const taken = defineRecord('message-taken', {
  version: 1,
  schema: z.object({ at: z.number() }),
  ttlDays: 1,
  personal: false,
});

export async function firstTake(store: StateStore, platform: string, messageId: string, now = Date.now()): Promise<boolean> {
  const id = `${platform}:${messageId}`;
  return store.withLock({ platform, user: `take:${messageId}` }, async () => {
    if ((await store.loadShared(taken, id)).status === 'found') return false;
    await store.saveShared(taken, id, { at: now });
    return true;
  });
}
