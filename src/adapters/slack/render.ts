import type { types } from '@slack/bolt';
import { feedbackPair } from '../../core/feedback.js';
import { groupSources, sourceGroupText } from '../../core/sources.js';
import type { Block, Button, FormField, Reply } from '../../core/types.js';
import { LIMITS, truncate } from './limits.js';
import { type CommandNaming, escapeMrkdwn, splitText, toMrkdwn, toPlain } from './mrkdwn.js';

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;
export type FormBlock = Extract<Block, { type: 'form' }>;
export type FileBlock = Extract<Block, { type: 'file' }>;

/** One chat message: notification text and its blocks, both within Slack's limits. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** A neutral Reply as Slack sees it: messages to post, files to upload, at most one form to open. */
export interface RenderedReply {
  messages: SlackMessage[];
  files: FileBlock[];
  form?: FormBlock;
}

const plain = (text: string, max: number = LIMITS.sectionText): types.PlainTextElement => ({
  type: 'plain_text',
  text: truncate(text.trim() || ' ', max),
  emoji: true,
});

function sections(markdown: string, naming?: CommandNaming): KnownBlock[] {
  const text = toMrkdwn(markdown, naming);
  if (!text.trim()) return [];
  return splitText(text, LIMITS.sectionText).map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } }));
}

function fieldSections(fields: { label: string; value: string }[], naming?: CommandNaming): KnownBlock[] {
  const out: KnownBlock[] = [];
  let row: types.MrkdwnElement[] = [];
  const flush = () => {
    if (row.length) out.push({ type: 'section', fields: row });
    row = [];
  };
  for (const f of fields) {
    const text = `*${escapeMrkdwn(f.label)}*\n${toMrkdwn(f.value, naming)}`;
    if (text.length > LIMITS.fieldText) {
      // Too long for a two-column field: give it a full-width section of its own.
      flush();
      out.push(...sections(`**${f.label}**\n${f.value}`, naming));
      continue;
    }
    row.push({ type: 'mrkdwn', text });
    if (row.length === LIMITS.fieldsPerSection) flush();
  }
  flush();
  return out;
}

function sourcesContext(items: Extract<Block, { type: 'sources' }>['items']): KnownBlock[] {
  const lines = groupSources(items).map((g) => escapeMrkdwn(sourceGroupText(g)));
  const text = `Sources: ${lines.join(' · ')}`;
  const parts = splitText(text, LIMITS.contextText).slice(0, LIMITS.contextElements);
  return [{ type: 'context', elements: parts.map((t) => ({ type: 'mrkdwn', text: t })) }];
}

/**
 * Our button ids ride in `value`, so action_id only has to be unique within its block (Slack's
 * rule) and within 255 characters; a duplicate or an over-long id gets a positional action_id.
 */
function buttonElements(buttons: Button[], blockIndex: number): types.Button[] {
  const used = new Set<string>();
  return buttons.map((b, i) => {
    let actionId = b.id;
    if (actionId.length > LIMITS.actionId || used.has(actionId)) actionId = `btn-${blockIndex}-${i}`;
    used.add(actionId);
    const el: types.Button = {
      type: 'button',
      action_id: actionId,
      value: b.id.slice(0, LIMITS.buttonValue),
      text: plain(b.label, LIMITS.buttonText),
    };
    if (b.style === 'primary' || b.style === 'danger') el.style = b.style;
    return el;
  });
}

function actionsBlocks(buttons: Button[], blockIndex: number): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.elementsPerActions) {
    out.push({ type: 'actions', elements: buttonElements(buttons.slice(i, i + LIMITS.elementsPerActions), blockIndex + i) });
  }
  return out;
}

function selectBlock(b: Extract<Block, { type: 'select' }>): KnownBlock[] {
  const options = b.options.slice(0, LIMITS.optionsPerSelect).map((o) => {
    const opt: types.PlainTextOption = { text: plain(o.label, LIMITS.optionText), value: o.value.slice(0, LIMITS.optionValue) };
    if (o.description) opt.description = plain(o.description, LIMITS.optionDescription);
    return opt;
  });
  if (!options.length) return [];
  return [
    {
      type: 'actions',
      elements: [{ type: 'static_select', action_id: b.id, placeholder: plain(b.placeholder, LIMITS.placeholder), options }],
    },
  ];
}

/** A file small enough to read in place is shown as a code block; larger ones are uploaded. */
export function fitsInline(file: FileBlock): boolean {
  return escapeMrkdwn(file.content).length <= LIMITS.snippet;
}

function fileSnippet(file: FileBlock): KnownBlock[] {
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${escapeMrkdwn(file.name)}*\n\`\`\`${escapeMrkdwn(file.content)}\`\`\`` },
    },
  ];
}

/** Display blocks (no forms, no uploads) for a message or the top of a modal. */
export function renderBlocks(blocks: Block[], naming?: CommandNaming): KnownBlock[] {
  const out: KnownBlock[] = [];
  blocks.forEach((b, index) => {
    switch (b.type) {
      case 'text':
        out.push(...sections(b.markdown, naming));
        break;
      case 'fields':
        out.push(...fieldSections(b.fields, naming));
        break;
      case 'sources':
        if (b.items.length) out.push(...sourcesContext(b.items));
        break;
      case 'buttons': {
        // Slack's own thumbs element for an answer's feedback; plain buttons otherwise.
        const pair = feedbackPair(b.buttons);
        if (pair) out.push(feedbackBlock(pair, index));
        else out.push(...actionsBlocks(b.buttons, index * 100));
        break;
      }
      case 'select':
        out.push(...selectBlock(b));
        break;
      case 'file':
        if (fitsInline(b)) out.push(...fileSnippet(b));
        else out.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Attached: ${escapeMrkdwn(b.name)}` }] });
        break;
      case 'form':
        break;
    }
  });
  return out;
}

function feedbackBlock(pair: { up: Button; down: Button }, index: number): KnownBlock {
  return {
    type: 'context_actions',
    elements: [
      {
        type: 'feedback_buttons',
        action_id: `feedback_${index}`,
        positive_button: { text: { type: 'plain_text', text: truncate(pair.up.label, LIMITS.buttonText) }, value: pair.up.id },
        negative_button: {
          text: { type: 'plain_text', text: truncate(pair.down.label, LIMITS.buttonText) },
          value: pair.down.id,
        },
      },
    ],
  } as unknown as KnownBlock;
}

/** Splits blocks into messages of at most 50 blocks; only the first carries the notification text. */
export function toMessages(blocks: KnownBlock[], fallback: string, naming?: CommandNaming): SlackMessage[] {
  const text = truncate(escapeMrkdwn(toPlain(fallback, naming)), LIMITS.fallbackText) || ' ';
  if (!blocks.length) return [];
  const out: SlackMessage[] = [];
  for (let i = 0; i < blocks.length; i += LIMITS.blocksPerMessage) {
    out.push({
      text: i === 0 ? text : `${text.slice(0, 200)} (continued)`,
      blocks: blocks.slice(i, i + LIMITS.blocksPerMessage),
    });
  }
  return out;
}

export function renderReply(reply: Reply, naming?: CommandNaming): RenderedReply {
  const form = reply.blocks.find((b): b is FormBlock => b.type === 'form');
  const files = reply.blocks.filter((b): b is FileBlock => b.type === 'file' && !fitsInline(b));
  return { messages: toMessages(renderBlocks(reply.blocks, naming), reply.fallbackText, naming), files, form };
}

/** What the modal carries back on submit: where to answer. */
export interface ModalContext {
  /** Channel the form was opened from, for public and ephemeral answers. */
  channel?: string;
  /** True when that channel is the member's DM with the bot. */
  direct?: boolean;
}

export function encodeModalContext(ctx: ModalContext): string {
  return JSON.stringify({ c: ctx.channel, d: ctx.direct ? 1 : undefined }).slice(0, LIMITS.privateMetadata);
}

export function decodeModalContext(raw: string | undefined): ModalContext {
  try {
    const v = JSON.parse(raw || '{}') as { c?: unknown; d?: unknown };
    return { channel: typeof v.c === 'string' ? v.c : undefined, direct: v.d === 1 };
  } catch {
    return {};
  }
}

function inputBlock(f: FormField): KnownBlock {
  const max = Math.min(f.maxLength ?? LIMITS.inputMaxLength, LIMITS.inputMaxLength);
  const element: types.PlainTextInput = {
    type: 'plain_text_input',
    action_id: 'value',
    multiline: f.style === 'paragraph',
    max_length: max,
  };
  if (f.value) element.initial_value = f.value.slice(0, max);
  if (f.placeholder) element.placeholder = plain(f.placeholder, LIMITS.placeholder);
  return { type: 'input', block_id: f.id, optional: !f.required, label: plain(f.label, 2000), element };
}

/** A form as a modal: the reply's other blocks on top (context), then one input per field. */
export function formToModal(form: FormBlock, context: Block[], modal: ModalContext, naming?: CommandNaming): ModalView {
  const top: KnownBlock[] = [];
  if (form.title.length > LIMITS.modalTitle) top.push(...sections(`**${form.title}**`, naming));
  top.push(...renderBlocks(context, naming).filter((b) => b.type !== 'actions'));
  const inputs = form.fields.map(inputBlock);
  return {
    type: 'modal',
    callback_id: form.id,
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(form.submitLabel ?? 'Submit', LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    private_metadata: encodeModalContext(modal),
    blocks: [...top.slice(0, LIMITS.blocksPerView - inputs.length), ...inputs],
  };
}

/** Submitted values by field id (Slack gives null for an empty optional field). */
export function submittedFields(values: Record<string, Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const value = (actions?.value as { value?: unknown } | null | undefined)?.value;
    out[blockId] = typeof value === 'string' ? value : '';
  }
  return out;
}

/**
 * A usage error answering a form submit is shown under the field it names (by id or label),
 * or under the first field when it names none, so the member fixes it without losing the form.
 */
export function fieldErrors(
  replies: Reply[],
  fields: { id: string; label: string }[],
  naming?: CommandNaming,
): Record<string, string> | undefined {
  const errors = replies.filter((r) => r.error === 'usage');
  const first = fields[0];
  if (!errors.length || !first) return undefined;
  const out: Record<string, string> = {};
  for (const r of errors) {
    const text = toPlain(r.blocks.map((b) => (b.type === 'text' ? b.markdown : '')).join('\n') || r.fallbackText, naming).trim();
    const lower = text.toLowerCase();
    const named = fields.filter((f) => lower.includes(f.id.toLowerCase()) || lower.includes(f.label.toLowerCase()));
    for (const f of named.length ? named : [first]) out[f.id] = truncate(out[f.id] ? `${out[f.id]} ${text}` : text, 500);
  }
  return out;
}
