import path from 'node:path';
import { z } from 'zod';
import { loadGuide } from '../../content/guide.js';
import { oncePerFolder } from '../../content/memo.js';
import { ContentError, type ContentProblem, readYaml } from '../../content/yaml-file.js';

/** Ids other code and scripts rely on: the issue fixes them, so content may add items but not drop these. */
export const REQUIRED_PROGRAM_IDS = [
  'turnover',
  'reputation',
  'psych-safety',
  'no-curriculum',
  'service-over-education',
  'no-mentorship',
  'img-bias',
  'visa-ambiguity',
  'always-on',
  'startup-chaos',
  'marketing-gap',
  'cheap-labor',
  'wellness-silence',
  'visa-leverage',
  'fellow-access',
  'alumni-outcomes',
  'fellow-hesitation',
  'mistake-blame',
] as const;

export const REQUIRED_SELF_IDS = [
  'exam-failure',
  'gap',
  'disciplinary',
  'weak-clinical',
  'nonlinear-path',
  'limited-usce',
  'communication',
] as const;

/** The draft commands (another feature) each self item must point to, by command name only. */
export const REQUIRED_DRAFTS: Record<string, string> = {
  gap: '/draft gap',
  'exam-failure': '/draft failure',
  disciplinary: '/draft disclosure',
};

export const SEVERITIES = ['minor', 'major', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens, like img-bias');
const line = (max: number) => z.string().trim().min(3).max(max);
// Button and select labels: Discord allows 80 characters on a button, we keep titles well under.
const title = z.string().trim().min(3).max(60);

const programItemSchema = z.strictObject({
  id: slug,
  title,
  category: slug,
  severity: z.enum(SEVERITIES),
  question: line(300),
  signs: line(400),
  why: line(600),
  ask: z.array(line(300)).default([]),
  backchannel: z.array(line(300)).default([]),
  healthy: line(400),
  guide: slug,
});
export type ProgramItem = z.infer<typeof programItemSchema>;

export const programFileSchema = z.strictObject({
  categories: z.array(z.strictObject({ id: slug, label: title })).min(1),
  items: z.array(programItemSchema).min(1).max(40),
  healthy: z.array(line(300)).min(1),
  nextSteps: z.strictObject({
    rank: z.array(line(500)).min(1),
    inProgram: z.array(line(500)).min(1),
    guide: z.array(slug).default([]),
  }),
});
export type ProgramContent = z.infer<typeof programFileSchema>;

const selfItemSchema = z.strictObject({
  id: slug,
  title,
  severity: z.enum(SEVERITIES),
  question: line(300),
  selfCheck: line(400),
  worry: z.array(line(300)).min(1),
  framework: z.strictObject({ name: line(60), steps: z.array(line(400)).min(1) }),
  evidence: z.array(line(300)).min(1),
  draft: z
    .string()
    .regex(/^\/[a-z]+(?: [a-z-]+)?$/, 'a command like /draft gap')
    .optional(),
  guide: z.array(slug).min(1),
});
export type SelfItem = z.infer<typeof selfItemSchema>;

export const selfFileSchema = z.strictObject({
  items: z.array(selfItemSchema).min(1).max(20),
  general: z.strictObject({ steps: z.array(line(500)).min(1), guide: z.array(slug).default([]) }),
});
export type SelfContent = z.infer<typeof selfFileSchema>;

export interface RedflagContent {
  program: ProgramContent;
  self: SelfContent;
  /** Guide section titles by id, for the sources line of reports. */
  sections: Map<string, { id: string; title: string; guide: string; reviewed: string }>;
}

export const PROGRAM_FILE = path.join('redflags', 'program-items.yaml');
export const SELF_FILE = path.join('redflags', 'self-items.yaml');

/** Ids used twice, and required ids that are missing: scripts and tests rely on the ids. */
function idProblems(file: string, items: { id: string }[], required: readonly string[]): ContentProblem[] {
  const ids = items.map((i) => i.id);
  const problems: ContentProblem[] = ids
    .filter((id, i) => ids.indexOf(id) !== i)
    .map((id) => ({ file, field: 'items', message: `the id "${id}" is used twice` }));
  for (const id of required) {
    if (!ids.includes(id)) problems.push({ file, field: 'items', message: `the item "${id}" is missing (scripts rely on it)` });
  }
  return problems;
}

function crossCheckProgram(c: ProgramContent, guideIds: Set<string>): ContentProblem[] {
  const file = PROGRAM_FILE;
  const problems: ContentProblem[] = idProblems(file, c.items, REQUIRED_PROGRAM_IDS);
  const categories = new Set(c.categories.map((k) => k.id));
  c.items.forEach((item, i) => {
    if (!categories.has(item.category)) {
      problems.push({
        file,
        field: `items[${i}].category`,
        message: `"${item.category}" is not a category (${[...categories].join(', ')})`,
      });
    }
    if (!item.ask.length && !item.backchannel.length) {
      problems.push({ file, field: `items[${i}]`, message: 'needs at least one `ask` or `backchannel` question' });
    }
    if (!guideIds.has(item.guide))
      problems.push({ file, field: `items[${i}].guide`, message: `no guide section "${item.guide}"` });
  });
  c.nextSteps.guide.forEach((g, i) => {
    if (!guideIds.has(g)) problems.push({ file, field: `nextSteps.guide[${i}]`, message: `no guide section "${g}"` });
  });
  return problems;
}

function crossCheckSelf(c: SelfContent, guideIds: Set<string>): ContentProblem[] {
  const file = SELF_FILE;
  const problems: ContentProblem[] = idProblems(file, c.items, REQUIRED_SELF_IDS);
  c.items.forEach((item, i) => {
    const wanted = REQUIRED_DRAFTS[item.id];
    if (wanted && item.draft !== wanted) {
      problems.push({ file, field: `items[${i}].draft`, message: `must be "${wanted}" (the draft command for this flag)` });
    }
    item.guide.forEach((g, j) => {
      if (!guideIds.has(g)) problems.push({ file, field: `items[${i}].guide[${j}]`, message: `no guide section "${g}"` });
    });
  });
  c.general.guide.forEach((g, i) => {
    if (!guideIds.has(g)) problems.push({ file, field: `general.guide[${i}]`, message: `no guide section "${g}"` });
  });
  return problems;
}

/** Loads and cross-checks both questionnaires against the guide; collects every problem before failing. */
export async function loadRedflagContent(contentDir: string): Promise<RedflagContent> {
  const [guide, program, self] = await Promise.all([
    loadGuide(contentDir),
    readYaml(path.join(contentDir, PROGRAM_FILE), programFileSchema, contentDir),
    readYaml(path.join(contentDir, SELF_FILE), selfFileSchema, contentDir),
  ]);
  const guideIds = new Set(guide.byId.keys());
  const problems: ContentProblem[] = [];
  if ('problems' in program) problems.push(...program.problems);
  else problems.push(...crossCheckProgram(program.value, guideIds));
  if ('problems' in self) problems.push(...self.problems);
  else problems.push(...crossCheckSelf(self.value, guideIds));
  if (problems.length || !('value' in program) || !('value' in self)) throw new ContentError(problems);
  const guideTitles = new Map(guide.sources.map((s) => [s.id, s.title]));
  const sections = new Map(
    guide.sections.map((s) => [
      s.id,
      { id: s.id, title: s.title, guide: guideTitles.get(s.source) ?? s.source, reviewed: s.reviewed },
    ]),
  );
  return { program: program.value, self: self.value, sections };
}

/** Loaded once per content folder (see oncePerFolder). */
export const getRedflagContent = oncePerFolder(loadRedflagContent);

export function categoryLabel(content: ProgramContent, id: string): string {
  return content.categories.find((c) => c.id === id)?.label ?? id;
}
