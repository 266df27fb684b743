import { z } from 'zod';
import { type Ctx, defineCommand, subcommand } from '../src/core/command.js';
import { ownerOf } from '../src/core/flow.js';
import { notice } from '../src/core/reply.js';
import { neutralize } from '../src/core/sanitize.js';
import { codec, isSelf, LONG_ANSWER, pickValueSchema } from '../src/features/redflags/actions.js';
import { getRedflagContent, type RedflagContent } from '../src/features/redflags/items.js';
import {
  askName,
  chooseProgram,
  programStep,
  restartProgram,
  retakeProgram,
  startProgram,
} from '../src/features/redflags/program-flow.js';
import {
  askDelete,
  askDeleteByName,
  comparePrograms,
  confirmDelete,
  deleteNow,
  keepProgram,
  listPrograms,
  openPicked,
  programNames,
  viewReport,
} from '../src/features/redflags/program-saved.js';
import type { Input } from '../src/features/redflags/questionnaire.js';
import {
  programNameSchema,
  programProgressRecord,
  programReportsRecord,
  selfProgressRecord,
} from '../src/features/redflags/records.js';
import { scriptedProgram, scriptedSelf } from '../src/features/redflags/script.js';
import { restartSelf, selfStatusLine, selfStep, startSelf, viewSelf } from '../src/features/redflags/self-flow.js';

const content = (ctx: Ctx) => getRedflagContent(ctx.config.contentDir);

const nameOption = (description: string, rest = false) => programNameSchema.meta({ description, autocomplete: true, rest });

/** Scripts only: `--answers FILE` (or `-` for stdin) answers the whole questionnaire at once. */
const answersOption = z
  .string()
  .max(100_000)
  .optional()
  .meta({
    description: 'A JSON file of answers: item id to yes, no or unsure (- reads stdin)',
    file: true,
    surfaces: ['script'],
  });
const saveOption = (what: string) =>
  z
    .boolean()
    .optional()
    .meta({ description: what, surfaces: ['script'] });

const program = subcommand({
  name: 'program',
  description: 'Is this program malignant? A private questionnaire, one sign at a time',
  examples: ['/redflags program "Mercy General"', '/redflags program'],
  options: z.object({
    name: nameOption('The program to check; leave empty to pick a saved one', true).optional(),
    answers: answersOption,
    save: saveOption('Keep the report under --name, where the chat lists it'),
  }),
  async run({ name, answers, save }, ctx) {
    const c = await content(ctx);
    if (ctx.surface === 'script') return scriptedProgram(ctx, c, { answers, name, save });
    return name === undefined ? chooseProgram(ctx, c) : startProgram(ctx, c, name);
  },
});

const self = subcommand({
  name: 'self',
  description: 'Check your own application for red flags and how to address each one',
  examples: ['/redflags self'],
  options: z.object({ answers: answersOption, save: saveOption('Keep the result as your finished self-check') }),
  async run({ answers, save }, ctx) {
    const c = await content(ctx);
    return ctx.surface === 'script' ? scriptedSelf(ctx, c, { answers, save }) : startSelf(ctx, c);
  },
});

const list = subcommand({
  name: 'list',
  description: 'Your saved program reports and checks in progress',
  examples: ['/redflags list'],
  options: z.object({}),
  async run(_input, ctx) {
    const c = await content(ctx);
    return listPrograms(ctx, c, await selfStatusLine(ctx, c));
  },
});

const compare = subcommand({
  name: 'compare',
  description: 'Two saved program reports side by side',
  examples: ['/redflags compare "Mercy General" "Lakeside"'],
  options: z.object({ first: nameOption('A saved program'), second: nameOption('Another saved program') }),
  async run({ first, second }, ctx) {
    return comparePrograms(ctx, await content(ctx), first, second);
  },
});

const remove = subcommand({
  name: 'delete',
  description: 'Delete a saved program report (asks first)',
  examples: ['/redflags delete "Mercy General"'],
  options: z.object({ name: nameOption('The program to delete', true) }),
  async run({ name }, ctx) {
    // Nobody can click "Delete" in a script, so there it deletes at once.
    return ctx.surface === 'script' ? deleteNow(ctx, name) : askDeleteByName(ctx, name);
  },
});

/** Answer, Back, Skip, Stop and Resume go to whichever questionnaire the session id names. */
function stepOf(ctx: Ctx, c: RedflagContent, session: string, input: Input) {
  return isSelf(session) ? selfStep(ctx, c, session, input) : programStep(ctx, c, session, input);
}

export default defineCommand({
  name: 'redflags',
  description: 'Red-flag questionnaires: is a program malignant, and your own application',
  personal: true,
  subcommands: [program, self, list, compare, remove],
  async onAction(payload, values, ctx) {
    const action = codec.decode(payload);
    if (!action) return notice('That button no longer works. Run `/redflags` again.');
    const c = await content(ctx);
    switch (action.kind) {
      case 'a': {
        const [session, at, value] = action.args;
        return stepOf(ctx, c, session, { type: 'answer', at, value: LONG_ANSWER[value] });
      }
      case 'b':
      case 's': {
        const [session, at] = action.args;
        return stepOf(ctx, c, session, { type: action.kind === 'b' ? 'back' : 'skip', at });
      }
      case 'x':
      case 'r':
        return stepOf(ctx, c, action.args[0], { type: action.kind === 'x' ? 'stop' : 'resume' });
      case 'o':
        return isSelf(action.args[0]) ? restartSelf(ctx, c) : restartProgram(ctx, c, action.args[0]);
      case 'v':
        return isSelf(action.args[0]) ? viewSelf(ctx, c) : viewReport(ctx, c, action.args[0]);
      case 't':
        return isSelf(action.args[0]) ? restartSelf(ctx, c) : retakeProgram(ctx, c, action.args[0]);
      case 'd':
      case 'y':
      case 'k': {
        const [target] = action.args;
        if (isSelf(target)) return notice('Your self-check is removed with `/forget`.');
        return { d: askDelete, y: confirmDelete, k: keepProgram }[action.kind](ctx, target);
      }
      case 'n':
        return askName(ctx);
      case 'p': {
        const picked = pickValueSchema.safeParse(values?.[0]);
        if (!picked.success) return notice('I did not recognise that choice. Run `/redflags list` to see your checks.');
        return openPicked(ctx, c, picked.data);
      }
      case 'g':
        return action.args[0] === 's' ? startSelf(ctx, c) : chooseProgram(ctx, c);
      case 'name':
        return notice('That form no longer works. Run `/redflags program` again.');
    }
  },
  async onSubmit(payload, fields, ctx) {
    if (codec.decode(payload)?.kind !== 'name') return notice('That form no longer works. Run `/redflags program` again.');
    const name = programNameSchema.safeParse(fields.name ?? '');
    if (!name.success) {
      return askName(ctx, `**Program name**: ${name.error.issues[0]?.message ?? 'not valid'}. Please try again.`);
    }
    return startProgram(ctx, await content(ctx), name.data);
  },
  async mine(ctx) {
    const owner = ownerOf(ctx);
    const [progress, reports, self] = await Promise.all([
      ctx.store.get(programProgressRecord, owner),
      ctx.store.get(programReportsRecord, owner),
      ctx.store.get(selfProgressRecord, owner),
    ]);
    const lines = [
      ...Object.values(progress?.sessions ?? {}).map((p) => `Check in progress: ${neutralize(p.name)} (question ${p.index + 1})`),
      ...Object.values(reports?.reports ?? {}).map((r) => `Saved report: ${neutralize(r.name)} (${r.finishedAt.slice(0, 10)})`),
    ];
    if (self) lines.push(`Self-check in progress (question ${self.index + 1})`);
    return lines;
  },
  async autocomplete(option, partial, ctx) {
    if (option === 'name') return programNames(ctx, partial, true);
    if (option === 'first' || option === 'second') return programNames(ctx, partial, false);
    return [];
  },
});
