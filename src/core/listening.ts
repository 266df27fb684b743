import { z } from 'zod';
import { defineRecord } from '../store/record.js';
import type { StateStore } from '../store/store.js';
import type { ServerSettings } from './server-settings.js';
import type { Place, Platform } from './types.js';

/** Why the bot answers a message in a server channel. */
export type Hearing = 'mention' | 'follow-up' | 'post';

/**
 * Threads the bot answered in, and who asked there: a later message by the same member in that
 * thread is a follow-up. Only ids; the thread itself is public. Forgotten after 30 days.
 */
export const answeredThreadRecord = defineRecord('answered-thread', {
  version: 1,
  schema: z.object({ asker: z.string().max(64) }),
  ttlDays: 30,
  personal: false,
});

export function threadKey(platform: Platform, conversation: string): string {
  return `${platform}:${conversation}`;
}

/**
 * Whether to answer a message in a server channel, from what the adapter saw and the server's
 * settings. Pure: the rules in one place.
 * - off: never (slash commands still work);
 * - a mention: always;
 * - in a thread the bot answered: a message by the member who asked there is a follow-up (others
 *   mention the bot, so a discussion among members is not interrupted);
 * - auto: a new post in a listed channel, or the opening post of a thread in a listed forum.
 */
export function hearing(
  settings: ServerSettings,
  place: Place,
  user: string,
  thread: { asker: string } | undefined,
): Hearing | undefined {
  if (settings.answerMode === 'off') return undefined;
  if (place.mentioned) return 'mention';
  if (place.inThread && thread?.asker === user && !place.opensThread) return 'follow-up';
  if (settings.answerMode === 'auto' && settings.autoChannels.includes(place.channel)) {
    if (!place.inThread || place.opensThread) return 'post';
  }
  return undefined;
}

export async function answeredThread(
  store: StateStore,
  platform: Platform,
  conversation: string,
): Promise<{ asker: string } | undefined> {
  const loaded = await store.loadShared(answeredThreadRecord, threadKey(platform, conversation));
  return loaded.status === 'found' ? loaded.value : undefined;
}

export function rememberThread(store: StateStore, platform: Platform, conversation: string, asker: string): Promise<void> {
  return store.saveShared(answeredThreadRecord, threadKey(platform, conversation), { asker });
}
