import { z } from 'zod';
import type { Ctx } from '../../core/command.js';
import { reply, usageError } from '../../core/reply.js';
import type { Reply } from '../../core/types.js';
import type { RedflagContent } from './items.js';
import { ANSWERS, type Answers } from './questionnaire.js';
import { findByKey, MAX_REPORTS, nameKey, newId } from './records.js';
import { programReport, questionStrings, selfReport } from './report.js';
import { programFlow, selfFlow } from './state.js';

/**
 * Scripted checks: `img-advisor redflags program|self --answers FILE [--name N] [--save] [--json]`.
 * The report comes back as a reply whose `data` the terminal adapter prints as one JSON object.
 * Nothing is stored unless `--save` asks for it: a script's answers are not the chat's.
 */

export interface ScriptedOptions {
  /** The answers file's text (the terminal adapter read the file). */
  answers?: string;
  name?: string;
  save?: boolean;
}

type Problem = { field: string; message: string };

function refuse(list: Problem[]): Reply {
  return { ...usageError(list.map((p) => p.message).join('\n')), data: { errors: list } };
}

function readAnswers(
  kind: 'program' | 'self',
  text: string | undefined,
  validIds: readonly string[],
): { answers: Answers } | { refusal: Reply } {
  if (text === undefined) {
    return {
      refusal: refuse([
        {
          field: 'answers',
          message: `\`redflags ${kind}\` needs --answers FILE here: a JSON object mapping item ids to "yes", "no" or "unsure" ("-" reads it from stdin). For the step-by-step questionnaire, run img-advisor and type /redflags ${kind}.`,
        },
      ]),
    };
  }
  const parsed = parseAnswersFile(text, validIds);
  if ('answers' in parsed) return parsed;
  return { refusal: refuse(parsed.problems.map((message) => ({ field: 'answers', message }))) };
}

export async function scriptedProgram(ctx: Ctx, content: RedflagContent, opts: ScriptedOptions): Promise<Reply[]> {
  const read = readAnswers(
    'program',
    opts.answers,
    content.program.items.map((i) => i.id),
  );
  if ('refusal' in read) return [read.refusal];
  const { answers } = read;
  const { name, save = false } = opts;
  if (save && name === undefined) {
    return [refuse([{ field: 'save', message: '--save needs --name: a report is kept under the program name.' }])];
  }
  const date = ctx.now().toISOString();
  const report = (saved: boolean) => {
    const view = programReport(content, { name, answers, date, savedAs: saved ? name : undefined });
    const { level, reason, flagged, unsure, unanswered } = view.score;
    ctx.log.info({ command: 'redflags', flow: 'program', event: 'scripted', level, saved }, 'redflags');
    const data = { kind: 'program', name: name ?? null, saved, level, reason, flagged, unsure, unanswered };
    return reply(view.blocks, 'private', {
      data: { ...data, questions: questionStrings(view.questions), questionsByItem: view.questions },
    });
  };
  if (!save || name === undefined) return [report(false)];
  return programFlow(ctx, (p) => {
    const key = nameKey(name);
    const previous = findByKey(p.reports, key);
    if (!previous && Object.keys(p.reports).length >= MAX_REPORTS) {
      const message = `You have the most saved reports I keep (${MAX_REPORTS}). Delete one with \`img-advisor redflags delete "Name"\` first.`;
      return { replies: refuse([{ field: 'save', message }]) };
    }
    const id = previous?.id ?? newId('r');
    return { reports: { ...p.reports, [id]: { id, name, key, answers, finishedAt: date } }, replies: report(true) };
  });
}

export async function scriptedSelf(ctx: Ctx, content: RedflagContent, opts: ScriptedOptions): Promise<Reply[]> {
  const read = readAnswers(
    'self',
    opts.answers,
    content.self.items.map((i) => i.id),
  );
  if ('refusal' in read) return [read.refusal];
  const { answers } = read;
  const finishedAt = ctx.now().toISOString();
  const view = selfReport(content, { answers, date: finishedAt });
  const { level, reason, flagged, unsure, unanswered } = view.score;
  const saved = opts.save === true;
  const data = {
    kind: 'self',
    saved,
    level,
    reason,
    flagged,
    unsure,
    unanswered,
    questions: view.questions,
    drafts: view.drafts,
  };
  const out = reply(view.blocks, 'private', { data });
  if (!saved) return [out];
  return selfFlow(ctx, () => ({ result: { answers, finishedAt }, replies: out }));
}

const fileSchema = z.record(z.string(), z.unknown());

/**
 * Checks an answers file: a JSON object mapping item ids to "yes", "no" or "unsure". Missing ids
 * are simply unanswered. Every problem is named, with the valid ids or values, so a script's
 * author can fix the file in one go.
 */
export function parseAnswersFile(source: string, validIds: readonly string[]): { answers: Answers } | { problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (err) {
    return { problems: [`The answers file is not valid JSON (${err instanceof Error ? err.message : String(err)}).`] };
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success || Array.isArray(raw)) {
    return { problems: ['The answers file must be a JSON object like {"turnover": "yes", "img-bias": "no"}.'] };
  }
  const problems: string[] = [];
  const answers: Answers = {};
  const unknown = Object.keys(parsed.data).filter((id) => !validIds.includes(id));
  if (unknown.length) {
    problems.push(
      `Unknown item id${unknown.length === 1 ? '' : 's'}: ${unknown.map((u) => `"${u}"`).join(', ')}. Valid ids: ${validIds.join(', ')}.`,
    );
  }
  for (const [id, value] of Object.entries(parsed.data)) {
    if (!validIds.includes(id)) continue;
    const v = typeof value === 'string' ? value.trim().toLowerCase() : value;
    const ok = ANSWERS.find((a) => a === v);
    if (ok) answers[id] = ok;
    else problems.push(`"${id}" has the answer ${JSON.stringify(value)}. Valid answers: ${ANSWERS.join(', ')}.`);
  }
  return problems.length ? { problems } : { answers };
}
