import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { oncePerFolder } from './memo.js';
import { guideFileSchema, type Section, type SourceGuide, sourcesFileSchema, synonymsFileSchema } from './schema.js';
import { ContentError, type ContentProblem, readYaml } from './yaml-file.js';

export interface Guide {
  sections: Section[];
  sources: SourceGuide[];
  synonyms: string[][];
  specifics: string[];
  alternatives: string[][];
  byId: Map<string, Section>;
}

async function yamlFiles(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names
      .filter((n) => /\.ya?ml$/.test(n))
      .sort()
      .map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

/** Loads and cross-checks the answerable guide content. Collects every problem before failing. */
export async function loadGuide(contentDir: string): Promise<Guide> {
  const problems: ContentProblem[] = [];
  const sourcesRes = await readYaml(path.join(contentDir, 'sources.yaml'), sourcesFileSchema, contentDir);
  const synonymsRes = await readYaml(path.join(contentDir, 'synonyms.yaml'), synonymsFileSchema, contentDir);
  const sources = 'value' in sourcesRes ? sourcesRes.value.guides : [];
  const synonyms = 'value' in synonymsRes ? synonymsRes.value.groups : [];
  const specifics = 'value' in synonymsRes ? synonymsRes.value.specifics : [];
  const alternatives = 'value' in synonymsRes ? synonymsRes.value.alternatives : [];
  if ('problems' in sourcesRes) problems.push(...sourcesRes.problems);
  if ('problems' in synonymsRes) problems.push(...synonymsRes.problems);

  const sourceIds = new Set(sources.map((s) => s.id));
  const sections: Section[] = [];
  const where = new Map<string, string>();
  const files = await yamlFiles(path.join(contentDir, 'guide'));
  if (!files.length) problems.push({ file: 'guide/', message: 'no guide files (*.yaml) found' });
  for (const file of files) {
    const res = await readYaml(file, guideFileSchema, contentDir);
    if ('problems' in res) {
      problems.push(...res.problems);
      continue;
    }
    const rel = path.relative(contentDir, file);
    if (!sourceIds.has(res.value.source)) {
      problems.push({
        file: rel,
        field: 'source',
        message: `"${res.value.source}" is not a guide in sources.yaml (${[...sourceIds].join(', ')})`,
      });
    }
    res.value.sections.forEach((s, i) => {
      const prior = where.get(s.id);
      if (prior) problems.push({ file: rel, field: `sections[${i}].id`, message: `"${s.id}" is already used in ${prior}` });
      where.set(s.id, rel);
      sections.push({ ...s, source: res.value.source });
    });
  }
  const byId = new Map(sections.map((s) => [s.id, s]));
  for (const s of sections) {
    for (const r of s.related) {
      if (!byId.has(r)) {
        problems.push({ file: where.get(s.id) ?? '?', field: `${s.id}.related`, message: `no section has the id "${r}"` });
      }
    }
  }
  if (problems.length) throw new ContentError(problems);
  return { sections, sources, synonyms, specifics, alternatives, byId };
}

/** The guide, loaded once per content folder: for features that cite sections but do not search. */
export const getGuide = oncePerFolder(loadGuide);
