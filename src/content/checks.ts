import { loadBalanceContent } from '../features/balance/content.js';
import { loadDraftLexicon } from '../features/drafts/lexicon.js';
import { loadInterviewContent } from '../features/interview/content.js';
import { loadRedflagContent } from '../features/redflags/items.js';
import { loadGuide } from './guide.js';
import { ContentError, type ContentProblem, formatProblem } from './yaml-file.js';

/**
 * Every content loader, so `npm run content:check` validates all that advisors edit.
 * A feature with content of its own adds its loader here.
 */
export const contentChecks: { name: string; load(contentDir: string): Promise<unknown> }[] = [
  { name: 'guide sections', load: loadGuide },
  { name: 'red-flag questionnaires', load: loadRedflagContent },
  { name: 'balance specialties, stages and strategies', load: loadBalanceContent },
  { name: 'draft word lists and skills', load: loadDraftLexicon },
  { name: 'interview questions, ask-the-program, plan and story', load: loadInterviewContent },
];

export async function checkAllContent(contentDir: string): Promise<{ problems: ContentProblem[]; checked: string[] }> {
  const problems: ContentProblem[] = [];
  const checked: string[] = [];
  for (const c of contentChecks) {
    try {
      await c.load(contentDir);
      checked.push(c.name);
    } catch (err) {
      if (err instanceof ContentError) problems.push(...err.problems);
      else problems.push({ file: c.name, message: err instanceof Error ? err.message : String(err) });
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
