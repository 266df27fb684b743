import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Ctx, ScriptIO } from '../src/core/command.js';
import { defineCommand, subcommand } from '../src/core/command.js';
import { notice } from '../src/core/reply.js';
import { neutralize } from '../src/core/sanitize.js';
import type { Reply } from '../src/core/types.js';
import { draft, draftToText } from '../src/features/drafts/draft.js';
import { checkInput, DRAFT_KINDS, type DraftKind, FIELD_ORDER } from '../src/features/drafts/fields.js';
import { type DraftEvent, step } from '../src/features/drafts/flow.js';
import { getDraftLexicon } from '../src/features/drafts/lexicon.js';
import { DRAFTS_RECORD, EMPTY_STATE, isEmpty, pruneExpired, refSchema } from '../src/features/drafts/records.js';
import { TONES } from '../src/features/drafts/tone.js';

/** A short random reference for sessions and saved drafts (lower-case letters and digits). */
function newId(): string {
  return randomBytes(8)
    .toString('base64url')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 8)
    .padEnd(8, '0');
}

async function run(ctx: Ctx, ev: DraftEvent): Promise<Reply[]> {
  const owner = { platform: ctx.platform, user: ctx.user.id };
  const loaded = await ctx.store.load(DRAFTS_RECORD, owner);
  const before = loaded.status === 'found' ? pruneExpired(loaded.value, ctx.now()) : EMPTY_STATE;
  const lexicon = await getDraftLexicon(ctx.config.contentDir);
  const { state, replies } = step(before, ev, { owner: ctx.user.id, now: ctx.now(), newId, lexicon });
  if (isEmpty(state)) {
    if (loaded.status === 'found') await ctx.store.remove(DRAFTS_RECORD, owner);
  } else if (loaded.status !== 'found' || state !== loaded.value) {
    await ctx.store.save(DRAFTS_RECORD, owner, state);
  }
  // Ids and counts only: drafts are personal and never logged.
  ctx.log.info(
    { command: 'draft', event: ev.type, op: ev.type === 'action' ? ev.op : undefined, saved: state.saved.length },
    'draft',
  );
  if (loaded.status === 'reset') {
    return [
      notice(
        'Your stored drafts could not be read after an update, so they were cleared. Sorry about that: this one starts fresh.',
      ),
      ...replies,
    ];
  }
  return replies;
}

const actionSchema = z.tuple([
  z.enum(['next', 'fix1', 'fix2', 'edit', 'short', 'long', 'warm', 'plain', 'save', 'copy', 'del', 'pick']),
  refSchema,
]);
const selectValues = z.array(refSchema).length(1);
const submitSchema = z.tuple([z.enum(['f1', 'f2']), z.enum(DRAFT_KINDS), refSchema]);
const formFields = z.record(z.string().max(40), z.string().max(4000));

const kindSub = (kind: DraftKind, description: string) =>
  subcommand({
    name: kind,
    description,
    options: z.object({}),
    examples: [`/draft ${kind}`],
    run: (_input, ctx) => run(ctx, { type: 'start', kind }),
  });

const SCRIPT_USAGE = `Usage: img-advisor draft gap|failure|disclosure --input FILE [--json] [--tone plain|neutral|warm] [--short]
       img-advisor draft list [--json]
FILE is a JSON object of the fields (use - to read standard input). Fields:
${DRAFT_KINDS.map((k) => `  ${k}: ${FIELD_ORDER[k].join(', ')}`).join('\n')}`;

interface ScriptArgs {
  kind?: string;
  input?: string;
  json: boolean;
  tone?: string;
  short: boolean;
  unknown: string[];
}

function parseArgs(args: string[]): ScriptArgs {
  const out: ScriptArgs = { json: false, short: false, unknown: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const [flag, inline] = a.startsWith('--') ? a.split(/=(.*)/s) : [a, undefined];
    if (flag === '--json') out.json = true;
    else if (flag === '--short') out.short = true;
    else if (flag === '--input') out.input = inline ?? args[++i];
    else if (flag === '--tone') out.tone = inline ?? args[++i];
    else if (!out.kind && !a.startsWith('--')) out.kind = a;
    else out.unknown.push(a);
  }
  return out;
}

/** `img-advisor draft <kind> --input FILE [--json]`: one JSON object on stdout; exit 2 names every bad field. */
async function script(args: string[], io: ScriptIO, ctx: Ctx): Promise<number> {
  const a = parseArgs(args);
  const fail = (lines: string[], errors?: { field: string; message: string }[]) => {
    io.stderr(lines.join('\n'));
    if (a.json) io.stdout(JSON.stringify({ ok: false, errors: errors ?? lines.map((message) => ({ field: 'usage', message })) }));
    return 2;
  };
  if (a.kind === 'list') {
    const saved = (await ctx.store.get(DRAFTS_RECORD, { platform: ctx.platform, user: ctx.user.id }))?.saved ?? [];
    const items = pruneExpired({ saved }, ctx.now()).saved.map((s) => ({
      id: s.id,
      kind: s.draft.kind,
      title: s.title,
      savedAt: s.savedAt,
    }));
    io.stdout(
      a.json
        ? JSON.stringify({ ok: true, drafts: items })
        : items.map((s) => `${s.savedAt.slice(0, 10)}  ${s.title}`).join('\n') || 'No saved drafts.',
    );
    return 0;
  }
  if (!a.kind || !(DRAFT_KINDS as readonly string[]).includes(a.kind)) {
    return fail([
      a.kind ? `img-advisor draft: no draft kind "${a.kind}".` : 'img-advisor draft: which kind of draft?',
      SCRIPT_USAGE,
    ]);
  }
  const kind = a.kind as DraftKind;
  if (a.unknown.length)
    return fail([`img-advisor draft: I did not understand ${a.unknown.map((u) => `"${u}"`).join(', ')}.`, SCRIPT_USAGE]);
  if (!a.input) return fail([`img-advisor draft ${kind}: --input FILE is needed (a JSON object of the fields).`, SCRIPT_USAGE]);
  const tone = z.enum(TONES).safeParse(a.tone ?? 'neutral');
  if (!tone.success) return fail([`img-advisor draft: --tone must be one of ${TONES.join(', ')}.`]);
  let raw: unknown;
  try {
    const source = a.input === '-' ? await io.readStdin() : await io.readFile(a.input);
    raw = JSON.parse(source);
  } catch (err) {
    const why = err instanceof SyntaxError ? `is not valid JSON (${err.message})` : 'cannot be read';
    return fail(
      [`img-advisor draft: ${a.input === '-' ? 'standard input' : a.input} ${why}.`],
      [{ field: 'input', message: why }],
    );
  }
  const checked = checkInput(kind, raw, ctx.now());
  if (!checked.ok) {
    return fail(
      [
        `img-advisor draft ${kind}: ${checked.problems.length === 1 ? 'one field needs' : `${checked.problems.length} fields need`} a fix:`,
        ...checked.problems.map((p) => `  ${p.field}: ${p.message}`),
      ],
      checked.problems,
    );
  }
  const lexicon = await getDraftLexicon(ctx.config.contentDir);
  const drafted = draft(checked.draft, { tone: tone.data, short: a.short }, lexicon);
  const text = draftToText(kind, drafted);
  ctx.log.info({ command: 'draft', kind, script: true, noteCount: drafted.notes.length }, 'draft');
  if (a.json) {
    io.stdout(
      JSON.stringify({
        ok: true,
        kind,
        style: { tone: tone.data, short: a.short },
        versions: drafted.composed.versions,
        notes: drafted.notes.map((n) => n.text),
        checks: drafted.notes,
        parts: drafted.composed.parts,
        ...(drafted.composed.mapping ? { mapping: drafted.composed.mapping } : {}),
        text,
      }),
    );
  } else {
    io.stdout(text);
  }
  return 0;
}

export default defineCommand({
  name: 'draft',
  description: 'Draft a gap explanation, exam-failure explanation or disclosure from your facts (private)',
  personal: true,
  async mine(ctx) {
    const saved = (await ctx.store.get(DRAFTS_RECORD, { platform: ctx.platform, user: ctx.user.id }))?.saved ?? [];
    return pruneExpired({ saved }, ctx.now()).saved.map(
      (d) => `Saved ${d.draft.kind} draft: ${neutralize(d.title)} (${d.savedAt.slice(0, 10)})`,
    );
  },
  subcommands: [
    kindSub('gap', 'Explain a gap in training: Reason, Responsibility, Relevance, Recovery'),
    kindSub('failure', 'Explain a failed exam attempt: Context, Insight, Change'),
    kindSub('disclosure', 'Disclose a warning or probation calmly: what, ownership, actions, since'),
    subcommand({
      name: 'list',
      description: 'Your saved drafts: open, copy or delete them',
      options: z.object({}),
      examples: ['/draft list'],
      run: (_input, ctx) => run(ctx, { type: 'list' }),
    }),
  ],
  async onAction(payload, values, ctx) {
    const parsed = actionSchema.safeParse(payload);
    if (!parsed.success)
      return notice('That button is from an older version of this bot. Run `/draft list` or start a new draft.');
    const [op, ref] = parsed.data;
    if (op === 'pick') {
      const chosen = selectValues.safeParse(values);
      if (!chosen.success) return notice('Pick one draft from the list.');
      return run(ctx, { type: 'action', op, ref, values: chosen.data });
    }
    return run(ctx, { type: 'action', op, ref });
  },
  async onSubmit(payload, fields, ctx) {
    const parsed = submitSchema.safeParse(payload);
    const values = formFields.safeParse(fields);
    if (!parsed.success || !values.success)
      return notice('That form is from an older version of this bot. Start again with `/draft gap`.');
    const [form, kind, nonce] = parsed.data;
    return run(ctx, { type: 'submit', step: form === 'f1' ? 1 : 2, kind, nonce, fields: values.data });
  },
  script,
});
