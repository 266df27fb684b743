import { z } from 'zod';
import { defineRecord } from '../../store/record.js';
import type { StateStore } from '../../store/store.js';

/**
 * The member's direct-message conversation with the bot. Its id never changes, so it is kept in
 * the store (any process, after a restart) with a bounded memory in front: no lookup per drill
 * turn, and a click inside the DM is known to be there. Personal: `/forget` deletes it.
 */
export const dmChannelRecord = defineRecord('dm-channel', {
  version: 1,
  schema: z.object({ channel: z.string().min(1).max(64) }),
  ttlDays: 90,
  label: 'the id of our direct-message conversation',
});

/** What adapters need of the DM map. */
export interface DmChannelCache {
  get(user: string): Promise<string | undefined>;
  set(user: string, channel: string): Promise<void>;
}

const MAX_REMEMBERED = 10_000;
/** "No DM known" is remembered briefly only: another process may open one meanwhile. */
const UNKNOWN_FOR_MS = 5 * 60_000;

export class StoredDmChannels implements DmChannelCache {
  /** A channel id, or the time a lookup found none. */
  private readonly memory = new Map<string, string | number>();

  constructor(
    private readonly store: StateStore,
    private readonly platform: string,
  ) {}

  private remember(user: string, channel: string | number): void {
    if (this.memory.size >= MAX_REMEMBERED) {
      const oldest = this.memory.keys().next().value;
      if (oldest !== undefined) this.memory.delete(oldest);
    }
    this.memory.set(user, channel);
  }

  async get(user: string): Promise<string | undefined> {
    const known = this.memory.get(user);
    if (typeof known === 'string') return known;
    if (typeof known === 'number' && Date.now() - known < UNKNOWN_FOR_MS) return undefined;
    const saved = await this.store.get(dmChannelRecord, { platform: this.platform, user });
    this.remember(user, saved?.channel ?? Date.now());
    return saved?.channel;
  }

  async set(user: string, channel: string): Promise<void> {
    if (this.memory.get(user) === channel) return;
    this.remember(user, channel);
    await this.store.save(dmChannelRecord, { platform: this.platform, user }, { channel });
  }

  /** After /forget: the next lookup reads the store again (which no longer has it). */
  drop(user: string): void {
    this.memory.delete(user);
  }
}
