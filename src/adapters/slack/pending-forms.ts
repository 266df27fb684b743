import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { formBlockSchema } from '../../core/form-schema.js';
import { defineRecord } from '../../store/record.js';
import type { StateStore } from '../../store/store.js';
import type { FormBlock } from './render.js';

/**
 * A modal can only open with a trigger id younger than three seconds, and DM turns have none.
 * Such a form waits here (personal, so /forget removes it) behind an "Open the form" button.
 */
const formSchema = formBlockSchema;

const pendingForms = defineRecord('slack-pending-forms', {
  version: 1,
  schema: z.object({
    forms: z.record(
      z.string(),
      z.object({ form: formSchema, channel: z.string().optional(), direct: z.boolean().optional(), at: z.number() }),
    ),
  }),
  ttlDays: 1,
});

const KEEP = 10;
export const OPEN_FORM_PREFIX = '_slack:form:';

export interface PendingForm {
  form: FormBlock;
  channel?: string;
  direct?: boolean;
}

/** Saves the form and returns the id of the button that opens it. */
export async function parkForm(store: StateStore, user: string, pending: PendingForm): Promise<string> {
  const owner = { platform: 'slack', user };
  const current = (await store.get(pendingForms, owner))?.forms ?? {};
  const nonce = randomBytes(6).toString('hex');
  const kept = Object.entries(current)
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, KEEP - 1);
  await store.save(pendingForms, owner, {
    forms: { ...Object.fromEntries(kept), [nonce]: { ...pending, form: formSchema.parse(pending.form), at: Date.now() } },
  });
  return `${OPEN_FORM_PREFIX}${nonce}`;
}

/** The parked form behind a button, if it is still there and belongs to this member. */
export async function findParkedForm(store: StateStore, user: string, buttonId: string): Promise<PendingForm | undefined> {
  const nonce = buttonId.slice(OPEN_FORM_PREFIX.length);
  const record = await store.get(pendingForms, { platform: 'slack', user });
  return record?.forms[nonce];
}
