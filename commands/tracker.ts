import { z } from 'zod';
import { getEngine } from '../src/answer/service.js';
import { actionId } from '../src/core/action-id.js';
import { type CommandDefinition, type Ctx, defineCommand, type Replies, subcommand } from '../src/core/command.js';
import { notice, reply, usageError } from '../src/core/reply.js';
import { neutralize } from '../src/core/sanitize.js';
import type { Block, Button, Reply } from '../src/core/types.js';
import { runViaRouter } from '../src/features/planning/one-shot.js';
import { filingHistory } from '../src/features/sponsors/service.js';
import { trackerCsv } from '../src/features/tracker/csv.js';
import {
  blankEntry,
  CAP_STATUSES,
  type Entry,
  entryName,
  type FormPart,
  LIMITS,
  MAX_ENTRIES,
  NEEDS,
  type Plan,
  STATUSES,
  type TrackerData,
  VISA_POLICIES,
  YES_NO,
} from '../src/features/tracker/entry.js';
import { trackerJson } from '../src/features/tracker/export.js';
import { applyFields, ENTRY_FIELDS, echo, type FieldDef, fieldsOf, PLAN_FIELDS } from '../src/features/tracker/fields.js';
import { findEntry, loadTracker, newNonce, RESET_NOTE, saveTracker, suggestEntries } from '../src/features/tracker/records.js';
import {
  displayName,
  entryLine,
  formBlock,
  planLine,
  planValues,
  renderEntry,
  renderList,
} from '../src/features/tracker/render.js';
import { warningsFor } from '../src/features/tracker/warnings.js';

const NAME = 'tracker';
/** The starting point when a member sets part of a plan before having one (need is then required). */
const DEFAULT_PLAN: Plan = { need: 'h1b', status: 'none', step3: 'not-yet' };
type EntryPart = Exclude<FormPart, 'plan'>;
const ENTRY_PARTS: EntryPart[] = ['program', 'requirements', 'notes'];
const PART_TITLE: Record<FormPart, string> = {
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

// ---- options -------------------------------------------------------------------------------

const text = (max: number, description: string) => z.string().trim().max(max).optional().meta({ description });

/** The entry fields as options, for quick adds and edits: `/tracker add institution:"Mercy General" visa:h1b`. */
function fieldOptions(institutionTakesRest: boolean) {
  return {
    institution: z
      .string()
      .trim()
      .max(LIMITS.institution)
      .optional()
      .meta({ description: 'Institution name', rest: institutionTakesRest }),
    location: text(LIMITS.location, 'City and state, e.g. Boston, MA'),
    program: text(LIMITS.program, 'Residency specialty or CI fellowship'),
    visa: z.enum(VISA_POLICIES).optional().meta({ description: 'Visas the program accepts' }),
    cap: z.enum(CAP_STATUSES).optional().meta({ description: 'H-1B cap status' }),
    step3: text(60, 'Step 3 needed: before ranking, by contract, not required, or a date'),
    usce: text(LIMITS.usce, 'U.S. clinical experience requirement'),
    grad: text(LIMITS.grad, 'Graduation-year limit'),
    ci: z.enum(YES_NO).optional().meta({ description: 'Clinical informatics fellowship on site?' }),
    cmio: z.enum(YES_NO).optional().meta({ description: 'CMIO or informatics faculty?' }),
    policy: text(LIMITS.policy, "Visa policy in the program's own words"),
    projects: text(LIMITS.projects, 'Informatics projects, committees, faculty'),
    notes: text(LIMITS.notes, 'Your notes from emails or calls'),
  };
}

const entryRef = (required: boolean) => {
  const s = z.string().trim().max(120);
  const meta = { description: 'Entry id (t3) or name', autocomplete: true, rest: true };
  return required ? s.min(1).meta(meta) : s.optional().meta(meta);
};

/** Only the entry fields the member actually gave, as text for the shared parsers. */
function givenFields(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ENTRY_FIELDS) if (input[f.key] !== undefined) out[f.key] = String(input[f.key]);
  return out;
}

// ---- replies -------------------------------------------------------------------------------

async function guideOf(ctx: Ctx) {
  return (await getEngine(ctx.config.contentDir)).guide;
}

const withReset = (wasReset: boolean, out: Reply | Reply[]): Replies =>
  wasReset ? [notice(RESET_NOTE), ...(Array.isArray(out) ? out : [out])] : out;

function fullReply(): Reply {
  return notice(
    `Your tracker is full: it keeps at most ${MAX_ENTRIES} entries. Remove ones you no longer need (\`/tracker remove t12\`) or export them first (\`/tracker export\`). Nothing was changed.`,
  );
}

function entryButtons(ctx: Ctx, e: Entry): Button[] {
  return [
    ...ENTRY_PARTS.map((p) => ({ id: actionId(NAME, ctx.user.id, 'open', p, e.id, String(e.rev)), label: PART_BUTTON[p] })),
    { id: actionId(NAME, ctx.user.id, 'ask-rm', e.id, String(e.rev)), label: 'Remove', style: 'danger' as const },
  ];
}

function partForm(ctx: Ctx, part: EntryPart, entryId: string, rev: number, values: Record<string, string>, intro: string): Reply {
  return reply(
    [
      { type: 'text', markdown: intro },
      formBlock(
        actionId(NAME, ctx.user.id, 'save', part, entryId, String(rev)),
        PART_TITLE[part],
        fieldsOf(ENTRY_FIELDS, part),
        values,
      ),
    ],
    'private',
  );
}

function planForm(ctx: Ctx, values: Record<string, string>): Reply {
  return reply(
    [
      {
        type: 'text',
        markdown: 'Tell me your own situation so I can check each program against it. It stays private, with your tracker.',
      },
      formBlock(actionId(NAME, ctx.user.id, 'plan'), PART_TITLE.plan, PLAN_FIELDS, values),
    ],
    'private',
  );
}

function valuesOf<T>(defs: FieldDef<T>[], value: T): Record<string, string> {
  return Object.fromEntries(defs.map((d) => [d.key, d.show(value)]));
}

function notFound(data: TrackerData, ref: string): Reply {
  if (!data.entries.length) return notice('Your tracker is empty. Add a program with `/tracker add`.');
  const some = data.entries
    .slice(-10)
    .map((e) => `\`${e.id}\` ${displayName(e)}`)
    .join(', ');
  return usageError(`\`entry\`: no entry matches ${echo(ref)}. Your latest: ${some}. Use the id, like \`/tracker show t1\`.`);
}

function ambiguous(matches: Entry[], ref: string): Reply {
  const list = matches
    .slice(0, 10)
    .map((e) => `\`${e.id}\` ${displayName(e)}`)
    .join(', ');
  return usageError(
    `\`entry\`: ${echo(ref)} matches several entries: ${list}. Use the id, like \`/tracker show ${matches[0]?.id}\`.`,
  );
}

function resolve(data: TrackerData, ref: string): { entry: Entry } | { reply: Reply } {
  const found = findEntry(data.entries, ref);
  if (found.kind === 'found') return { entry: found.entry };
  return { reply: found.kind === 'ambiguous' ? ambiguous(found.matches, ref) : notFound(data, ref) };
}

/** A select of recent entries when a command needs one and none was named. */
function pickEntry(ctx: Ctx, data: TrackerData, verb: 'show' | 'edit' | 'remove'): Reply {
  if (!data.entries.length) return notice('Your tracker is empty. Add a program with `/tracker add`.');
  const options = [...data.entries]
    .reverse()
    .slice(0, 25)
    .map((e) => ({ value: e.id, label: `${e.id} ${entryName(e)}`.slice(0, 100) }));
  return reply(
    [
      {
        type: 'select',
        id: actionId(NAME, ctx.user.id, 'pick', verb),
        placeholder: `Which entry do you want to ${verb}?`,
        options,
      },
    ],
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
function stepSaved(ctx: Ctx, e: Entry, plan: Plan | undefined, part: EntryPart, isNew: boolean): Reply {
  const next: Button[] = [];
  if (part === 'program') {
    next.push({
      id: actionId(NAME, ctx.user.id, 'open', 'requirements', e.id, String(e.rev)),
      label: 'Next: requirements',
      style: 'primary',
    });
    next.push({ id: actionId(NAME, ctx.user.id, 'open', 'notes', e.id, String(e.rev)), label: 'Skip to notes' });
  } else if (part === 'requirements') {
    next.push({ id: actionId(NAME, ctx.user.id, 'open', 'notes', e.id, String(e.rev)), label: 'Next: notes', style: 'primary' });
  }
  next.push({ id: actionId(NAME, ctx.user.id, 'show', e.id), label: 'Done' });
  const verb = isNew ? 'Saved' : 'Updated';
  return reply(
    [
      { type: 'text', markdown: `${verb} **${displayName(e)}** as \`${e.id}\`.` },
      ...compactWarnings(e, plan),
      { type: 'buttons', buttons: next },
    ],
    'private',
  );
}

async function showEntry(ctx: Ctx, e: Entry, plan: Plan | undefined, lead?: string): Promise<Reply> {
  const r = renderEntry(e, plan, await guideOf(ctx), entryButtons(ctx, e));
  // Public filing data about the institution, when imported: shown beside the entry, never saved into it.
  const history = filingHistory(ctx.config.sponsorsDbPath, e.institution);
  const blocks: Block[] = [...(lead ? [{ type: 'text' as const, markdown: lead }] : []), ...r.blocks];
  if (history) {
    const buttons = blocks.findIndex((b) => b.type === 'buttons');
    blocks.splice(buttons < 0 ? blocks.length : buttons, 0, { type: 'text', markdown: history });
  }
  return { ...r, blocks };
}

/** Keeps a failed form's values (cut to each field's limit) so "Fix it" reopens it filled in. */
async function keepForRetry(
  ctx: Ctx,
  data: TrackerData,
  part: FormPart,
  entryId: string,
  fields: Record<string, string>,
  problems: string[],
  lead = 'Nothing was saved yet; your other entries are unchanged.',
): Promise<Reply> {
  const defs: FieldDef<unknown>[] =
    part === 'plan' ? (PLAN_FIELDS as FieldDef<unknown>[]) : (fieldsOf(ENTRY_FIELDS, part) as FieldDef<unknown>[]);
  const kept: Record<string, string> = {};
  const cut: string[] = [];
  for (const d of defs) {
    const v = fields[d.key];
    if (v === undefined) continue;
    kept[d.key] = v.slice(0, d.maxLength);
    if (v.length > d.maxLength) cut.push(d.name);
  }
  const nonce = newNonce();
  await saveTracker(ctx, { ...data, retry: { nonce, part, entryId, fields: kept } });
  const cutNote = cut.length ? `\n_The form keeps the first characters of ${cut.join(', ')} so you can shorten it._` : '';
  return reply(
    [
      {
        type: 'text',
        markdown: `${problems.length ? `Please fix:\n${problems.map((p) => `- ${p}`).join('\n')}\n` : ''}${lead}${cutNote}`,
      },
      { type: 'buttons', buttons: [{ id: actionId(NAME, ctx.user.id, 'retry', nonce), label: 'Fix it', style: 'primary' }] },
    ],
    'private',
  );
}

// ---- subcommands ---------------------------------------------------------------------------

const add = subcommand({
  name: 'add',
  description: 'Add a program to your tracker: a short form, or options for a quick add',
  examples: ['/tracker add', '/tracker add institution:"Mercy General" visa:h1b cap:exempt'],
  options: z.object(fieldOptions(true)),
  async run(input, ctx) {
    const { data, wasReset } = await loadTracker(ctx);
    if (data.entries.length >= MAX_ENTRIES) return withReset(wasReset, fullReply());
    const raw = givenFields(input);
    if (!Object.keys(raw).length) {
      return withReset(wasReset, partForm(ctx, 'program', 'new', 0, {}, 'Three short steps; only the institution is required.'));
    }
    if (!raw.institution) {
      return usageError(
        '`institution` is missing: every entry needs one.\nExample: `/tracker add institution:"Mercy General" visa:h1b cap:exempt`',
      );
    }
    const applied = applyFields(ENTRY_FIELDS, blankEntry(`t${data.nextId}`, '', ctx.now()), raw);
    if (!applied.ok) return usageError(`Nothing was saved. Please fix:\n${applied.problems.map((p) => `- ${p}`).join('\n')}`);
    const entry = applied.value;
    await saveTracker(ctx, { ...data, entries: [...data.entries, entry], nextId: data.nextId + 1, retry: undefined });
    ctx.log.info({ command: NAME, sub: 'add', via: 'options', entries: data.entries.length + 1 }, 'tracker entry added');
    return withReset(wasReset, await showEntry(ctx, entry, data.plan, `Saved as \`${entry.id}\`.`));
  },
});

const list = subcommand({
  name: 'list',
  description: 'Your tracked programs with their visa policies and warnings',
  examples: ['/tracker list', '/tracker list 2'],
  options: z.object({ page: z.number().int().min(1).max(10).optional().meta({ description: 'Page (20 entries each)' }) }),
  async run({ page }, ctx) {
    const { data, wasReset } = await loadTracker(ctx);
    return withReset(wasReset, renderList(data.entries, data.plan, page ?? 1));
  },
});

const show = subcommand({
  name: 'show',
  description: 'One entry in full: requirements, warnings, sources and a drafted email when needed',
  examples: ['/tracker show t1', '/tracker show Mercy General'],
  options: z.object({ entry: entryRef(false) }),
  async run({ entry: ref }, ctx) {
    const { data, wasReset } = await loadTracker(ctx);
    if (!ref) return withReset(wasReset, pickEntry(ctx, data, 'show'));
    const r = resolve(data, ref);
    return 'reply' in r ? r.reply : showEntry(ctx, r.entry, data.plan);
  },
});

const edit = subcommand({
  name: 'edit',
  description: 'Change an entry: with options at once, or through its forms',
  examples: ['/tracker edit t1 cap:subject', '/tracker edit "Mercy General" notes:"Coordinator replied"'],
  options: z.object({ entry: entryRef(false), ...fieldOptions(false) }),
  async run(input, ctx) {
    const { data, wasReset } = await loadTracker(ctx);
    if (!input.entry) return withReset(wasReset, pickEntry(ctx, data, 'edit'));
    const r = resolve(data, input.entry);
    if ('reply' in r) return r.reply;
    const raw = givenFields(input);
    if (!Object.keys(raw).length) {
      return reply(
        [
          { type: 'text', markdown: `What do you want to change in **${displayName(r.entry)}**?` },
          { type: 'buttons', buttons: entryButtons(ctx, r.entry).slice(0, ENTRY_PARTS.length) },
        ],
        'private',
      );
    }
    const applied = applyFields(ENTRY_FIELDS, r.entry, raw);
    if (!applied.ok) return usageError(`Nothing was changed. Please fix:\n${applied.problems.map((p) => `- ${p}`).join('\n')}`);
    const entry = { ...applied.value, rev: r.entry.rev + 1, updated: ctx.now().toISOString() };
    await saveTracker(ctx, { ...data, entries: data.entries.map((e) => (e.id === entry.id ? entry : e)) });
    ctx.log.info({ command: NAME, sub: 'edit', via: 'options', fields: applied.changed.length }, 'tracker entry edited');
    return showEntry(ctx, entry, data.plan, 'Updated.');
  },
});

async function removeNow(ctx: Ctx, data: TrackerData, e: Entry): Promise<Reply> {
  await saveTracker(ctx, { ...data, entries: data.entries.filter((x) => x.id !== e.id) });
  ctx.log.info({ command: NAME, sub: 'remove', entries: data.entries.length - 1 }, 'tracker entry removed');
  return notice(`Removed **${displayName(e)}** (\`${e.id}\`). ${data.entries.length - 1} entries left.`);
}

function confirmRemove(ctx: Ctx, e: Entry): Reply {
  return reply(
    [
      { type: 'text', markdown: `Remove **${displayName(e)}** (\`${e.id}\`) from your tracker? This cannot be undone.` },
      {
        type: 'buttons',
        buttons: [
          { id: actionId(NAME, ctx.user.id, 'rm', e.id, String(e.rev)), label: 'Remove', style: 'danger' },
          { id: actionId(NAME, ctx.user.id, 'keep', e.id), label: 'Keep it' },
        ],
      },
    ],
    'private',
  );
}

const remove = subcommand({
  name: 'remove',
  description: 'Remove an entry (asks first; confirm:true skips the question)',
  examples: ['/tracker remove t1', '/tracker remove t1 confirm:true'],
  options: z.object({
    entry: entryRef(false),
    confirm: z.boolean().optional().meta({ description: 'Remove without asking' }),
  }),
  async run({ entry: ref, confirm }, ctx) {
    const { data, wasReset } = await loadTracker(ctx);
    if (!ref) return withReset(wasReset, pickEntry(ctx, data, 'remove'));
    const r = resolve(data, ref);
    if ('reply' in r) return r.reply;
    return confirm ? removeNow(ctx, data, r.entry) : confirmRemove(ctx, r.entry);
  },
});

const exportCsv = subcommand({
  name: 'export',
  description: 'Your tracker as a CSV spreadsheet file, warnings included',
  examples: ['/tracker export'],
  options: z.object({}),
  async run(_input, ctx) {
    const { data, wasReset } = await loadTracker(ctx);
    if (!data.entries.length) return withReset(wasReset, notice('Your tracker is empty, so there is nothing to export yet.'));
    ctx.log.info({ command: NAME, sub: 'export', entries: data.entries.length }, 'tracker exported');
    return reply(
      [
        { type: 'text', markdown: `Your tracker: ${data.entries.length} entries as a spreadsheet (CSV).` },
        { type: 'file', name: 'img-advisor-tracker.csv', mime: 'text/csv', content: trackerCsv(data.entries, data.plan) },
      ],
      'private',
    );
  },
});

async function savePlan(ctx: Ctx, data: TrackerData, plan: Plan, lead: string): Promise<Reply> {
  await saveTracker(ctx, { ...data, plan, retry: undefined });
  ctx.log.info({ command: NAME, sub: 'plan' }, 'tracker plan saved');
  const flagged = data.entries.filter((e) => warningsFor(e, plan).length);
  const lines = flagged.slice(0, 15).map((e) => entryLine(e, warningsFor(e, plan)));
  const summary = data.entries.length
    ? `${flagged.length} of ${data.entries.length} entries have warnings${lines.length ? `:\n${lines.join('\n')}` : '.'}`
    : 'Add programs with `/tracker add` and I will check each against this plan.';
  return reply([{ type: 'text', markdown: `${lead}\n${planLine(plan)}\n\n${summary}` }], 'private');
}

const plan = subcommand({
  name: 'plan',
  description: 'Your own plan (visa you need, current visa, Step 3 date), used for the warnings',
  examples: ['/tracker plan', '/tracker plan need:h1b status:none step3:2027-03-15'],
  options: z.object({
    need: z.enum(NEEDS).optional().meta({ description: 'Visa you need: h1b only, h1b-or-j1, j1, or none' }),
    status: z.enum(STATUSES).optional().meta({ description: 'Your current U.S. visa, if any' }),
    step3: z.string().trim().max(30).optional().meta({ description: 'Step 3: passed, a planned date (YYYY-MM-DD), or not yet' }),
  }),
  async run(input, ctx) {
    const { data, wasReset } = await loadTracker(ctx);
    const raw = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Record<string, string>;
    if (!Object.keys(raw).length) return withReset(wasReset, planForm(ctx, planValues(data.plan)));
    if (!data.plan && !raw.need) {
      return usageError(
        '`need` is missing: first say which visa you need (h1b, h1b-or-j1, j1 or none).\nExample: `/tracker plan need:h1b step3:2027-03-15`',
      );
    }
    const base: Plan = data.plan ?? DEFAULT_PLAN;
    const applied = applyFields(PLAN_FIELDS, base, raw);
    if (!applied.ok)
      return usageError(`Your plan was not changed. Please fix:\n${applied.problems.map((p) => `- ${p}`).join('\n')}`);
    return withReset(wasReset, await savePlan(ctx, data, applied.value, 'Saved your plan.'));
  },
});

// ---- buttons and forms -----------------------------------------------------------------------

const partSchema = z.enum(['program', 'requirements', 'notes']);
const idSchema = z.string().regex(/^t[1-9]\d{0,6}$/);
const revSchema = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);
const openPayload = z.tuple([partSchema, idSchema, revSchema]);
const savePayload = z.tuple([partSchema, z.union([idSchema, z.literal('new')]), revSchema]);
const stale = (what: string) =>
  notice(
    `That button is from before your last change to ${what}, so I left it alone. Here is the current version: \`/tracker show\`.`,
  );
const gone = () => notice('That entry is no longer in your tracker (it was removed, or your data was deleted with `/forget`).');
const expired = () =>
  notice('That button belongs to an earlier tracker session and no longer works. Run `/tracker list` to continue.');

async function onAction(payload: string[], values: string[] | undefined, ctx: Ctx): Promise<Replies> {
  const [kind, ...rest] = payload;
  const { data } = await loadTracker(ctx);
  const byId = (id: string) => data.entries.find((e) => e.id === id);
  switch (kind) {
    case 'open': {
      const p = openPayload.safeParse(rest);
      if (!p.success) return expired();
      const [part, id, rev] = p.data;
      const e = byId(id);
      if (!e) return gone();
      if (e.rev !== rev) return stale(`**${displayName(e)}**`);
      return partForm(ctx, part, e.id, e.rev, valuesOf(fieldsOf(ENTRY_FIELDS, part), e), `Editing **${displayName(e)}**.`);
    }
    case 'show': {
      const e = idSchema.safeParse(rest[0]).success ? byId(rest[0] ?? '') : undefined;
      return e ? showEntry(ctx, e, data.plan) : gone();
    }
    case 'ask-rm':
    case 'rm': {
      const p = z.tuple([idSchema, revSchema]).safeParse(rest);
      if (!p.success) return expired();
      const e = byId(p.data[0]);
      if (!e) return gone();
      if (e.rev !== p.data[1]) return stale(`**${displayName(e)}**`);
      return kind === 'rm' ? removeNow(ctx, data, e) : confirmRemove(ctx, e);
    }
    case 'keep': {
      const e = byId(rest[0] ?? '');
      return e ? notice(`Kept **${displayName(e)}**.`) : gone();
    }
    case 'retry': {
      const r = data.retry;
      if (!r || r.nonce !== rest[0])
        return notice('That form was already saved or replaced by a newer one. Run the command again.');
      if (r.part === 'plan') return planForm(ctx, r.fields);
      if (r.entryId === 'new') return partForm(ctx, r.part, 'new', 0, r.fields, 'Here is what you typed; fix the marked field.');
      const e = byId(r.entryId);
      if (!e) return gone();
      return partForm(
        ctx,
        r.part,
        e.id,
        e.rev,
        r.fields,
        `Here is what you typed for **${displayName(e)}**; fix the marked field.`,
      );
    }
    case 'plan':
      return planForm(ctx, planValues(data.plan));
    case 'pick': {
      const verb = z.enum(['show', 'edit', 'remove']).safeParse(rest[0]);
      const id = idSchema.safeParse(values?.[0]);
      if (!verb.success || !id.success) return expired();
      const e = byId(id.data);
      if (!e) return gone();
      if (verb.data === 'show') return showEntry(ctx, e, data.plan);
      if (verb.data === 'remove') return confirmRemove(ctx, e);
      return reply(
        [
          { type: 'text', markdown: `What do you want to change in **${displayName(e)}**?` },
          { type: 'buttons', buttons: entryButtons(ctx, e).slice(0, ENTRY_PARTS.length) },
        ],
        'private',
      );
    }
    default:
      return expired();
  }
}

async function onSubmit(payload: string[], fields: Record<string, string>, ctx: Ctx): Promise<Replies> {
  const [kind, ...rest] = payload;
  const { data } = await loadTracker(ctx);
  if (kind === 'plan') {
    // A missing field counts as empty, so a required one is reported rather than silently defaulted.
    const typed = Object.fromEntries(PLAN_FIELDS.map((d) => [d.key, fields[d.key] ?? '']));
    const applied = applyFields(PLAN_FIELDS, data.plan ?? DEFAULT_PLAN, typed);
    if (!applied.ok) return keepForRetry(ctx, data, 'plan', '-', typed, applied.problems, 'Your plan was not changed.');
    return savePlan(ctx, data, applied.value, 'Saved your plan.');
  }
  const p = kind === 'save' ? savePayload.safeParse(rest) : undefined;
  if (!p?.success) return expired();
  const [part, id, rev] = p.data;
  const known = Object.fromEntries(fieldsOf(ENTRY_FIELDS, part).map((d) => [d.key, fields[d.key] ?? '']));

  if (id === 'new') {
    // A new entry starts with its first step, the one that names the institution.
    if (part !== 'program') return expired();
    if (data.entries.length >= MAX_ENTRIES) return fullReply();
    const applied = applyFields(ENTRY_FIELDS, blankEntry(`t${data.nextId}`, '', ctx.now()), known);
    if (!applied.ok) return keepForRetry(ctx, data, part, 'new', known, applied.problems);
    const entry = applied.value;
    await saveTracker(ctx, { ...data, entries: [...data.entries, entry], nextId: data.nextId + 1, retry: undefined });
    ctx.log.info({ command: NAME, sub: 'add', via: 'form', entries: data.entries.length + 1 }, 'tracker entry added');
    return stepSaved(ctx, entry, data.plan, part, true);
  }

  const current = data.entries.find((e) => e.id === id);
  if (!current) return gone();
  if (current.rev !== rev) {
    return keepForRetry(
      ctx,
      data,
      part,
      id,
      known,
      [],
      `**${displayName(current)}** changed after this form opened, so I did not overwrite it. Review your values and save again.`,
    );
  }
  const applied = applyFields(ENTRY_FIELDS, current, known);
  if (!applied.ok) return keepForRetry(ctx, data, part, id, known, applied.problems, 'Nothing in this entry was changed.');
  const entry = { ...applied.value, rev: current.rev + 1, updated: ctx.now().toISOString() };
  await saveTracker(ctx, { ...data, entries: data.entries.map((e) => (e.id === id ? entry : e)), retry: undefined });
  ctx.log.info({ command: NAME, sub: 'edit', via: 'form', part }, 'tracker entry edited');
  return part === 'notes' ? showEntry(ctx, entry, data.plan, 'Saved.') : stepSaved(ctx, entry, data.plan, part, false);
}

const tracker: CommandDefinition = defineCommand({
  name: NAME,
  description: 'Your private list of programs and their visa policies, checked against your plan',
  personal: true,
  async mine(ctx) {
    const { data } = await loadTracker(ctx);
    if (!data.entries.length) return [];
    const names = data.entries.slice(0, 5).map((e) => neutralize(e.institution));
    const more = data.entries.length > 5 ? ` and ${data.entries.length - 5} more` : '';
    return [`Tracker: ${data.entries.length} program${data.entries.length === 1 ? '' : 's'} (${names.join(', ')}${more})`];
  },
  examples: ['/tracker add', '/tracker list', '/tracker plan'],
  subcommands: [add, list, show, edit, remove, exportCsv, plan],
  onAction,
  onSubmit,
  async autocomplete(option, partial, ctx) {
    if (option !== 'entry') return [];
    const { data } = await loadTracker(ctx);
    return suggestEntries(data.entries, partial);
  },
  /** `img-advisor tracker export` prints the CSV; with --json, entries and warnings as one object. */
  async script(args, io, ctx): Promise<number> {
    const json = args.includes('--json');
    const words = args.filter((a) => a !== '--json');
    if (words[0]?.toLowerCase() !== 'export') return runViaRouter(tracker, args, io, ctx);
    if (words.length > 1) {
      io.stderr(`Usage: img-advisor tracker export [--json] (unexpected: ${words.slice(1).join(' ')})`);
      return 2;
    }
    const { data } = await loadTracker(ctx);
    io.stdout(json ? JSON.stringify(trackerJson(data)) : trackerCsv(data.entries, data.plan));
    return 0;
  },
});

export default tracker;
