import { z } from 'zod';
import { formBlockSchema } from '../../core/form-schema.js';
import { newNonce } from '../../core/nonce.js';
import type { Block } from '../../core/types.js';
import { defineRecord } from '../../store/record.js';
import type { StateStore } from '../../store/store.js';

/**
 * A form that cannot open now: Discord and Slack open a modal only in answer to a fresh click,
 * and a reply that comes late, after a form submit or in a DM has none. The form waits here
 * behind an "Open" button. Kept in the shared store, so any shard or instance can open it, and
 * personal (it can hold pre-filled drafts), so /forget deletes it with everything else.
 */
export interface PendingForm {
  form: Extract<Block, { type: 'form' }>;
  /** Where the member was when the form was shelved (Slack posts the follow-up there). */
  channel?: string;
  direct?: boolean;
}

const KEEP = 10;

export const pendingFormsRecord = defineRecord('pending-forms', {
  version: 1,
  schema: z.object({
    forms: z.record(
      z.string(),
      z.object({ form: formBlockSchema, channel: z.string().optional(), direct: z.boolean().optional(), at: z.number() }),
    ),
  }),
  ttlDays: 1,
  label: 'forms waiting to open, with anything filled in',
});

/** Keeps the form for its owner and returns the nonce its open button carries. */
export async function shelveForm(store: StateStore, platform: string, user: string, pending: PendingForm): Promise<string> {
  const owner = { platform, user };
  const nonce = newNonce();
  await store.update(pendingFormsRecord, owner, (current) => {
    const kept = Object.entries(current?.forms ?? {})
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, KEEP - 1);
    return {
      forms: { ...Object.fromEntries(kept), [nonce]: { ...pending, form: formBlockSchema.parse(pending.form), at: Date.now() } },
    };
  });
  return nonce;
}

/** The shelved form behind a button, while it is still kept for this member. */
export async function findShelvedForm(
  store: StateStore,
  platform: string,
  user: string,
  nonce: string,
): Promise<PendingForm | undefined> {
  const record = await store.get(pendingFormsRecord, { platform, user });
  return record?.forms[nonce] as PendingForm | undefined;
}
