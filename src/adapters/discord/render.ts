import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from 'discord.js';
import { groupSources } from '../../core/sources.js';
import type { Block, Button, Reply } from '../../core/types.js';
import { clip, LIMITS } from './limits.js';

export type FormBlock = Extract<Block, { type: 'form' }>;
type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface OutgoingFile {
  name: string;
  data: Buffer;
  contentType: string;
}

/** A message body as Discord's REST API takes it (create, follow-up, interaction callback data). */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: ActionRow[];
  attachments?: { id: number; filename: string }[];
  /** Always `{ parse: [] }`: echoed text can never ping @everyone, a role or a member. */
  allowed_mentions: { parse: [] };
  flags?: number;
}

export interface OutgoingMessage {
  body: MessageBody;
  files: OutgoingFile[];
}

export interface RenderOptions {
  ephemeral: boolean;
  /** When given, a form block becomes this button (the click opens the form); otherwise the form is returned apart. */
  formButton?: Button;
}

export interface Rendered {
  messages: OutgoingMessage[];
  /** The reply's form, for the caller to show as a modal; absent when `formButton` was used. */
  form?: FormBlock;
}

export const NO_MENTIONS = { parse: [] as [] };
/** One calm colour for every card the bot posts. */
export const EMBED_COLOR = 0x0f766e;
const EMPTY = '\u200b';

/**
 * Splits text into pieces of at most `max` characters, at a paragraph break when there is one,
 * else a line break, else a space; words are cut only when a single one is longer than `max`.
 */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf('\n\n');
    if (cut < max / 3) cut = window.lastIndexOf('\n');
    if (cut < max / 3) cut = window.lastIndexOf(' ');
    if (cut <= 0) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) out.push(piece);
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest) out.push(rest);
  return out;
}

interface EmbedDraft {
  description?: string;
  fields: APIEmbedField[];
  size: number;
}

const fieldSize = (f: APIEmbedField) => f.name.length + f.value.length;

/** Builds embeds in block order: text becomes descriptions, fields and sources become embed fields. */
class EmbedBuilder {
  readonly embeds: EmbedDraft[] = [];
  private text: string[] = [];

  addText(markdown: string) {
    if (markdown.trim()) this.text.push(markdown.trim());
  }

  private flushText() {
    if (!this.text.length) return;
    for (const chunk of splitText(this.text.join('\n\n'), LIMITS.embedDescription)) {
      this.embeds.push({ description: chunk, fields: [], size: chunk.length });
    }
    this.text = [];
  }

  addField(field: APIEmbedField) {
    this.flushText();
    let current = this.embeds.at(-1);
    if (!current || current.fields.length >= LIMITS.embedFields || current.size + fieldSize(field) > LIMITS.embedTotal) {
      current = { fields: [], size: 0 };
      this.embeds.push(current);
    }
    current.fields.push(field);
    current.size += fieldSize(field);
  }

  /** A long value continues in unnamed fields right after it. */
  addLongField(name: string, value: string, inline: boolean, continuation = EMPTY) {
    const pieces = splitText(value, LIMITS.fieldValue);
    if (!pieces.length) pieces.push(EMPTY);
    pieces.forEach((piece, i) => {
      this.addField({
        name: i === 0 ? clip(name, LIMITS.fieldName) || EMPTY : continuation,
        value: piece,
        inline: inline && i === 0,
      });
    });
  }

  finish(): APIEmbed[] {
    this.flushText();
    return this.embeds.map((e) => ({
      color: EMBED_COLOR,
      ...(e.description ? { description: e.description } : {}),
      ...(e.fields.length ? { fields: e.fields } : {}),
    }));
  }
}

function embedSize(e: APIEmbed): number {
  return (e.description?.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + fieldSize(f), 0);
}

const BUTTON_STYLES = { primary: ButtonStyle.Primary, secondary: ButtonStyle.Secondary, danger: ButtonStyle.Danger } as const;
const validId = (id: string) => id.length > 0 && id.length <= LIMITS.customId;

function buttonRows(buttons: Button[]): ActionRow[] {
  const usable = buttons.filter((b) => validId(b.id) && b.label.trim());
  const rows: ActionRow[] = [];
  for (let i = 0; i < usable.length; i += LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: usable.slice(i, i + LIMITS.buttonsPerRow).map((b) => ({
        type: ComponentType.Button,
        style: BUTTON_STYLES[b.style ?? 'secondary'],
        label: clip(b.label.trim(), LIMITS.buttonLabel),
        custom_id: b.id,
      })),
    });
  }
  return rows;
}

function selectRows(block: Extract<Block, { type: 'select' }>): ActionRow[] {
  if (!validId(block.id)) return [];
  const options = block.options.filter((o) => o.value.length > 0 && o.value.length <= LIMITS.selectOptionText && o.label.trim());
  const rows: ActionRow[] = [];
  for (let i = 0; i < options.length; i += LIMITS.selectOptions) {
    const page = options.slice(i, i + LIMITS.selectOptions);
    const range = options.length > LIMITS.selectOptions ? ` (${i + 1}-${i + page.length})` : '';
    rows.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: block.id,
          placeholder: clip(`${block.placeholder}${range}`, LIMITS.selectPlaceholder),
          min_values: 1,
          max_values: 1,
          options: page.map((o) => ({
            label: clip(o.label.trim(), LIMITS.selectOptionText),
            value: o.value,
            ...(o.description ? { description: clip(o.description, LIMITS.selectOptionText) } : {}),
          })),
        },
      ],
    });
  }
  return rows;
}

const rowIds = (row: ActionRow) => row.components.map((c) => ('custom_id' in c ? c.custom_id : ''));

function sourceLines(items: Extract<Block, { type: 'sources' }>['items']): string {
  return groupSources(items)
    .map((g) => `- ${g.origin ? `_${g.origin}_: ` : ''}${g.titles.join('; ')}`)
    .join('\n');
}

/**
 * Turns a neutral Reply into Discord messages that fit every limit: short plain text goes as
 * message content; anything with fields or sources, or longer than one message, goes as embeds.
 * Buttons and menus ride on the last message (more than five rows continue in another one),
 * files become attachments, and mentions are always off. Pure: no client, no network.
 */
export function renderReply(reply: Reply, opts: RenderOptions): Rendered {
  let form: FormBlock | undefined;
  const texts: string[] = [];
  const rows: ActionRow[] = [];
  const files: OutgoingFile[] = [];
  const rich = reply.blocks.some((b) => b.type === 'fields' || b.type === 'sources');
  const embeds = new EmbedBuilder();

  for (const b of reply.blocks) {
    switch (b.type) {
      case 'text':
        if (rich) embeds.addText(b.markdown);
        else if (b.markdown.trim()) texts.push(b.markdown.trim());
        break;
      case 'fields':
        for (const f of b.fields) {
          const inline = f.value.length <= 60 && !f.value.includes('\n') && f.label.length <= 40;
          embeds.addLongField(f.label, f.value || EMPTY, inline);
        }
        break;
      case 'sources':
        if (b.items.length) embeds.addLongField('Sources', sourceLines(b.items), false, 'Sources (continued)');
        break;
      case 'buttons':
        rows.push(...buttonRows(b.buttons));
        break;
      case 'select':
        rows.push(...selectRows(b));
        break;
      case 'form':
        if (opts.formButton) rows.push(...buttonRows([opts.formButton]));
        else form = b;
        break;
      case 'file':
        files.push({ name: b.name, data: Buffer.from(b.content, 'utf8'), contentType: b.mime });
        break;
    }
  }

  const flags = opts.ephemeral ? MessageFlags.Ephemeral : undefined;
  const blank = (content?: string): OutgoingMessage => ({
    body: { ...(content ? { content } : {}), allowed_mentions: NO_MENTIONS, ...(flags ? { flags } : {}) },
    files: [],
  });
  const messages: OutgoingMessage[] = [];

  const plain = texts.join('\n\n');
  if (!rich && plain.length > LIMITS.content) {
    // Too long for one message: a card holds twice as much and reads better than a wall of messages.
    for (const t of texts) embeds.addText(t);
  } else if (plain) {
    for (const chunk of splitText(plain, LIMITS.content)) messages.push(blank(chunk));
  }

  let current: OutgoingMessage | undefined;
  let size = 0;
  for (const e of embeds.finish()) {
    const s = embedSize(e);
    const list = current?.body.embeds;
    if (!current || !list || list.length >= LIMITS.embedsPerMessage || size + s > LIMITS.embedTotal) {
      current = blank();
      current.body.embeds = [];
      messages.push(current);
      size = 0;
    }
    current.body.embeds?.push(e);
    size += s;
  }

  // Controls and files go on the last message, so they come after what they refer to.
  let host = messages.at(-1);
  for (const row of rows) {
    const ids = new Set((host?.body.components ?? []).flatMap(rowIds));
    const clash = rowIds(row).some((id) => ids.has(id));
    if (!host || (host.body.components?.length ?? 0) >= LIMITS.actionRows || clash) {
      host = blank();
      messages.push(host);
    }
    host.body.components = [...(host.body.components ?? []), row];
  }
  for (const file of files) {
    host = messages.at(-1);
    if (!host || host.files.length >= LIMITS.attachments) {
      host = blank();
      messages.push(host);
    }
    host.body.attachments = [...(host.body.attachments ?? []), { id: host.files.length, filename: file.name }];
    host.files.push(file);
  }

  if (!messages.length && !form && reply.fallbackText.trim()) {
    for (const chunk of splitText(reply.fallbackText, LIMITS.content)) messages.push(blank(chunk));
  }
  return form ? { messages, form } : { messages };
}

/**
 * A body that replaces a whole message (update, edit): fields the new body lacks are cleared,
 * or Discord would keep the old message's text, cards or buttons.
 */
export function asReplacement(body: MessageBody): MessageBody {
  const { flags: _flags, ...rest } = body;
  return { content: '', embeds: [], components: [], attachments: [], ...rest };
}
