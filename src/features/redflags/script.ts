import { z } from 'zod';
import { ANSWERS, type Answers } from './questionnaire.js';

/** What `img-advisor redflags <sub> [--answers FILE] [--name NAME] [--json]` asked for. */
export interface ScriptArgs {
  sub: string | undefined;
  answers?: string;
  name?: string;
  json: boolean;
  /** Words and flags not taken here, passed on to the subcommand (list, compare, delete). */
  rest: string[];
}

const VALUE_FLAGS = ['--answers', '--name'] as const;

export function parseScriptArgs(args: string[]): ScriptArgs | { error: string } {
  const [sub, ...tail] = args;
  const out: ScriptArgs = { sub: sub?.toLowerCase(), json: false, rest: [] };
  for (let i = 0; i < tail.length; i++) {
    const arg = tail[i] ?? '';
    if (arg === '--json') {
      out.json = true;
      continue;
    }
    const flag = VALUE_FLAGS.find((f) => arg === f || arg.startsWith(`${f}=`));
    if (!flag) {
      // A typo'd flag must not become part of a program name and get saved under it.
      if (arg.startsWith('--')) return { error: `Unknown option ${arg}. Options: --answers, --name, --json.` };
      out.rest.push(arg);
      continue;
    }
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : tail[++i];
    if (value === undefined || value === '') return { error: `${flag} needs a value.` };
    if (flag === '--answers') out.answers = value;
    else out.name = value;
  }
  return out;
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
