import type { StateStore } from '../../store/store.js';
import { findShelvedForm, type PendingForm, shelveForm } from '../shared/pending-forms.js';

/** Slack's id for a button that opens a shelved form (see adapters/shared/pending-forms.ts). */
export const OPEN_FORM_PREFIX = '_slack:form:';

export type { PendingForm };

/** Saves the form and returns the id of the button that opens it. */
export async function parkForm(store: StateStore, user: string, pending: PendingForm): Promise<string> {
  return `${OPEN_FORM_PREFIX}${await shelveForm(store, 'slack', user, pending)}`;
}

/** The parked form behind a button, if it is still there and belongs to this member. */
export function findParkedForm(store: StateStore, user: string, buttonId: string): Promise<PendingForm | undefined> {
  return findShelvedForm(store, 'slack', user, buttonId.slice(OPEN_FORM_PREFIX.length));
}
