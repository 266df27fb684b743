import path from 'node:path';
import { z } from 'zod';
import { oncePerFolder } from '../../content/memo.js';
import { ContentError, type ContentProblem, readYaml } from '../../content/yaml-file.js';
import { CUE_PATTERN, compileCues } from './cues.js';

export const CATEGORIES = ['motivation', 'behavioral', 'informatics', 'img', 'program'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Every question id starts with its category's prefix, so an id alone says where it belongs. */
const ID_PREFIX: Record<Category, string> = {
  motivation: 'mot-',
  behavioral: 'beh-',
  informatics: 'inf-',
  img: 'img-',
  program: 'prog-',
};

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens, like beh-mistake');
const cue = z.string().regex(CUE_PATTERN, 'a cue is lower-case words, digits or % with an optional trailing *');
const line = (min: number, max: number) => z.string().trim().min(min).max(max);

const questionSchema = z.strictObject({
  id: slug.max(40),
  category: z.enum(CATEGORIES),
  text: line(8, 200),
  star: z.boolean(),
  /** A short factual answer is the right one (visa questions). */
  brief: z.boolean().optional(),
  listen: line(10, 200),
  points: z
    .array(z.strictObject({ label: line(3, 100), cues: z.array(cue).min(1) }))
    .min(2)
    .max(6),
});
const questionsFileSchema = z.strictObject({ questions: z.array(questionSchema).min(40) });

const askFileSchema = z.strictObject({
  intro: line(20, 600),
  roles: z
    .array(
      z.strictObject({
        id: z.enum(['director', 'faculty', 'fellows']),
        title: line(3, 60),
        focus: line(3, 120),
        questions: z.array(z.strictObject({ topic: line(2, 40), text: line(10, 300), listen: line(10, 300).optional() })).min(3),
      }),
    )
    .length(3),
});

const planFileSchema = z.strictObject({
  intro: line(20, 600),
  weeks: z
    .array(
      z.strictObject({
        title: line(3, 60),
        read: z.array(line(5, 300)).default([]),
        watch: z.array(line(5, 300)).default([]),
        tasks: z.array(line(5, 300)).min(1),
      }),
    )
    .length(3),
  merged_title: line(3, 80),
  last48: z.array(line(5, 300)).min(3),
});

export const STORY_PARTS = ['origin', 'motivation', 'action', 'transition', 'future'] as const;
export type StoryPart = (typeof STORY_PARTS)[number];

const storyFileSchema = z.strictObject({
  parts: z
    .array(z.strictObject({ id: z.enum(STORY_PARTS), title: line(3, 60), expand: line(10, 300) }))
    .length(STORY_PARTS.length)
    .refine(
      (parts) => new Set(parts.map((p) => p.id)).size === parts.length,
      'each part (origin, motivation, action, transition, future) once',
    ),
  skills: z.array(z.strictObject({ cues: z.array(cue).min(1), skill: line(10, 200) })).min(1),
  fallback_skill: line(10, 200),
});

export type QuestionEntry = z.infer<typeof questionSchema>;
export interface TalkingPoint {
  label: string;
  re: RegExp;
}
export interface BankQuestion extends Omit<QuestionEntry, 'points'> {
  points: TalkingPoint[];
}
export type AskContent = z.infer<typeof askFileSchema>;
export type PlanContent = z.infer<typeof planFileSchema>;
export interface StoryContent {
  parts: z.infer<typeof storyFileSchema>['parts'];
  skills: { re: RegExp; skill: string }[];
  fallbackSkill: string;
}

export interface InterviewContent {
  questions: BankQuestion[];
  byId: Map<string, BankQuestion>;
  ask: AskContent;
  plan: PlanContent;
  story: StoryContent;
}

export function compileQuestion(q: QuestionEntry): BankQuestion {
  return { ...q, points: q.points.map((p) => ({ label: p.label, re: compileCues(p.cues) })) };
}

function checkQuestions(questions: QuestionEntry[], file: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    if (seen.has(q.id)) problems.push({ file, field: `questions[${i}].id`, message: `"${q.id}" is used twice` });
    seen.add(q.id);
    const prefix = ID_PREFIX[q.category];
    if (!q.id.startsWith(prefix)) {
      problems.push({ file, field: `questions[${i}].id`, message: `a ${q.category} question id starts with "${prefix}"` });
    }
  });
  for (const c of CATEGORIES) {
    const n = questions.filter((q) => q.category === c).length;
    if (n < 3) problems.push({ file, field: 'questions', message: `category "${c}" has ${n} questions; it needs at least 3` });
  }
  return problems;
}

/** Loads and cross-checks everything /interview reads; collects every problem before failing. */
export async function loadInterviewContent(contentDir: string): Promise<InterviewContent> {
  const dir = path.join(contentDir, 'interview');
  const [questions, ask, plan, story] = await Promise.all([
    readYaml(path.join(dir, 'questions.yaml'), questionsFileSchema, contentDir),
    readYaml(path.join(dir, 'ask-the-program.yaml'), askFileSchema, contentDir),
    readYaml(path.join(dir, 'plan.yaml'), planFileSchema, contentDir),
    readYaml(path.join(dir, 'story.yaml'), storyFileSchema, contentDir),
  ]);
  const problems: ContentProblem[] = [];
  for (const res of [questions, ask, plan, story]) if ('problems' in res) problems.push(...res.problems);
  if ('value' in questions) problems.push(...checkQuestions(questions.value.questions, path.join('interview', 'questions.yaml')));
  if (!('value' in questions && 'value' in ask && 'value' in plan && 'value' in story) || problems.length) {
    throw new ContentError(problems);
  }
  const bank = questions.value.questions.map(compileQuestion);
  return {
    questions: bank,
    byId: new Map(bank.map((q) => [q.id, q])),
    ask: ask.value,
    plan: plan.value,
    story: {
      parts: story.value.parts,
      skills: story.value.skills.map((s) => ({ re: compileCues(s.cues), skill: s.skill })),
      fallbackSkill: story.value.fallback_skill,
    },
  };
}

/** Loaded once per content folder (see oncePerFolder). */
export const getInterviewContent = oncePerFolder(loadInterviewContent);
