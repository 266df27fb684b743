import type { Guide } from '../../content/guide.js';
import { notice, reply, usageError } from '../../core/reply.js';
import type { Block, Button, Reply } from '../../core/types.js';
import { trackerActions as ids } from './actions.js';
import { trackerCsv } from './csv.js';
import { type Entry, entryName, type FormPart, MAX_ENTRIES, type Plan, type TrackerData } from './entry.js';
import { trackerJson } from './export.js';
import { ENTRY_FIELDS, echo, type FieldDef, fieldsOf, PLAN_FIELDS } from './fields.js';
import { displayName, entryLine, formBlock, planLine, renderEntry } from './render.js';
import { warningsFor } from './warnings.js';

/**
 * The tracker's replies that carry buttons, selects and forms: everything here is made for one
 * member (`owner`, whose id the action ids carry). Plain views without controls are in render.ts.
 */

export type EntryPart = Exclude<FormPart, 'plan'>;
export const ENTRY_PARTS: EntryPart[] = ['program', 'requirements', 'notes'];

export const PART_TITLE: Record<FormPart, string> = {
  program: 'Program and visa (1 of 3)',
  requirements: 'Requirements and informatics (2 of 3)',
  notes: 'Visa wording and notes (3 of 3)',
  plan: 'Your plan',
};
const PART_BUTTON: Record<EntryPart, string> = {
  program: 'Edit program and visa',
  requirements: 'Edit requirements',
  notes: 'Edit notes',
};
export const PLAN_INTRO =
  'Tell me your own situation so I can check each program against it. It stays private, with your tracker.';

export function defsOf(part: FormPart): FieldDef<unknown>[] {
  return (part === 'plan' ? PLAN_FIELDS : fieldsOf(ENTRY_FIELDS, part)) as FieldDef<unknown>[];
}

export function fullReply(): Reply {
  return notice(
    `Your tracker is full: it keeps at most ${MAX_ENTRIES} entries. Remove ones you no longer need (\`/tracker remove t12\`) or export them first (\`/tracker export\`). Nothing was changed.`,
  );
}

export const emptyReply = () => notice('Your tracker is empty. Add a program with `/tracker add`.');
export const stale = (e: Entry) =>
  notice(
    `That button is from before your last change to **${displayName(e)}**, so I left it alone. Here is the current version: \`/tracker show\`.`,
  );
export const gone = () =>
  notice('That entry is no longer in your tracker (it was removed, or your data was deleted with `/forget`).');
export const expired = () =>
  notice('That button belongs to an earlier tracker session and no longer works. Run `/tracker list` to continue.');
export const replaced = () => notice('That form was already saved or replaced by a newer one. Run the command again.');

export function entryButtons(owner: string, e: Entry): Button[] {
  return [
    ...ENTRY_PARTS.map((p) => ({ id: ids.id(owner, 'open', p, e.id, e.rev), label: PART_BUTTON[p] })),
    { id: ids.id(owner, 'ask-rm', e.id, e.rev), label: 'Remove', style: 'danger' as const },
  ];
}

export function editMenu(owner: string, e: Entry): Reply {
  return reply(
    [
      { type: 'text', markdown: `What do you want to change in **${displayName(e)}**?` },
      { type: 'buttons', buttons: entryButtons(owner, e).slice(0, ENTRY_PARTS.length) },
    ],
    'private',
  );
}

/** A whole part at once: a Discord or Slack modal. */
export function partForm(
  owner: string,
  part: FormPart,
  entryId: string,
  rev: number,
  values: Record<string, string>,
  intro: string,
) {
  const id = part === 'plan' ? ids.id(owner, 'plan') : ids.id(owner, 'save', part, entryId, rev);
  return reply([{ type: 'text', markdown: intro }, formBlock(id, PART_TITLE[part], defsOf(part), values)], 'private');
}

/**
 * One field of a part, for forms asked field by field. A `lead` (why it is asked, or asked again)
 * comes with the part's title; the fields after the first come bare, as the next prompt.
 */
export function fieldForm(
  owner: string,
  at: { nonce: string; index: number; part: FormPart },
  def: FieldDef<unknown>,
  value: string,
  lead?: string,
) {
  const blocks: Block[] = lead ? [{ type: 'text', markdown: lead }] : [];
  const title = lead ? PART_TITLE[at.part] : '';
  blocks.push(formBlock(ids.id(owner, 'field', at.nonce, at.index), title, [def], { [def.key]: value }, 'Next'));
  return reply(blocks, 'private');
}

export function notFound(data: TrackerData, ref: string): Reply {
  if (!data.entries.length) return emptyReply();
  const some = data.entries
    .slice(-10)
    .map((e) => `\`${e.id}\` ${displayName(e)}`)
    .join(', ');
  return usageError(`\`entry\`: no entry matches ${echo(ref)}. Your latest: ${some}. Use the id, like \`/tracker show t1\`.`);
}

export function ambiguous(matches: Entry[], ref: string): Reply {
  const list = matches
    .slice(0, 10)
    .map((e) => `\`${e.id}\` ${displayName(e)}`)
    .join(', ');
  return usageError(
    `\`entry\`: ${echo(ref)} matches several entries: ${list}. Use the id, like \`/tracker show ${matches[0]?.id}\`.`,
  );
}

/** A select of recent entries when a command needs one and none was named. */
export function pickEntry(owner: string, data: TrackerData, verb: 'show' | 'edit' | 'remove'): Reply {
  if (!data.entries.length) return emptyReply();
  const options = [...data.entries]
    .reverse()
    .slice(0, 25)
    .map((e) => ({ value: e.id, label: `${e.id} ${entryName(e)}`.slice(0, 100) }));
  return reply(
    [{ type: 'select', id: ids.id(owner, 'pick', verb), placeholder: `Which entry do you want to ${verb}?`, options }],
    'private',
  );
}

function compactWarnings(e: Entry, plan: Plan | undefined): Block[] {
  const ws = warningsFor(e, plan);
  if (!ws.length) return [];
  return [
    {
      type: 'text',
      markdown: `⚠ ${ws.map((w) => `**${w.title}**: ${w.message}`).join('\n⚠ ')}\nSources, and any email draft: \`/tracker show ${e.id}\``,
    },
  ];
}

/** After a form step: what was saved, its warnings, and buttons for the steps still open. */
export function stepSaved(owner: string, e: Entry, plan: Plan | undefined, part: EntryPart, isNew: boolean): Reply {
  const next: Button[] = [];
  if (part === 'program') {
    next.push({ id: ids.id(owner, 'open', 'requirements', e.id, e.rev), label: 'Next: requirements', style: 'primary' });
    next.push({ id: ids.id(owner, 'open', 'notes', e.id, e.rev), label: 'Skip to notes' });
  } else if (part === 'requirements') {
    next.push({ id: ids.id(owner, 'open', 'notes', e.id, e.rev), label: 'Next: notes', style: 'primary' });
  }
  next.push({ id: ids.id(owner, 'show', e.id), label: 'Done' });
  return reply(
    [
      { type: 'text', markdown: `${isNew ? 'Saved' : 'Updated'} **${displayName(e)}** as \`${e.id}\`.` },
      ...compactWarnings(e, plan),
      { type: 'buttons', buttons: next },
    ],
    'private',
  );
}

/** Shown beside an entry without being saved into it (public data about the institution). */
export type Aside = (e: Entry) => string | undefined;

export function showEntry(owner: string, e: Entry, plan: Plan | undefined, guide: Guide, lead?: string, aside?: Aside) {
  const r = renderEntry(e, plan, guide, entryButtons(owner, e));
  const blocks: Block[] = [...(lead ? [{ type: 'text' as const, markdown: lead }] : []), ...r.blocks];
  const extra = aside?.(e);
  if (extra) {
    const at = blocks.findIndex((b) => b.type === 'buttons');
    blocks.splice(at < 0 ? blocks.length : at, 0, { type: 'text', markdown: extra });
  }
  return { ...r, blocks };
}

export function confirmRemove(owner: string, e: Entry): Reply {
  return reply(
    [
      { type: 'text', markdown: `Remove **${displayName(e)}** (\`${e.id}\`) from your tracker? This cannot be undone.` },
      {
        type: 'buttons',
        buttons: [
          { id: ids.id(owner, 'rm', e.id, e.rev), label: 'Remove', style: 'danger' },
          { id: ids.id(owner, 'keep', e.id), label: 'Keep it' },
        ],
      },
    ],
    'private',
  );
}

export function retryReply(owner: string, nonce: string, problems: string[], lead: string, cut: string[]): Reply {
  const cutNote = cut.length ? `\n_The form keeps the first characters of ${cut.join(', ')} so you can shorten it._` : '';
  return reply(
    [
      {
        type: 'text',
        markdown: `${problems.length ? `Please fix:\n${problems.map((p) => `- ${p}`).join('\n')}\n` : ''}${lead}${cutNote}`,
      },
      { type: 'buttons', buttons: [{ id: ids.id(owner, 'retry', nonce), label: 'Fix it', style: 'primary' }] },
    ],
    'private',
  );
}

export function planSaved(entries: Entry[], plan: Plan, lead: string): Reply {
  const flagged = entries.filter((e) => warningsFor(e, plan).length);
  const lines = flagged.slice(0, 15).map((e) => entryLine(e, warningsFor(e, plan)));
  const summary = entries.length
    ? `${flagged.length} of ${entries.length} entries have warnings${lines.length ? `:\n${lines.join('\n')}` : '.'}`
    : 'Add programs with `/tracker add` and I will check each against this plan.';
  return reply([{ type: 'text', markdown: `${lead}\n${planLine(plan)}\n\n${summary}` }], 'private');
}

/** The spreadsheet, and for scripts (`--json`) the entries with their warnings as `data`. */
export function exportReply(data: TrackerData): Reply {
  const json = trackerJson(data);
  if (!data.entries.length) {
    return { ...notice('Your tracker is empty, so there is nothing to export yet.'), data: json };
  }
  return reply(
    [
      { type: 'text', markdown: `Your tracker: ${data.entries.length} entries as a spreadsheet (CSV).` },
      { type: 'file', name: 'img-advisor-tracker.csv', mime: 'text/csv', content: trackerCsv(data.entries, data.plan) },
    ],
    'private',
    { data: json },
  );
}
