export { fixture } from './fixtures.js';
export type { InteractionRecord, StandinMessage, StandinOptions, StandinUser } from './server.js';
export { DiscordStandin } from './server.js';
export { guildIdForShard, shardOf, snowflake } from './snowflake.js';

import type { StandinMessage } from './server.js';

type Json = Record<string, unknown>;

/** Everything a member reads in a message: content, card text and fields, attachment names. */
export function visibleText(msg: StandinMessage | undefined): string {
  if (!msg) return '';
  const parts = [msg.content];
  for (const e of msg.embeds) {
    if (e.title) parts.push(String(e.title));
    if (e.description) parts.push(String(e.description));
    for (const f of (e.fields ?? []) as Json[]) parts.push(`${String(f.name)}: ${String(f.value)}`);
  }
  for (const a of msg.attachments) parts.push(`[file ${a.filename}]`);
  return parts.filter(Boolean).join('\n');
}

export interface ShownComponent {
  type: 'button' | 'select';
  customId: string;
  label: string;
  options?: { label: string; value: string }[];
}

/** Buttons and menus on a message, in order. */
export function componentsOf(msg: StandinMessage | undefined): ShownComponent[] {
  if (!msg) return [];
  return msg.components.flatMap((row) =>
    ((row.components as Json[]) ?? []).map((c) =>
      c.type === 3
        ? {
            type: 'select' as const,
            customId: String(c.custom_id),
            label: String(c.placeholder ?? ''),
            options: ((c.options as Json[]) ?? []).map((o) => ({ label: String(o.label), value: String(o.value) })),
          }
        : { type: 'button' as const, customId: String(c.custom_id), label: String(c.label ?? '') },
    ),
  );
}

/** The button whose label contains `label` (case-insensitive). */
export function buttonLabelled(msg: StandinMessage | undefined, label: string): ShownComponent {
  const hit = componentsOf(msg).find((c) => c.type === 'button' && c.label.toLowerCase().includes(label.toLowerCase()));
  if (!hit) throw new Error(`no button "${label}" on: ${JSON.stringify(componentsOf(msg).map((c) => c.label))}`);
  return hit;
}

/** The text inputs of a modal the bot showed, in order. */
export function modalInputs(modal: Json | undefined): { customId: string; label: string; value?: string; required: boolean }[] {
  return ((modal?.components as Json[] | undefined) ?? []).map((c) => {
    const input = (c.type === 18 ? c.component : ((c.components as Json[]) ?? [])[0]) as Json;
    return {
      customId: String(input.custom_id),
      label: String(c.label ?? input.label ?? ''),
      ...(input.value !== undefined ? { value: String(input.value) } : {}),
      required: input.required !== false,
    };
  });
}
