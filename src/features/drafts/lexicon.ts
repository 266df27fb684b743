import path from 'node:path';
import { z } from 'zod';
import { oncePerFolder } from '../../content/memo.js';
import { ContentError, type ContentProblem, readYaml } from '../../content/yaml-file.js';

/** A word or phrase; a trailing * matches any ending. */
const term = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} '’.\-/+]*\*?$/u, 'use letters, digits, spaces, hyphens, and at most a trailing *');

const skillSchema = z.strictObject({
  id: z.enum(['data', 'systems', 'workflow', 'technical']),
  label: z.string().min(3).max(40),
  /** How the skill reads inside a sentence: "data literacy". */
  phrase: z.string().min(3).max(60),
  /** One sentence on why it counts in informatics, used when a draft has room. */
  why: z.string().min(20).max(200),
  keywords: z.array(term).min(1),
});

export const skillsFileSchema = z.strictObject({ skills: z.array(skillSchema).min(1) });
export const checksFileSchema = z.strictObject({
  overshare: z.array(term).min(1),
  passive: z.array(term).min(1),
  blame: z.array(term).min(1),
});

export type SkillId = z.infer<typeof skillSchema>['id'];

export interface Skill {
  id: SkillId;
  label: string;
  phrase: string;
  why: string;
  matchers: Matcher[];
}

export interface Matcher {
  term: string;
  re: RegExp;
}

export interface DraftLexicon {
  skills: Skill[];
  overshare: Matcher[];
  passive: Matcher[];
  blame: Matcher[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function compileTerm(t: string): Matcher {
  const wild = t.endsWith('*');
  const body = escapeRegExp(wild ? t.slice(0, -1) : t).replace(/\s+/g, '\\s+');
  const start = /^[\p{L}\p{N}]/u.test(t) ? '(?<![\\p{L}\\p{N}])' : '';
  const end = wild ? '[\\p{L}\\p{N}-]*' : '(?![\\p{L}\\p{N}])';
  return { term: t, re: new RegExp(`${start}${body}${end}`, 'iu') };
}

/** The words of `text` that match, as the member wrote them, in order; overlapping matches count once. */
export function findTerms(text: string, matchers: Matcher[]): string[] {
  const hits: { text: string; start: number; end: number }[] = [];
  for (const m of matchers) {
    const found = m.re.exec(text);
    if (!found) continue;
    const start = found.index;
    const end = start + found[0].length;
    // "The examiners" and "examiners were" are one finding, not two.
    if (hits.some((h) => start < h.end && end > h.start)) continue;
    hits.push({ text: found[0], start, end });
  }
  return hits.sort((a, b) => a.start - b.start).map((h) => h.text);
}

export async function loadDraftLexicon(contentDir: string): Promise<DraftLexicon> {
  const dir = path.join(contentDir, 'drafts');
  const problems: ContentProblem[] = [];
  const skillsRes = await readYaml(path.join(dir, 'skills.yaml'), skillsFileSchema, contentDir);
  const checksRes = await readYaml(path.join(dir, 'checks.yaml'), checksFileSchema, contentDir);
  if ('problems' in skillsRes) problems.push(...skillsRes.problems);
  if ('problems' in checksRes) problems.push(...checksRes.problems);
  if ('value' in skillsRes) {
    const ids = skillsRes.value.skills.map((s) => s.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) problems.push({ file: 'drafts/skills.yaml', field: 'skills', message: `"${dup}" is listed twice` });
  }
  if (problems.length || !('value' in skillsRes) || !('value' in checksRes)) throw new ContentError(problems);
  const checks = checksRes.value;
  return {
    skills: skillsRes.value.skills.map(({ keywords, ...s }) => ({ ...s, matchers: keywords.map(compileTerm) })),
    overshare: checks.overshare.map(compileTerm),
    passive: checks.passive.map(compileTerm),
    blame: checks.blame.map(compileTerm),
  };
}

/** Loaded once per content folder (see oncePerFolder). */
export const getDraftLexicon = oncePerFolder(loadDraftLexicon);
