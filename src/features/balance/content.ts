import path from 'node:path';
import { z } from 'zod';
import { loadGuide } from '../../content/guide.js';
import { oncePerFolder } from '../../content/memo.js';
import { ContentError, type ContentProblem, readYaml } from '../../content/yaml-file.js';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens');
/** Guide section ids; the loader checks each one exists so every claim links to its source. */
const sectionIds = z.array(slug).min(1);
const line = (max: number) => z.string().trim().min(3).max(max);

const specialtySchema = z.strictObject({
  id: slug,
  name: line(40),
  abbreviations: z.array(z.string().trim().min(1).max(30)).default([]),
  /** false: the guides only name it as a feeder specialty, so pros and cons stay empty. */
  described: z.boolean(),
  tagline: line(90),
  pros: z.array(line(120)).max(4),
  cons: z.array(line(120)).max(4),
  lifestyle: line(160),
  informatics: line(240),
  sections: sectionIds,
});
export type Specialty = z.infer<typeof specialtySchema>;

export const specialtiesFileSchema = z.strictObject({ specialties: z.array(specialtySchema).min(1) }).superRefine((file, ctx) => {
  file.specialties.forEach((s, i) => {
    if (s.described && (!s.pros.length || !s.cons.length)) {
      ctx.addIssue({ code: 'custom', path: ['specialties', i, 'pros'], message: 'a described specialty needs pros and cons' });
    }
    if (!s.described && (s.pros.length || s.cons.length)) {
      ctx.addIssue({
        code: 'custom',
        path: ['specialties', i, 'pros'],
        message: 'set described: true before adding pros or cons',
      });
    }
  });
});

const stageSchema = z.strictObject({
  id: slug,
  name: line(60),
  hours: line(140),
  week: z.array(line(160)).min(1),
  protect: z.array(line(160)).min(1),
  models: z.array(z.strictObject({ name: line(60), example: line(140), rhythm: line(160) })).optional(),
  sections: sectionIds,
});
export type Stage = z.infer<typeof stageSchema>;

const visaPathSchema = z.strictObject({
  id: slug,
  name: line(40),
  shapes: z.array(line(200)).min(1),
  plan: line(200),
  sections: sectionIds,
});
export type VisaPath = z.infer<typeof visaPathSchema>;

export const stagesFileSchema = z.strictObject({
  stages: z.array(stageSchema).min(1),
  visas: z.array(visaPathSchema).min(1),
});

export const DIMENSIONS = ['time', 'energy', 'control', 'growth', 'well-being'] as const;
export type DimensionId = (typeof DIMENSIONS)[number];

const dimensionSchema = z.strictObject({
  id: z.enum(DIMENSIONS),
  name: line(20),
  /** Form label: Discord modals allow 45 characters. */
  label: line(45),
  covers: line(160),
  strategies: z.array(slug).min(1).max(4),
});
export type Dimension = z.infer<typeof dimensionSchema>;

const strategySchema = z.strictObject({ id: slug, title: line(60), text: line(300), section: slug });
export type Strategy = z.infer<typeof strategySchema>;

export const strategiesFileSchema = z.strictObject({
  dimensions: z.array(dimensionSchema).length(DIMENSIONS.length),
  strategies: z.array(strategySchema).min(1),
});

export interface BalanceContent {
  specialties: Specialty[];
  stages: Stage[];
  visas: VisaPath[];
  dimensions: Dimension[];
  strategies: Map<string, Strategy>;
  /** Guide sections by id (title and source guide), for the sources line under each reply. */
  sections: Map<string, { title: string; guide: string; reviewed: string }>;
}

function duplicates(ids: string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

/**
 * Loads content/balance/*.yaml and cross-checks it: section ids must exist in the guide, strategy
 * ids must exist, each dimension appears once, and no name or abbreviation means two specialties.
 */
export async function loadBalanceContent(contentDir: string): Promise<BalanceContent> {
  const dir = path.join(contentDir, 'balance');
  const problems: ContentProblem[] = [];
  const [spec, stages, strat, guide] = await Promise.all([
    readYaml(path.join(dir, 'specialties.yaml'), specialtiesFileSchema, contentDir),
    readYaml(path.join(dir, 'stages.yaml'), stagesFileSchema, contentDir),
    readYaml(path.join(dir, 'strategies.yaml'), strategiesFileSchema, contentDir),
    loadGuide(contentDir),
  ]);
  for (const r of [spec, stages, strat]) if ('problems' in r) problems.push(...r.problems);
  if (!('value' in spec && 'value' in stages && 'value' in strat)) throw new ContentError(problems);

  const checkSections = (file: string, owner: string, ids: string[]) => {
    for (const id of ids) {
      if (!guide.byId.has(id))
        problems.push({ file, field: `${owner}.sections`, message: `no guide section has the id "${id}"` });
    }
  };
  const specFile = 'balance/specialties.yaml';
  const names = new Map<string, string>();
  for (const s of spec.value.specialties) {
    checkSections(specFile, s.id, s.sections);
    for (const n of [s.id, s.name, ...s.abbreviations].map(normalizeName)) {
      const prior = names.get(n);
      if (prior && prior !== s.id)
        problems.push({ file: specFile, field: `${s.id}.abbreviations`, message: `"${n}" already means ${prior}` });
      names.set(n, s.id);
    }
  }
  for (const id of duplicates(spec.value.specialties.map((s) => s.id))) {
    problems.push({ file: specFile, field: 'specialties', message: `"${id}" is used twice` });
  }
  const stagesFile = 'balance/stages.yaml';
  for (const s of stages.value.stages) checkSections(stagesFile, s.id, s.sections);
  for (const v of stages.value.visas) checkSections(stagesFile, v.id, v.sections);

  const stratFile = 'balance/strategies.yaml';
  const strategies = new Map(strat.value.strategies.map((s) => [s.id, s]));
  for (const s of strat.value.strategies) checkSections(stratFile, s.id, [s.section]);
  for (const id of duplicates(strat.value.dimensions.map((d) => d.id))) {
    problems.push({ file: stratFile, field: 'dimensions', message: `"${id}" appears twice` });
  }
  for (const d of strat.value.dimensions) {
    for (const id of d.strategies) {
      if (!strategies.has(id))
        problems.push({ file: stratFile, field: `${d.id}.strategies`, message: `no strategy has the id "${id}"` });
    }
  }
  if (problems.length) throw new ContentError(problems);
  const order = (d: Dimension) => DIMENSIONS.indexOf(d.id);
  return {
    specialties: spec.value.specialties,
    stages: stages.value.stages,
    visas: stages.value.visas,
    dimensions: [...strat.value.dimensions].sort((a, b) => order(a) - order(b)),
    strategies,
    sections: new Map(
      guide.sections.map((s) => [
        s.id,
        { title: s.title, guide: guide.sources.find((g) => g.id === s.source)?.title ?? s.source, reviewed: s.reviewed },
      ]),
    ),
  };
}

/** Lower case, punctuation folded to spaces: "Peds." and "peds" are the same name. */
export function normalizeName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9/]+/g, ' ')
    .trim();
}

/** Loaded once per content folder (see oncePerFolder). */
export const getBalanceContent = oncePerFolder(loadBalanceContent);
