import { actionId } from '../../core/action-id.js';
import { reply } from '../../core/reply.js';
import { neutralize } from '../../core/sanitize.js';
import type { Block, Button, Reply } from '../../core/types.js';
import { type Drafted, draftToText, KIND_TITLES, VERSION_TITLES } from './draft.js';
import { examName } from './failure.js';
import type { DraftInput, DraftKind } from './fields.js';
import { FORM_STEPS } from './forms.js';
import type { DraftLexicon } from './lexicon.js';
import { countWords, monthName, parseYearMonth } from './prose.js';
import { type CurrentDraft, expiresOn, MAX_SAVED, type SavedDraft, TTL_DAYS } from './records.js';
import { describeStyle, plainer, warmer } from './tone.js';

/** Renders what the member sees: forms, the draft with its buttons, the saved list. Member text is neutralized. */

export const COMMAND = 'draft';

export type Op = 'next' | 'fix1' | 'fix2' | 'edit' | 'short' | 'long' | 'warm' | 'plain' | 'save' | 'copy' | 'del' | 'pick';

const id = (owner: string, ...payload: string[]) => actionId(COMMAND, owner, ...payload);

export function formReply(
  owner: string,
  kind: DraftKind,
  step: number,
  nonce: string,
  values: Record<string, string> = {},
): Reply {
  const def = FORM_STEPS[kind][step - 1];
  if (!def) throw new Error(`no step ${step} for ${kind}`);
  const fields = def.fields.map((f) => (values[f.id] ? { ...f, value: values[f.id] } : { ...f }));
  const last = step === FORM_STEPS[kind].length;
  return reply(
    [{ type: 'form', id: id(owner, `f${step}`, kind, nonce), title: def.title, submitLabel: last ? 'Draft it' : 'Next', fields }],
    'private',
  );
}

export function continueReply(owner: string, nonce: string, kind: DraftKind): Reply {
  return reply(
    [
      {
        type: 'text',
        markdown: `Step 1 of 2 done. Press **Continue** for the second part of the ${KIND_TITLES[kind].toLowerCase()}.`,
      },
      { type: 'buttons', buttons: [{ id: id(owner, 'next', nonce), label: 'Continue', style: 'primary' }] },
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
      { type: 'buttons', buttons: [{ id: id(owner, `fix${step}`, nonce), label: 'Fix answers', style: 'primary' }] },
    ],
    'private',
  );
}

export function draftTitle(d: DraftInput): string {
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
  const buttons: Button[] = [{ id: id(owner, 'edit', n), label: 'Edit' }];
  buttons.push(
    current.style.short ? { id: id(owner, 'long', n), label: 'Fuller' } : { id: id(owner, 'short', n), label: 'Shorter' },
  );
  if (warmer(current.style.tone)) buttons.push({ id: id(owner, 'warm', n), label: 'Warmer' });
  if (plainer(current.style.tone)) buttons.push({ id: id(owner, 'plain', n), label: 'Plainer' });
  buttons.push(
    { id: id(owner, 'save', n), label: current.savedId ? 'Save changes' : 'Save', style: 'primary' },
    { id: id(owner, 'copy', n), label: 'Copy' },
    { id: id(owner, 'del', n), label: 'Delete', style: 'danger' },
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
        id: id(owner, 'pick', 'list00'),
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
