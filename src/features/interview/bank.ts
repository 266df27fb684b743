import type { AnalyzableQuestion } from './analyze.js';
import type { BankQuestion, Category, InterviewContent } from './content.js';

/** "Tell me about a time...", "Describe a mistake...": the wording that asks for a STAR story. */
const BEHAVIOURAL_WORDING =
  /\b(?:tell me about an? (?:[a-z-]+ ){0,2}(?:time|situation|case|mistake|conflict|challenge|failure|setback|occasion|experience)|describe an? (?:[a-z-]+ ){0,2}(?:time|situation|mistake|challenge|conflict|case|failure|occasion)|give (?:me |us )?an example of (?:a time|when)|an? time (?:when|you)|walk me through a (?:time|situation)|have you ever|how did you handle|what did you do when|share an? (?:example|experience|story)|talk about a time|recall a time)\b/i;

export function isBehaviouralWording(question: string): boolean {
  return BEHAVIOURAL_WORDING.test(question);
}

const simplify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function overlap(a: string, b: string): number {
  const x = new Set(simplify(a).split(' '));
  const y = new Set(simplify(b).split(' '));
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return common / (x.size + y.size - common || 1);
}

export interface ResolvedQuestion {
  question: AnalyzableQuestion;
  /** The bank question it matched, by id or wording; absent for a free-text question. */
  bank?: BankQuestion;
}

/**
 * A question given as a bank id, as (nearly) the bank's wording, or as free text. Free text has no
 * talking points, and STAR applies when its wording asks for a story.
 */
export function resolveQuestion(content: InterviewContent, input: string | undefined): ResolvedQuestion {
  const text = (input ?? '').trim();
  if (!text) return { question: { text: '', star: false, points: [] } };
  const byId = content.byId.get(text.toLowerCase());
  if (byId) return { question: byId, bank: byId };
  let best: BankQuestion | undefined;
  let bestScore = 0;
  for (const q of content.questions) {
    const score = simplify(q.text) === simplify(text) ? 1 : overlap(q.text, text);
    if (score > bestScore) [best, bestScore] = [q, score];
  }
  if (best && bestScore >= 0.75) return { question: best, bank: best };
  return { question: { text, star: isBehaviouralWording(text), points: [] } };
}

/** Fisher-Yates with an injectable random source, so tests can fix the order. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Questions for one drill: from one category, or a mix that takes turns across categories. */
export function pickQuestions(
  content: InterviewContent,
  category: Category | 'mixed',
  count: number,
  random: () => number = Math.random,
): BankQuestion[] {
  if (category !== 'mixed')
    return shuffled(
      content.questions.filter((q) => q.category === category),
      random,
    ).slice(0, count);
  const byCategory = new Map<Category, BankQuestion[]>();
  for (const q of shuffled(content.questions, random)) {
    const list = byCategory.get(q.category) ?? [];
    list.push(q);
    byCategory.set(q.category, list);
  }
  const lanes = shuffled([...byCategory.values()], random);
  const out: BankQuestion[] = [];
  for (let round = 0; out.length < count && lanes.some((l) => l.length > round); round++) {
    for (const lane of lanes) {
      const q = lane[round];
      if (q && out.length < count) out.push(q);
    }
  }
  return out;
}
