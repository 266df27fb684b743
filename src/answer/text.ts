/**
 * Normalisation shared by indexing and querying, so a question and the content meet in one
 * vocabulary: lower case, field jargon folded to one token (H-1B, h1b, "h 1b" -> h1b), small
 * words dropped.
 */
export const STOP_WORDS = new Set(
  `a about above after again all also am an and any are as at be because been before being below between both but by
  can could did do does doing done down during each else ever few for from further get gets getting give go going got
  had has have having he her here hers him his how i if in into is it its itself just know let like me might mine more
  most much must my myself need needs no nor not now of off on once only or other our ours out over own please really
  same say she should so some such tell than thank thanks that the their theirs them then there these they thing things
  this those through to too under until up us very want wants was way we were what whats when where which while who whom
  why will with would yes yet you your yours yourself hi hello hey pls plz ok okay u ur im id ive dont cant wont isnt
  anyone someone somebody anybody guys guy folks explain mean means meaning info information help question questions
  actually basically kind sort lot lots something anything everything stuff`.split(/\s+/),
);

export interface Folding {
  pattern: RegExp | null;
  canonical: Map<string, string>;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles synonym groups (first word canonical) into one longest-first replacement. */
export function compileFolding(groups: string[][]): Folding {
  const canonical = new Map<string, string>();
  for (const [head, ...rest] of groups) {
    if (!head) continue;
    for (const variant of rest) canonical.set(variant.toLowerCase(), head.toLowerCase());
  }
  const variants = [...canonical.keys()].sort((a, b) => b.length - a.length).map(escapeRe);
  const pattern = variants.length ? new RegExp(`(?<![a-z0-9])(?:${variants.join('|')})(?![a-z0-9])`, 'g') : null;
  return { pattern, canonical };
}

export function foldText(text: string, folding: Folding): string {
  const lower = text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-');
  if (!folding.pattern) return lower;
  return lower.replace(folding.pattern, (m) => folding.canonical.get(m) ?? m);
}

/** Words of a text after folding; apostrophes are dropped so "what's" -> "whats". */
export function words(text: string, folding: Folding): string[] {
  return (
    foldText(text, folding)
      .replace(/'/g, '')
      .match(/[a-z0-9]+/g) ?? []
  );
}

/** A light English stemmer: enough for plurals and -ing/-ed forms to meet. */
export function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 5) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 6) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('es') && /(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/** The meaningful terms of a text: folded, stop words dropped, stemmed. */
export function terms(text: string, folding: Folding): string[] {
  return words(text, folding)
    .filter((w) => !STOP_WORDS.has(w) && (w.length > 1 || /\d/.test(w)))
    .map(stem);
}
