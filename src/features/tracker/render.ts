import type { Guide } from '../../content/guide.js';
import { VISA_REMINDER } from '../../content/scope.js';
import { reply } from '../../core/reply.js';
import { neutralize } from '../../core/sanitize.js';
import type { Block, Button, FormField, Reply } from '../../core/types.js';
import { type CapStatus, type Entry, entryName, MAX_ENTRIES, type Plan, type VisaPolicy } from './entry.js';
import { type FieldDef, showStep3Plan, showStep3Rule } from './fields.js';
import { type TrackerWarning, warningsFor } from './warnings.js';

export const PAGE_SIZE = 20;

const VISA_LABEL: Record<VisaPolicy, string> = {
  h1b: 'H-1B',
  j1: 'J-1 only',
  both: 'H-1B and J-1',
  none: 'no visa sponsorship',
  unknown: 'visa policy unknown',
};
const CAP_LABEL: Record<CapStatus, string> = { exempt: 'cap-exempt', subject: 'cap-subject', unknown: 'cap status unknown' };
const NEED_LABEL: Record<Plan['need'], string> = {
  h1b: 'you need an H-1B (no J-1)',
  'h1b-or-j1': 'you want an H-1B and would accept a J-1',
  j1: 'you plan on a J-1',
  none: 'you need no visa sponsorship',
};
const STATUS_LABEL: Record<Plan['status'], string> = {
  'h1b-cap-exempt': 'now on a cap-exempt H-1B',
  'h1b-cap-subject': 'now on a cap-subject H-1B',
  j1: 'now on a J-1',
  other: 'now on another status',
  none: 'no current U.S. visa',
};

/** Member-entered text, safe to echo (no pings, links or broken formatting). */
const safe = (s: string) => neutralize(s);

export function displayName(e: Entry): string {
  return safe(entryName(e));
}

export function planLine(plan: Plan | undefined): string {
  if (!plan)
    return '_No plan yet: `/tracker plan` tells me which visa you need and when Step 3 is, so I can check each program against it._';
  const step3 =
    plan.step3 === 'passed'
      ? 'Step 3 passed'
      : plan.step3 === 'planned'
        ? `Step 3 planned for ${plan.step3Date}`
        : 'Step 3 not yet planned';
  return `_Your plan: ${NEED_LABEL[plan.need]}; ${STATUS_LABEL[plan.status]}; ${step3}._`;
}

export function entryLine(e: Entry, warnings: TrackerWarning[]): string {
  const where = e.location ? ` (${safe(e.location)})` : '';
  const flag = warnings.length ? ` · ⚠ ${warnings.map((w) => w.title).join(', ')}` : '';
  return `- \`${e.id}\` **${displayName(e)}**${where}: ${VISA_LABEL[e.visa]}, ${CAP_LABEL[e.cap]}${flag}`;
}

export function renderList(entries: Entry[], plan: Plan | undefined, page: number): Reply {
  if (!entries.length) {
    return reply(
      [
        {
          type: 'text',
          markdown:
            'Your tracker is empty. Add a program with `/tracker add`, or quickly: `/tracker add institution:"Mercy General" visa:h1b cap:exempt`.',
        },
        { type: 'text', markdown: planLine(plan) },
      ],
      'private',
    );
  }
  const sorted = [...entries].sort((a, b) => a.institution.localeCompare(b.institution) || a.id.localeCompare(b.id));
  const pages = Math.ceil(sorted.length / PAGE_SIZE);
  const p = Math.min(Math.max(page, 1), pages);
  const shown = sorted.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE);
  const flagged = entries.filter((e) => warningsFor(e, plan).length).length;
  const head = `**Your tracker**: ${entries.length} of ${MAX_ENTRIES} entries, ${flagged} with warnings${pages > 1 ? ` · page ${p} of ${pages}` : ''}`;
  const lines = shown.map((e) => entryLine(e, warningsFor(e, plan)));
  const more = p < pages ? `\nMore: \`/tracker list ${p + 1}\`` : '';
  return reply(
    [
      { type: 'text', markdown: `${head}\n${lines.join('\n')}${more}` },
      {
        type: 'text',
        markdown: `${planLine(plan)}\nDetails and drafts: \`/tracker show t1\` · spreadsheet: \`/tracker export\``,
      },
    ],
    'private',
  );
}

function sourceItems(ids: string[], guide: Guide) {
  const titles = new Map(guide.sources.map((s) => [s.id, s.title]));
  return [...new Set(ids)].flatMap((id) => {
    const s = guide.byId.get(id);
    return s ? [{ id, title: s.title, guide: titles.get(s.source) ?? s.source, reviewed: s.reviewed }] : [];
  });
}

const orDash = (s: string) => (s ? safe(s) : '—');
const yesNo = (v: string) => (v === 'unknown' ? '—' : v);

/** Warnings as a list, then any coordinator email drafted for an unknown policy. */
export function warningBlocks(warnings: TrackerWarning[], guide: Guide): Block[] {
  if (!warnings.length) return [];
  const blocks: Block[] = [
    { type: 'text', markdown: `**Warnings**\n${warnings.map((w) => `- **${w.title}**: ${w.message}`).join('\n')}` },
  ];
  for (const w of warnings) {
    if (w.email)
      blocks.push({ type: 'text', markdown: `**Draft email to the coordinator** (edit before sending)\n${safe(w.email)}` });
  }
  blocks.push({
    type: 'sources',
    items: sourceItems(
      warnings.flatMap((w) => w.sections),
      guide,
    ),
  });
  blocks.push({ type: 'text', markdown: `_${VISA_REMINDER}_` });
  return blocks;
}

export function renderEntry(e: Entry, plan: Plan | undefined, guide: Guide, buttons: Button[]): Reply {
  const warnings = warningsFor(e, plan);
  const blocks: Block[] = [
    { type: 'text', markdown: `\`${e.id}\` **${displayName(e)}**` },
    {
      type: 'fields',
      fields: [
        { label: 'City/state', value: orDash(e.location) },
        { label: 'Visas', value: VISA_LABEL[e.visa] },
        { label: 'H-1B cap', value: CAP_LABEL[e.cap] },
        { label: 'Step 3', value: e.step3 === 'unknown' ? '—' : showStep3Rule(e) },
        { label: 'U.S. clinical experience', value: orDash(e.usce) },
        { label: 'Graduation-year limit', value: orDash(e.grad) },
        { label: 'CI fellowship on site', value: yesNo(e.ci) },
        { label: 'CMIO or informatics faculty', value: yesNo(e.cmio) },
        { label: 'Informatics projects', value: orDash(e.projects) },
        { label: 'Visa wording', value: orDash(e.policy) },
      ],
    },
  ];
  if (e.notes) blocks.push({ type: 'text', markdown: `**Notes**\n${safe(e.notes)}` });
  const hint =
    e.step3 === 'before-ranking' && !e.step3By && plan?.step3 === 'planned'
      ? `\n_Add the program's Step 3 deadline (\`/tracker edit ${e.id} step3:"before ranking 2027-02-15"\`) and I will compare it with your date._`
      : '';
  blocks.push({ type: 'text', markdown: `${warnings.length ? '' : 'No warnings for this entry.\n'}${planLine(plan)}${hint}` });
  blocks.push(...warningBlocks(warnings, guide));
  if (buttons.length) blocks.push({ type: 'buttons', buttons });
  return reply(blocks, 'private');
}

export function formBlock<T>(
  id: string,
  title: string,
  defs: FieldDef<T>[],
  values: Record<string, string>,
  submitLabel = 'Save',
): Block {
  const fields: FormField[] = defs.map((d) => ({
    id: d.key,
    label: d.label,
    style: d.style,
    required: d.required ?? false,
    maxLength: d.maxLength,
    placeholder: d.placeholder,
    value: values[d.key] || undefined,
  }));
  return { type: 'form', id, title, submitLabel, fields };
}

export function planValues(plan: Plan | undefined): Record<string, string> {
  return plan ? { need: plan.need, status: plan.status, step3: showStep3Plan(plan) } : {};
}
