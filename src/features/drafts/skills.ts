import type { DraftLexicon, Skill } from './lexicon.js';
import { cleanText } from './prose.js';
import type { ActivityMapping } from './types.js';

/** Which informatics skills each activity points to, by the keywords in content/drafts/skills.yaml. */
export function mapActivities(activities: string[], lexicon: DraftLexicon): ActivityMapping[] {
  return activities.map((a) => ({
    activity: cleanText(a),
    skills: lexicon.skills.filter((s) => s.matchers.some((m) => m.re.test(a))).map((s) => s.id),
  }));
}

/** The skills shown by any activity, in the content file's order. */
export function skillsShown(mapping: ActivityMapping[], lexicon: DraftLexicon): Skill[] {
  const ids = new Set(mapping.flatMap((m) => m.skills));
  return lexicon.skills.filter((s) => ids.has(s.id));
}
