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
  anyone someone somebody anybody guys guy folks explain mean means meaning info information help
  actually basically kind sort lot lots something anything everything stuff lol tbh btw idk
  long much many often best better good bad normal okay fine worry worried sure true real exactly every single
  pros cons pro con related actual whole completely wise nobody hope hoping hoped ended theyll youll itll thatll
  never even terrified scared nervous afraid freaking panicking ill realistically obviously absolutely wait
  told tell tells said says saying heard hear read trying try wondering wonder sorry quick honest honestly advice
  bro sis ngl rn af tho though although nah yeah yep lmao omg pls plz thx ty cuz bc literally currently also anyway
  supposed gonna wanna gotta kinda sorta pretty totally seriously probably maybe definitely legit fr ya yall hmm um uh
  doesnt didnt wasnt werent arent aint hasnt havent hadnt shouldnt wouldnt couldnt youre theyre thats theres whos`.split(/\s+/),
);

export interface Folding {
  /** Variants written with capitals ("IM") match only as written: "im" is usually "I'm". */
  exact: RegExp | null;
  pattern: RegExp | null;
  canonical: Map<string, string>;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function alternation(variants: string[], flags: string): RegExp | null {
  if (!variants.length) return null;
  // A name with a digit takes a plural as written ("H-1Bs", "J-1s"): it folds like the singular.
  const sorted = [...variants].sort((a, b) => b.length - a.length).map((v) => `${escapeRe(v)}${/\d/.test(v) ? 's?' : ''}`);
  return new RegExp(`(?<![A-Za-z0-9])(?:${sorted.join('|')})(?![A-Za-z0-9])`, flags);
}

/** Compiles synonym groups (first entry canonical) into longest-first replacements. */
export function compileFolding(groups: string[][]): Folding {
  const canonical = new Map<string, string>();
  for (const [head, ...rest] of groups) {
    if (!head) continue;
    // A head with a digit is listed too, so its own plural ("h1bs") folds to it.
    for (const variant of /\d/.test(head) ? [head, ...rest] : rest)
      canonical.set(/[A-Z]/.test(variant) ? variant : variant.toLowerCase(), head.toLowerCase());
  }
  const keys = [...canonical.keys()];
  return {
    exact: alternation(
      keys.filter((k) => /[A-Z]/.test(k)),
      'g',
    ),
    pattern: alternation(
      keys.filter((k) => !/[A-Z]/.test(k)),
      'g',
    ),
    canonical,
  };
}

export function foldText(text: string, folding: Folding): string {
  const swap = (m: string) => folding.canonical.get(m) ?? folding.canonical.get(m.slice(0, -1)) ?? m;
  // Scare quotes ("they'll just 'transfer' my visa") must not split a phrase a synonym folds.
  const unquoted = text.replace(/(^|[\s(])['"\u201c\u201d\u2018\u2019]+|['"\u201c\u201d\u2018\u2019]+(?=[\s).,;:!?]|$)/g, '$1');
  const exact = folding.exact ? unquoted.replace(folding.exact, swap) : unquoted;
  const lower = exact
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-');
  return folding.pattern ? lower.replace(folding.pattern, swap) : lower;
}

/** Words of a text after folding; apostrophes are dropped so "what's" -> "whats". */
export function words(text: string, folding: Folding): string[] {
  return (
    // Chat elongation ("heyyy", "soooo"): no English word has a letter three times in a row.
    foldText(text.replace(/([A-Za-z])\1{2,}/g, '$1'), folding)
      .replace(/'/g, '')
      .match(/[a-z0-9]+/g) ?? []
  );
}

/** A light English stemmer: enough for plurals and -ing/-ed forms to meet. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.length === 4) return /[^su]s$/.test(word) ? word.slice(0, -1) : word;
  if (word.endsWith('ies') && word.length > 5) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('es') && /(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/** The meaningful terms of a text: folded, stop words dropped, stemmed. */
export function terms(text: string, folding: Folding): string[] {
  return termsOfWords(words(text, folding));
}

/** The same, from words already folded (so a question is folded once). */
export function termsOfWords(ws: string[]): string[] {
  return ws.filter((w) => !STOP_WORDS.has(w) && (w.length > 1 || /\d/.test(w))).map(stem);
}

/**
 * Padding members wrap around a question: who said it, tag questions, sign-offs. Dropped before
 * the terms are read, so "a friend told me ..., right?" weighs like the thing the friend said.
 */
const PADDING =
  /\b(?:(?:a|my|one|some|our|the) (?:friend|fellow|senior|colleague|classmate|cousin|resident|attending|pd|program director)s? (?:told|tells|said|says|keeps? saying)(?: (?:me|us))?|(?:someone|somebody|people|everyone|they|he|she) (?:told|tells|said|says|keeps? saying)(?: (?:me|us))?|i (?:heard|read|saw) (?:that|somewhere)|(?:is that|thats|that's|its|it's) (?:right|true|correct|normal)|or nah|or not|right\s*\?|trying to|i was wondering|just wondering|quick q(?:uestion)?|(?:i have|i had|i've got|got) (?:a|one|another|some|two|a few) (?:questions?|qs?)(?: (?:about|on|regarding|for you))?|my (?:question|q) is|long post|thanks in advance|sorry)(?!\w)|\b(?:(?:two|2|three|3|a few|few|some|a couple(?: of)?|couple(?: of)?|quick|random) )?q(?:uestion)?s? ?:/gi;

export function dropPadding(text: string): string {
  // A tag question ("..., right?") still makes its sentence a question.
  return text.replace(PADDING, (m) => (m.endsWith('?') ? '?' : ' '));
}
