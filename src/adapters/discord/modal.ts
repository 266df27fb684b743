import { type APIModalInteractionResponseCallbackData, ComponentType, TextInputStyle } from 'discord.js';
import { decodeActionId } from '../../core/action-id.js';
import type { Button } from '../../core/types.js';
import type { StateStore } from '../../store/store.js';
import { findShelvedForm, shelveForm } from '../shared/pending-forms.js';
import { clip, LIMITS } from './limits.js';
import type { FormBlock } from './render.js';

/**
 * A neutral form as a Discord modal: one labelled text input per field, at most five (the core
 * already splits longer forms into steps). Pre-filled values are trimmed to what Discord accepts.
 */
export function modalFor(form: FormBlock): APIModalInteractionResponseCallbackData {
  return {
    custom_id: form.id,
    title: clip(form.title, LIMITS.modalTitle),
    components: form.fields.slice(0, LIMITS.modalInputs).map((f) => {
      const maxLength = Math.min(f.maxLength ?? LIMITS.inputValue, LIMITS.inputValue);
      return {
        type: ComponentType.Label,
        label: clip(f.label, LIMITS.inputLabel),
        component: {
          type: ComponentType.TextInput,
          custom_id: f.id,
          style: f.style === 'paragraph' ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required: f.required,
          max_length: maxLength,
          ...(f.value ? { value: f.value.slice(0, maxLength) } : {}),
          ...(f.placeholder ? { placeholder: clip(f.placeholder, LIMITS.inputPlaceholder) } : {}),
        },
      };
    }),
  };
}

/** Button ids that open a stored form: `!form~<owner>~<nonce>`; `!` never starts a command name. */
export const OPEN_FORM_PREFIX = '!form~';

export function openFormButtonId(owner: string, nonce: string): string {
  return `${OPEN_FORM_PREFIX}${owner}~${nonce}`;
}

export function parseOpenFormId(customId: string): { owner: string; nonce: string } | undefined {
  if (!customId.startsWith(OPEN_FORM_PREFIX)) return undefined;
  const [owner, nonce, ...extra] = customId.slice(OPEN_FORM_PREFIX.length).split('~');
  if (!owner || !nonce || extra.length) return undefined;
  return { owner, nonce };
}

export class FormShelf {
  constructor(private readonly store: StateStore) {}

  /** Keeps the form for its owner and returns the button that opens it. */
  async shelve(form: FormBlock, userId: string): Promise<Button> {
    const owner = decodeActionId(form.id)?.owner ?? userId;
    const nonce = await shelveForm(this.store, 'discord', owner, { form });
    return { id: openFormButtonId(owner, nonce), label: `Open: ${form.title}`, style: 'primary' };
  }

  /** The form behind an open button, when it is still kept for this member. */
  async find(userId: string, nonce: string): Promise<FormBlock | undefined> {
    const kept = await findShelvedForm(this.store, 'discord', userId, nonce);
    return kept?.form;
  }
}
