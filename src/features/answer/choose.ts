import type { Passage } from './passages.js';
import { ANSWER_WORDS, MAX_PASSAGES, TUNING } from './tuning.js';

/**
 * Which passages of a chosen section answer the question, and in what order: the direct answer
 * first, then what adds to it, within a chat-sized budget. Pure: the engine ranks sections and
 * passes in the question's term weights.
 */

/**
 * How much of the question a passage holds: lifted for a wanted number and for the summary's
 * opening sentence, lowered for a list's lead-in and for length.
 */
export function passageScore(
  p: Passage,
  qt: Set<string>,
  weights: Map<string, number>,
  total: number,
  wantsNumber: boolean,
): number {
  let m = 0;
  for (const t of p.terms) if (qt.has(t)) m += weights.get(t) ?? 0;
  let s = total ? m / total : 0;
  if (p.from === 'summary' && p.order === 0) s += 0.04;
  if (wantsNumber && p.number) s += 0.15;
  if (p.intro) s -= 0.08;
  if (p.words > 40) s -= (p.words - 40) * 0.003;
  return s;
}

/** The one passage a section adds to another's answer: its best statement, never a list's lead-in. */
export function leadPassage(
  passages: Passage[],
  weights: Map<string, number>,
  total: number,
  wantsNumber: boolean,
): Passage | undefined {
  const qt = new Set(weights.keys());
  let best: Passage | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const p of passages) {
    if (p.intro || /:\s*$/.test(p.text)) continue;
    const s = passageScore(p, qt, weights, total, wantsNumber) + (p.from === 'summary' ? TUNING.summaryBonus : 0);
    if (s > bestScore) {
      bestScore = s;
      best = p;
    }
  }
  return best;
}

/**
 * The direct answer and its context. A section's summary is written as the direct answer to the
 * section's question, so it leads unless a body passage holds clearly more of what was asked;
 * then the body passages that add what the summary leaves out (the asked terms it lacks, a number
 * when one is wanted, a list asked for), skipping ones that restate what is already shown.
 */
export function choosePassages(
  all: Passage[],
  weights: Map<string, number>,
  total: number,
  wantsNumber: boolean,
  listy: boolean,
  comparison = false,
): Passage[] {
  if (!all.length) return [];
  const qt = new Set(weights.keys());
  const rel = new Map(all.map((p) => [p, passageScore(p, qt, weights, total, wantsNumber)]));
  const relOf = (p: Passage) => rel.get(p) ?? 0;
  const summary = all.filter((p) => p.from === 'summary');
  const body = all.filter((p) => p.from === 'text' && !p.intro && !/:\s*$/.test(p.text));
  const summaryRel = Math.max(0, ...summary.map(relOf));
  const bestBody = [...body].sort((a, b) => relOf(b) - relOf(a) || a.order - b.order)[0];
  const out: Passage[] = [];
  let budget = ANSWER_WORDS;
  const take = (p: Passage) => {
    out.push(p);
    budget -= p.words;
  };
  // A body passage that says the asked thing far better than the summary leads.
  // A number wanted that the summary does not give: the passage giving it leads.
  const numberLead =
    wantsNumber && !summary.some((p) => p.number)
      ? body.filter((p) => p.number && relOf(p) >= TUNING.minPassage).sort((a, b) => relOf(b) - relOf(a))[0]
      : undefined;
  // A summary that gives the wanted number leads over a body passage without one.
  const summaryNumber = wantsNumber && summary.some((p) => p.number);
  if (numberLead) take(numberLead);
  else if (
    bestBody &&
    relOf(bestBody) >= summaryRel + TUNING.bodyLead &&
    bestBody.words <= budget &&
    (!summaryNumber || bestBody.number)
  )
    take(bestBody);
  // A list asked for ("which topics", "what equipment"): the best list's items, in order, after
  // the summary's first sentence.
  let bestList: Passage[] | undefined;
  if (listy) {
    const lists = new Map<number, Passage[]>();
    for (const p of body) if (p.list) lists.set(p.list, [...(lists.get(p.list) ?? []), p]);
    // The section was chosen for the question: with nothing to tell its lists apart, its first one.
    let bestScore = -1;
    for (const items of lists.values()) {
      const s = items.reduce((n, p) => n + Math.max(0, relOf(p)), 0) / Math.sqrt(items.length);
      if (items.length >= 2 && s > bestScore) {
        bestScore = s;
        bestList = items;
      }
    }
  }
  // A comparison keeps the whole summary: its sentences often say one side each.
  for (const p of bestList && !comparison ? summary.slice(0, 1) : summary) if (p.words <= budget || !out.length) take(p);
  for (const p of bestList ?? []) {
    if (out.includes(p) || p.words > budget) continue;
    take(p);
    if (out.length >= MAX_PASSAGES + 2) break;
  }
  // Then what adds to it: asked terms not yet shown, best first, while it fits.
  const shown = new Set(out.flatMap((p) => p.terms));
  const ranked = body
    .filter((p) => !out.includes(p))
    .map((p) => {
      let novel = 0;
      for (const t of p.terms) if (!shown.has(t)) novel += weights.get(t) ?? 0;
      return { p, s: relOf(p) + (total ? novel / total : 0) };
    })
    .sort((a, b) => b.s - a.s || a.p.order - b.p.order);
  for (const { p } of ranked) {
    if (out.length >= MAX_PASSAGES || budget < 8) break;
    if (p.words > budget || relOf(p) < TUNING.minPassage) continue;
    let novel = 0;
    for (const t of p.terms) if (!shown.has(t)) novel += weights.get(t) ?? 0;
    if (novel <= 0 && !(wantsNumber && p.number && !out.some((o) => o.number))) continue;
    take(p);
    for (const t of p.terms) shown.add(t);
  }
  // The lead first; the rest in the order the section tells it.
  const [first, ...rest] = out;
  return first ? [first, ...rest.sort((a, b) => a.order - b.order)] : out;
}

/**
 * Room for a second section's passage in an answer: the first section's least relevant passages
 * go (never the lead, nor the only one giving a wanted number) until the answer fits.
 */
export function makeRoom(
  chosen: Passage[],
  extra: Passage,
  weights: Map<string, number>,
  total: number,
  asksAmount: boolean,
): void {
  // A wanted number stays too, when only one passage gives it.
  const qt = new Set(weights.keys());
  const keep = (p: Passage) => asksAmount && p.number && chosen.filter((c) => c.number).length === 1;
  let words = chosen.reduce((n, p) => n + p.words, extra.words);
  while (chosen.length > 1 && words > ANSWER_WORDS + TUNING.secondSlack) {
    let worst = -1;
    for (let i = 1; i < chosen.length; i++) {
      const a = chosen[i];
      const b = chosen[worst];
      if (!a || keep(a)) continue;
      if (!b || passageScore(a, qt, weights, total, asksAmount) < passageScore(b, qt, weights, total, asksAmount)) worst = i;
    }
    if (worst < 0) break;
    words -= chosen[worst]?.words ?? 0;
    chosen.splice(worst, 1);
  }
}
