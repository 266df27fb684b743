import { z } from 'zod';
import { argvToText, repliesToJson } from '../src/adapters/terminal/one-shot.js';
import { plainStyle, renderReply } from '../src/adapters/terminal/render.js';
import { asList, type Ctx, defineCommand, type ScriptIO, subcommand } from '../src/core/command.js';
import { textToOptions, validateOptions } from '../src/core/parse-text.js';
import { notice, reply } from '../src/core/reply.js';
import { neutralize } from '../src/core/sanitize.js';
import { decodeAction, pickValueSchema } from '../src/features/redflags/actions.js';
import { showName } from '../src/features/redflags/card.js';
import { getRedflagContent } from '../src/features/redflags/items.js';
import {
  askDelete,
  askDeleteByName,
  askName,
  chooseProgram,
  comparePrograms,
  confirmDelete,
  deleteProgram,
  keepProgram,
  listPrograms,
  openPicked,
  programNames,
  programStep,
  restartProgram,
  retakeProgram,
  saveScriptedReport,
  startProgram,
  viewReport,
} from '../src/features/redflags/program-flow.js';
import {
  nameKey,
  ownerOf,
  programNameSchema,
  programProgressRecord,
  programReportsRecord,
  selfProgressRecord,
} from '../src/features/redflags/records.js';
import { programReport, questionStrings, selfReport } from '../src/features/redflags/report.js';
import { parseAnswersFile, parseScriptArgs } from '../src/features/redflags/script.js';
import { restartSelf, selfStatusLine, selfStep, startSelf, viewSelf } from '../src/features/redflags/self-flow.js';

const content = (ctx: Ctx) => getRedflagContent(ctx.config.contentDir);

const nameOption = (description: string, rest = false) => programNameSchema.meta({ description, autocomplete: true, rest });

const program = subcommand({
  name: 'program',
  description: 'Is this program malignant? A private questionnaire, one sign at a time',
  examples: ['/redflags program "Mercy General"', '/redflags program'],
  options: z.object({ name: nameOption('The program to check; leave empty to pick a saved one', true).optional() }),
  async run({ name }, ctx) {
    return name === undefined ? chooseProgram(ctx, await content(ctx)) : startProgram(ctx, await content(ctx), name);
  },
});

const self = subcommand({
  name: 'self',
  description: 'Check your own application for red flags and how to address each one',
  examples: ['/redflags self'],
  options: z.object({}),
  async run(_input, ctx) {
    return startSelf(ctx, await content(ctx));
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
  options: z.object({
    first: nameOption('A saved program'),
    second: nameOption('Another saved program'),
  }),
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
    return askDeleteByName(ctx, name);
  },
});

const SUBCOMMANDS = [program, self, list, compare, remove];

const SCRIPT_USAGE = `Usage:
  img-advisor redflags program --answers FILE [--name "Program name"] [--json]
  img-advisor redflags self --answers FILE [--json]
  img-advisor redflags list|compare|delete ... [--json]
FILE is a JSON object mapping item ids to "yes", "no" or "unsure" ("-" reads it from stdin).`;

/** `redflags program|self --answers FILE`: the report for a file of answers, as text or one JSON object. */
async function scriptedCheck(
  kind: 'program' | 'self',
  opts: { answers?: string; name?: string; json: boolean; rest: string[] },
  io: ScriptIO,
  ctx: Ctx,
): Promise<number> {
  if (!opts.answers) {
    io.stderr(
      `redflags ${kind} needs --answers FILE here. For the step-by-step questionnaire, run img-advisor and type /redflags ${kind}.\n\n${SCRIPT_USAGE}`,
    );
    return 2;
  }
  let rawName = opts.name;
  if (opts.rest.length) {
    if (kind === 'self' || rawName !== undefined) {
      io.stderr(`I did not understand: ${opts.rest.map((r) => `"${r}"`).join(', ')}.\n\n${SCRIPT_USAGE}`);
      return 2;
    }
    rawName = opts.rest.join(' ');
  }
  if (kind === 'self' && rawName !== undefined) {
    io.stderr('--name is for `redflags program` only: the self-check is about you.');
    return 2;
  }
  const name = rawName === undefined ? undefined : programNameSchema.safeParse(rawName);
  if (name && !name.success) {
    io.stderr(`--name: ${name.error.issues[0]?.message ?? 'not a valid program name'}.`);
    return 2;
  }
  let source: string;
  try {
    source = opts.answers === '-' ? await io.readStdin() : await io.readFile(opts.answers);
  } catch {
    io.stderr(`Cannot read the answers file "${opts.answers}".`);
    return 2;
  }
  const c = await content(ctx);
  const items = kind === 'program' ? c.program.items : c.self.items;
  const parsed = parseAnswersFile(
    source,
    items.map((i) => i.id),
  );
  if ('problems' in parsed) {
    io.stderr(parsed.problems.join('\n'));
    return 2;
  }
  const text = (blocks: Parameters<typeof reply>[0]) => renderReply(reply(blocks, 'private'), plainStyle).text;
  const date = ctx.now().toISOString();
  if (kind === 'self') {
    const view = selfReport(c, { answers: parsed.answers, date });
    const { level, reason, flagged, unsure, unanswered } = view.score;
    const out = {
      command: 'redflags',
      kind,
      level,
      reason,
      flagged,
      unsure,
      unanswered,
      questions: view.questions,
      drafts: view.drafts,
    };
    io.stdout(opts.json ? JSON.stringify({ ...out, text: text(view.blocks) }) : text(view.blocks));
    return 0;
  }
  let saved = false;
  if (name?.data !== undefined) {
    if ((await saveScriptedReport(ctx, name.data, parsed.answers)) === 'full') {
      io.stderr('You have the most saved reports I keep (50). Delete one with `img-advisor redflags delete "Name"` first.');
      return 2;
    }
    saved = true;
  }
  const view = programReport(c, { name: name?.data, answers: parsed.answers, date, savedAs: saved ? name?.data : undefined });
  const { level, reason, flagged, unsure, unanswered } = view.score;
  const out = {
    command: 'redflags',
    kind,
    name: name?.data ?? null,
    saved,
    level,
    reason,
    flagged,
    unsure,
    unanswered,
    questions: questionStrings(view.questions),
    questionsByItem: view.questions,
  };
  ctx.log.info({ command: 'redflags', flow: 'program', event: 'scripted', level, saved }, 'redflags');
  io.stdout(opts.json ? JSON.stringify({ ...out, text: text(view.blocks) }) : text(view.blocks));
  return 0;
}

/** list and compare run as in chat; delete deletes at once, since a script cannot click "Delete". */
async function scriptedOther(sub: string, opts: { json: boolean; rest: string[] }, io: ScriptIO, ctx: Ctx): Promise<number> {
  const def = SUBCOMMANDS.find((s) => s.name === sub);
  if (!def) {
    io.stderr(`redflags has no "${sub}".\n\n${SCRIPT_USAGE}`);
    return 2;
  }
  const valid = validateOptions(def.options, textToOptions(def.options, argvToText(opts.rest)));
  if (!valid.ok) {
    io.stderr(`${valid.problems.join('\n')}\n\n${SCRIPT_USAGE}`);
    return 2;
  }
  if (sub === 'delete') {
    const name = String(valid.value.name);
    const deleted = await deleteProgram(ctx, nameKey(name));
    if (deleted === undefined) {
      io.stderr(`There is no saved check called "${name}". \`img-advisor redflags list\` shows yours.`);
      return 2;
    }
    io.stdout(opts.json ? JSON.stringify({ command: 'redflags', deleted }) : `Deleted your check of ${showName(deleted)}.`);
    return 0;
  }
  const replies = asList(await def.run(valid.value, ctx));
  io.stdout(
    opts.json
      ? JSON.stringify({ ok: true, ...repliesToJson('redflags', replies) })
      : replies.map((r) => renderReply(r, plainStyle).text).join('\n\n'),
  );
  return 0;
}

const formSchema = z.object({ name: z.string() });

export default defineCommand({
  name: 'redflags',
  description: 'Red-flag questionnaires: is a program malignant, and your own application',
  personal: true,
  subcommands: SUBCOMMANDS,
  async onAction(payload, values, ctx) {
    const action = decodeAction(payload);
    if (!action) return notice('That button no longer works. Run `/redflags` again.');
    const c = await content(ctx);
    const isSelf = (id: string) => id === 'self' || id.startsWith('s');
    switch (action.kind) {
      case 'answer':
      case 'skip':
      case 'back': {
        const input =
          action.kind === 'answer'
            ? { type: 'answer' as const, at: action.at, value: action.value }
            : { type: action.kind, at: action.at };
        return isSelf(action.session) ? selfStep(ctx, c, action.session, input) : programStep(ctx, c, action.session, input);
      }
      case 'stop':
      case 'resume': {
        const input = { type: action.kind };
        return isSelf(action.session) ? selfStep(ctx, c, action.session, input) : programStep(ctx, c, action.session, input);
      }
      case 'restart':
        return isSelf(action.session) ? restartSelf(ctx, c) : restartProgram(ctx, c, action.session);
      case 'view':
        return isSelf(action.target) ? viewSelf(ctx, c) : viewReport(ctx, c, action.target);
      case 'retake':
        return isSelf(action.target) ? restartSelf(ctx, c) : retakeProgram(ctx, c, action.target);
      case 'delete':
      case 'confirm-delete':
      case 'keep': {
        if (isSelf(action.target)) return notice('Your self-check is removed with `/forget`.');
        const run = { delete: askDelete, 'confirm-delete': confirmDelete, keep: keepProgram }[action.kind];
        return run(ctx, action.target);
      }
      case 'new':
        return askName(ctx);
      case 'pick': {
        const picked = pickValueSchema.safeParse(values?.[0]);
        if (!picked.success) return notice('I did not recognise that choice. Run `/redflags list` to see your checks.');
        return openPicked(ctx, c, picked.data);
      }
      case 'again':
        return action.flow === 'self' ? startSelf(ctx, c) : chooseProgram(ctx, c);
      case 'name':
        return notice('That form no longer works. Run `/redflags program` again.');
    }
  },
  async onSubmit(payload, fields, ctx) {
    if (decodeAction(payload)?.kind !== 'name') return notice('That form no longer works. Run `/redflags program` again.');
    const form = formSchema.safeParse(fields);
    const name = programNameSchema.safeParse(form.success ? form.data.name : '');
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
  async script(args, io, ctx) {
    const parsed = parseScriptArgs(args);
    if ('error' in parsed) {
      io.stderr(`${parsed.error}\n\n${SCRIPT_USAGE}`);
      return 2;
    }
    if (parsed.sub === 'program' || parsed.sub === 'self') return scriptedCheck(parsed.sub, parsed, io, ctx);
    if (!parsed.sub) {
      io.stderr(SCRIPT_USAGE);
      return 2;
    }
    if (parsed.answers !== undefined || parsed.name !== undefined) {
      io.stderr(`--answers and --name belong to \`redflags program\` and \`redflags self\`.\n\n${SCRIPT_USAGE}`);
      return 2;
    }
    return scriptedOther(parsed.sub, parsed, io, ctx);
  },
});
