import { z } from 'zod';
import { actionCodec } from '../../core/actions.js';
import { reply } from '../../core/reply.js';
import { neutralize } from '../../core/sanitize.js';
import type { Block, Button, Reply } from '../../core/types.js';
import { type Drafted, draftToText, KIND_TITLES, VERSION_TITLES } from './draft.js';
import { examName } from './failure.js';
import { DRAFT_KINDS, type DraftInput, type DraftKind } from './fields.js';
import { formSteps, type Layout } from './forms.js';
import type { DraftLexicon } from './lexicon.js';
import { withoutOvershare } from './private.js';
import { countWords, monthName, parseYearMonth } from './prose.js';
import { type CurrentDraft, expiresOn, MAX_SAVED, refSchema, type SavedDraft, TTL_DAYS } from './records.js';
import { describeStyle, plainer, warmer } from './tone.js';

/** Renders what the member sees: forms, the draft with its buttons, the saved list. Member text is neutralized. */

export const COMMAND = 'draft';

const ref = refSchema;
const stepArg = z.coerce.number().int().min(1).max(20);

/** Every button, select and form of /draft; the ref is the nonce of the draft or form session. */
export const codec = actionCodec(COMMAND, {
  /** A form step's submit: step, kind, form session. */
  form: z.tuple([stepArg, z.enum(DRAFT_KINDS), ref]),
  /** Continue and Fix answers: open step N of the form in progress. */
  open: z.tuple([ref, stepArg]),
  edit: z.tuple([ref]),
  short: z.tuple([ref]),
  long: z.tuple([ref]),
  warm: z.tuple([ref]),
  plain: z.tuple([ref]),
  save: z.tuple([ref]),
  copy: z.tuple([ref]),
  del: z.tuple([ref]),
  /** The saved-drafts select; the chosen draft comes in its values. */
  pick: z.tuple([ref]),
});

export type Op = 'edit' | 'short' | 'long' | 'warm' | 'plain' | 'save' | 'copy' | 'del' | 'pick';

export function formReply(
  owner: string,
  kind: DraftKind,
  step: number,
  nonce: string,
  opts: { values?: Record<string, string>; layout: Layout; lead?: string },
): Reply {
  const steps = formSteps(kind, opts.layout);
  const def = steps[step - 1];
  if (!def) throw new Error(`no step ${step} for ${kind}`);
  const values = opts.values ?? {};
  const fields = def.fields.map((f) => (values[f.id] ? { ...f, value: values[f.id] } : { ...f }));
  const last = step === steps.length;
  const blocks: Block[] = [];
  if (opts.lead) blocks.push({ type: 'text', markdown: opts.lead });
  blocks.push({
    type: 'form',
    id: codec.id(owner, 'form', step, kind, nonce),
    title: def.title,
    submitLabel: last ? 'Draft it' : 'Next',
    fields,
  });
  return reply(blocks, 'private');
}

/** A modal cannot open another modal: after step 1, a button opens step 2. */
export function continueReply(owner: string, nonce: string, kind: DraftKind, done: number, total: number): Reply {
  return reply(
    [
      {
        type: 'text',
        markdown: `Step ${done} of ${total} done. Press **Continue** for the next part of the ${KIND_TITLES[kind].toLowerCase()}.`,
      },
      { type: 'buttons', buttons: [{ id: codec.id(owner, 'open', nonce, done + 1), label: 'Continue', style: 'primary' }] },
    ],
    'private',
  );
}

/** Problems, each naming the field as the member saw it, and a button that re-opens the form with their answers. */
export function problemsReply(owner: string, nonce: string, step: number, problems: string[]): Reply {
  return reply(
    [
      {
        type: 'text',
        markdown: `A few answers need a fix before I can draft:\n${problems.map((p) => `- ${neutralize(p)}`).join('\n')}\n\nYour answers are kept: press **Fix answers** to correct them.`,
      },
      { type: 'buttons', buttons: [{ id: codec.id(owner, 'open', nonce, step), label: 'Fix answers', style: 'primary' }] },
    ],
    'private',
  );
}

/** A saved draft's name in lists (and on the Slack Home tab): never a detail the over-sharing check flagged. */
export function draftTitle(input: DraftInput, lexicon: DraftLexicon): string {
  const d = withoutOvershare(input, lexicon);
  switch (d.kind) {
    case 'gap':
      return `Gap ${monthName(parseYearMonth(d.input.start))} to ${monthName(parseYearMonth(d.input.end))} (${d.input.reasonKind})`;
    case 'failure':
      return `${examName(d.input.exam)}, attempt ${d.input.attempt} (${d.input.year})`.slice(0, 100);
    case 'disclosure': {
      const words = d.input.what.split(/\s+/).slice(0, 7).join(' ');
      return `Disclosure: ${words}${d.input.what.split(/\s+/).length > 7 ? '...' : ''}`.slice(0, 100);
    }
  }
}

function mappingBlock(drafted: Drafted, lexicon: DraftLexicon): Block | undefined {
  const mapping = drafted.composed.mapping;
  if (!mapping?.length) return undefined;
  const label = (sid: string) => lexicon.skills.find((s) => s.id === sid)?.label ?? sid;
  const lines = mapping.map((m) =>
    m.skills.length
      ? `- ${neutralize(m.activity)}: ${m.skills.map(label).join(', ')}`
      : `- ${neutralize(m.activity)}: no clear informatics skill yet; name the tool, data or process involved`,
  );
  return { type: 'text', markdown: `**Suggested skill mapping** (for the Relevance part)\n${lines.join('\n')}` };
}

export function draftReply(
  owner: string,
  current: CurrentDraft,
  drafted: Drafted,
  lexicon: DraftLexicon,
  opts: { replace?: boolean; lead?: string } = {},
): Reply {
  const { versions } = drafted.composed;
  const kind = current.draft.kind;
  const blocks: Block[] = [];
  if (opts.lead) blocks.push({ type: 'text', markdown: opts.lead });
  blocks.push(
    {
      type: 'text',
      markdown: `**${KIND_TITLES[kind]} draft** (${describeStyle(current.style)}${current.savedId ? ', saved' : ''})\n\n**${VERSION_TITLES.statement}** (${countWords(versions.statement)} words)\n${neutralize(versions.statement)}`,
    },
    {
      type: 'text',
      markdown: `**${VERSION_TITLES.interview}**\n${neutralize(versions.interview)}\n\n**${VERSION_TITLES.application}**\n${neutralize(versions.application)}`,
    },
  );
  const mapping = mappingBlock(drafted, lexicon);
  if (mapping) blocks.push(mapping);
  blocks.push({
    type: 'text',
    markdown: drafted.notes.length
      ? `**Check notes**\n${drafted.notes.map((n) => `- ${neutralize(n.text)}`).join('\n')}`
      : '**Check notes:** none. No over-sharing, passive time, blame or length problems found.',
  });
  const n = current.nonce;
  const buttons: Button[] = [{ id: codec.id(owner, 'edit', n), label: 'Edit' }];
  buttons.push(
    current.style.short
      ? { id: codec.id(owner, 'long', n), label: 'Fuller' }
      : { id: codec.id(owner, 'short', n), label: 'Shorter' },
  );
  if (warmer(current.style.tone)) buttons.push({ id: codec.id(owner, 'warm', n), label: 'Warmer' });
  if (plainer(current.style.tone)) buttons.push({ id: codec.id(owner, 'plain', n), label: 'Plainer' });
  buttons.push(
    { id: codec.id(owner, 'save', n), label: current.savedId ? 'Save changes' : 'Save', style: 'primary' },
    { id: codec.id(owner, 'copy', n), label: 'Copy' },
    { id: codec.id(owner, 'del', n), label: 'Delete', style: 'danger' },
  );
  blocks.push({ type: 'buttons', buttons });
  return reply(blocks, 'private', opts.replace ? { replace: true } : {});
}

export function copyReply(kind: DraftKind, drafted: Drafted, name: string): Reply {
  return reply(
    [
      { type: 'text', markdown: 'Your draft as plain text, ready to paste and edit:' },
      { type: 'file', name, mime: 'text/plain', content: neutralize(draftToText(kind, drafted, { notes: false })) },
    ],
    'private',
  );
}

export function listReply(owner: string, saved: SavedDraft[]): Reply {
  if (!saved.length) {
    return reply(
      [
        {
          type: 'text',
          markdown:
            'You have no saved drafts. Start one with `/draft gap`, `/draft failure` or `/draft disclosure`, then press **Save**.',
        },
      ],
      'private',
    );
  }
  const lines = saved.map(
    (s, i) =>
      `${i + 1}. ${neutralize(s.title)} (${KIND_TITLES[s.draft.kind].toLowerCase()}, saved ${s.savedAt.slice(0, 10)}, kept until ${expiresOn(s.savedAt)})`,
  );
  return reply(
    [
      {
        type: 'text',
        markdown: `**Your saved drafts** (${saved.length} of ${MAX_SAVED}; each is kept ${TTL_DAYS} days from its last save, and \`/forget\` deletes them all)\n${lines.join('\n')}\n\nPick one to open it; from there you can copy, edit or delete it.`,
      },
      {
        type: 'select',
        id: codec.id(owner, 'pick', 'list00'),
        placeholder: 'Open a saved draft',
        options: saved.map((s) => ({
          value: s.id,
          label: neutralize(s.title).slice(0, 100),
          description: `${KIND_TITLES[s.draft.kind]}, saved ${s.savedAt.slice(0, 10)}`,
        })),
      },
    ],
    'private',
  );
}
