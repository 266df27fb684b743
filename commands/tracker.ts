import { z } from 'zod';
import { type Guide, getGuide } from '../src/content/guide.js';
import { type CommandDefinition, type Ctx, defineCommand, subcommand } from '../src/core/command.js';
import { ownerOf, runFlow } from '../src/core/flow.js';
import { newNonce } from '../src/core/nonce.js';
import { neutralize } from '../src/core/sanitize.js';
import { filingHistory } from '../src/features/sponsors/service.js';
import { CAP_STATUSES, LIMITS, NEEDS, STATUSES, VISA_POLICIES, YES_NO } from '../src/features/tracker/entry.js';
import { ENTRY_FIELDS } from '../src/features/tracker/fields.js';
import { suggestEntries, trackerRecord } from '../src/features/tracker/records.js';
import { step, type TrackerEvent } from '../src/features/tracker/step.js';

const NAME = 'tracker';

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

const entryRef = () =>
  z.string().trim().max(120).optional().meta({ description: 'Entry id (t3) or name', autocomplete: true, rest: true });

/** Only the fields the member actually gave, as text for the shared parsers. */
function given(input: Record<string, unknown>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (input[k] !== undefined) out[k] = String(input[k]);
  return out;
}
const ENTRY_KEYS = ENTRY_FIELDS.map((f) => f.key);

// ---- wiring --------------------------------------------------------------------------------

/** Events that may show an entry, whose warnings cite the guide; the rest never load it. */
const SHOWS_ENTRIES = new Set<TrackerEvent['type']>(['add', 'show', 'edit', 'action', 'submit']);

/** One member turn: the pure step, run by the flow runner under the member's lock. */
async function run(ctx: Ctx, event: TrackerEvent) {
  const guide: Guide | undefined = SHOWS_ENTRIES.has(event.type) ? await getGuide(ctx.config.contentDir) : undefined;
  let log: Record<string, unknown> | undefined;
  const replies = await runFlow(ctx, { record: trackerRecord, command: NAME }, (state) => {
    const out = step(state, event, {
      owner: ctx.user.id,
      now: ctx.now(),
      nonce: newNonce,
      guide: () => {
        if (!guide) throw new Error(`tracker: ${event.type} did not load the guide`);
        return guide;
      },
      // The terminal asks a form's fields one by one, so each is checked as it is typed.
      fieldByField: ctx.platform === 'cli',
      // The institution's public H-1B filings, when sponsor data was imported: shown, never saved.
      aside: (e) => filingHistory(ctx.config.sponsorsDbPath, e.institution),
    });
    log = out.log;
    return out;
  });
  if (log) {
    const { msg, ...fields } = log;
    ctx.log.info({ command: NAME, ...fields }, String(msg));
  }
  return replies;
}

// ---- subcommands ---------------------------------------------------------------------------

const add = subcommand({
  name: 'add',
  description: 'Add a program to your tracker: a short form, or options for a quick add',
  examples: ['/tracker add', '/tracker add institution:"Mercy General" visa:h1b cap:exempt'],
  options: z.object(fieldOptions(true)),
  run: (input, ctx) => run(ctx, { type: 'add', fields: given(input, ENTRY_KEYS) }),
});

const list = subcommand({
  name: 'list',
  description: 'Your tracked programs with their visa policies and warnings',
  examples: ['/tracker list', '/tracker list 2'],
  options: z.object({ page: z.number().int().min(1).max(10).optional().meta({ description: 'Page (20 entries each)' }) }),
  run: ({ page }, ctx) => run(ctx, { type: 'list', page: page ?? 1 }),
});

const show = subcommand({
  name: 'show',
  description: 'One entry in full: requirements, warnings, sources and a drafted email when needed',
  examples: ['/tracker show t1', '/tracker show Mercy General'],
  options: z.object({ entry: entryRef() }),
  run: ({ entry }, ctx) => run(ctx, { type: 'show', ref: entry }),
});

const edit = subcommand({
  name: 'edit',
  description: 'Change an entry: with options at once, or through its forms',
  examples: ['/tracker edit t1 cap:subject', '/tracker edit "Mercy General" notes:"Coordinator replied"'],
  options: z.object({ entry: entryRef(), ...fieldOptions(false) }),
  run: (input, ctx) => run(ctx, { type: 'edit', ref: input.entry, fields: given(input, ENTRY_KEYS) }),
});

const remove = subcommand({
  name: 'remove',
  description: 'Remove an entry (asks first; confirm:true skips the question)',
  examples: ['/tracker remove t1', '/tracker remove t1 confirm:true'],
  options: z.object({
    entry: entryRef(),
    confirm: z.boolean().optional().meta({ description: 'Remove without asking' }),
  }),
  run: ({ entry, confirm }, ctx) => run(ctx, { type: 'remove', ref: entry, confirm: confirm === true }),
});

const exportCsv = subcommand({
  name: 'export',
  description: 'Your tracker as a CSV spreadsheet file, warnings included',
  examples: ['/tracker export'],
  options: z.object({}),
  run: (_input, ctx) => run(ctx, { type: 'export' }),
});

const plan = subcommand({
  name: 'plan',
  description: 'Your own plan (visa you need, current visa, Step 3 date), used for the warnings',
  examples: ['/tracker plan', '/tracker plan need:h1b status:none step3:2027-03-15'],
  options: z.object({
    need: z.enum(NEEDS).optional().meta({ description: 'Visa you need: h1b only, h1b-or-j1, j1, or none' }),
    status: z.enum(STATUSES).optional().meta({ description: 'Your current U.S. visa, if any' }),
    step3: z
      .string()
      .trim()
      .max(30)
      .optional()
      .meta({ description: 'Step 3: passed, a planned date (2027-03-15 or 15 March 2027), or not yet' }),
  }),
  run: (input, ctx) => run(ctx, { type: 'plan', fields: given(input, ['need', 'status', 'step3']) }),
});

const tracker: CommandDefinition = defineCommand({
  name: NAME,
  description: 'Your private list of programs and their visa policies, checked against your plan',
  personal: true,
  examples: ['/tracker add', '/tracker list', '/tracker plan'],
  subcommands: [add, list, show, edit, remove, exportCsv, plan],
  onAction: (payload, values, ctx) => run(ctx, { type: 'action', payload, values }),
  onSubmit: (payload, fields, ctx) => run(ctx, { type: 'submit', payload, fields }),
  async mine(ctx) {
    const data = await ctx.store.get(trackerRecord, ownerOf(ctx));
    if (!data?.entries.length) return [];
    const names = data.entries.slice(0, 5).map((e) => neutralize(e.institution));
    const more = data.entries.length > 5 ? ` and ${data.entries.length - 5} more` : '';
    return [`Tracker: ${data.entries.length} program${data.entries.length === 1 ? '' : 's'} (${names.join(', ')}${more})`];
  },
  async autocomplete(option, partial, ctx) {
    if (option !== 'entry') return [];
    const data = await ctx.store.get(trackerRecord, ownerOf(ctx));
    return suggestEntries(data?.entries ?? [], partial);
  },
});

export default tracker;
