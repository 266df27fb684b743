import type { Feature } from '../core/feature.js';
import { getGuide } from './guide.js';
import { ContentError, type ContentProblem, formatProblem } from './yaml-file.js';

/**
 * `content:check`: every feature's content loaders, and every guide section a feature cites,
 * with each problem named once (by file, line and field where the loader knows them).
 */
export async function checkAllContent(
  contentDir: string,
  features: Pick<Feature, 'name' | 'content' | 'guideRefs'>[],
): Promise<{ problems: ContentProblem[]; checked: string[] }> {
  const problems: ContentProblem[] = [];
  const checked: string[] = [];
  for (const c of features.flatMap((f) => f.content)) {
    try {
      await c.load(contentDir);
      checked.push(c.name);
    } catch (err) {
      if (err instanceof ContentError) problems.push(...err.problems);
      else problems.push({ file: c.name, message: err instanceof Error ? err.message : String(err) });
    }
  }
  const citing = features.filter((f) => f.guideRefs);
  if (citing.length) {
    const guide = await getGuide(contentDir).catch(() => undefined);
    // A broken guide is already reported above; its ids cannot be checked until it loads.
    if (guide) {
      for (const f of citing) {
        const missing = (await f.guideRefs?.(contentDir))?.filter((id) => !guide.byId.has(id)) ?? [];
        for (const id of missing) {
          problems.push({ file: `${f.name} (code)`, message: `cites the guide section "${id}", which no guide file has` });
        }
        checked.push(`guide sections cited by ${f.name}`);
      }
    }
  }
  // Features that read the guide report its problems too: each problem is listed once.
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const line = formatProblem(p);
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
  return { problems: unique, checked };
}
