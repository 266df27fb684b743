import type { StateStore } from '../../store/store.js';

/** Slack retries an event for about five minutes (three times); an hour covers every retry. */
const REMEMBER_MS = 60 * 60_000;

/**
 * Slack retries an event it thinks we missed (`x-slack-retry-num`), and a retry can arrive while
 * the first delivery is still running. True for exactly one delivery of an event id, even when
 * they overlap or reach two processes on one Redis: an atomic set-if-absent in the store, not a
 * read then a write.
 */
export function firstDelivery(store: StateStore, eventId: string): Promise<boolean> {
  return store.claim(`slack-event:${eventId}`, REMEMBER_MS);
}
