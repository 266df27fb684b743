/**
 * Sentence plumbing for drafts: members type fragments, sentences, lists, with or without a
 * capital or a final period, and the draft must read as if one careful person wrote it.
 */

/** Abbreviations whose period is not the end of a sentence. */
const ABBREVIATIONS = [
  'u.s.',
  'u.k.',
  'u.s.a.',
  'e.g.',
  'i.e.',
  'etc.',
  'dr.',
  'mr.',
  'mrs.',
  'ms.',
  'prof.',
  'st.',
  'jr.',
  'vs.',
  'no.',
  'a.m.',
  'p.m.',
];

function endsWithAbbreviation(text: string): boolean {
  const last = text.trim().split(/\s+/).pop()?.toLowerCase() ?? '';
  return ABBREVIATIONS.some((a) => last === a || last.endsWith(`(${a}`));
}

/**
 * Tidies what a member typed: one space between words, the pronoun "I" capitalized, no space
 * before punctuation, no doubled or trailing commas, no ellipses.
 */
export function cleanText(raw: string): string {
  return raw
    .replace(/\s+/g, ' ')
    .replace(/\s*(?:\.{3,}|…)\s*(?=\S)/g, ', ')
    .replace(/\s*(?:\.{3,}|…)\s*$/g, '.')
    .replace(/\bi\b(?=\s|'|’|$)/g, 'I')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/([,;:])\1+/g, '$1')
    .replace(/([!?])[!?]+/g, '$1')
    .replace(/([^.])\.\.(?!\.)/g, '$1.')
    .replace(/[,;:]+([.!?])/g, '$1')
    .replace(/,(?=\S)(?!\d)/g, ', ')
    .trim()
    .replace(/^[,;:.\-–—\s]+/, '')
    .trim();
}

export function capitalizeFirst(text: string): string {
  return text.replace(/^(["'“‘(]*)(\p{Ll})/u, (_m, pre: string, c: string) => `${pre}${c.toUpperCase()}`);
}

/** Common words that may lose their capital when they move to the middle of a sentence. */
const LOWERABLE = new Set(
  `a an the my our his her their its this that these those some several many most all each every both no any
  one two three four five six seven eight nine ten first second third last next another
  after before during while when since because as at in on for with from to by through over under about around
  it there we they he she you
  online part-time full-time remote local weekly daily monthly formal informal independent structured self-directed self-paced
  volunteer voluntary clinical medical research free new small short long hospital community personal family regular
  intensive additional extra more less better active passive limited poor weak repeated frequent unpaid paid
  not only also then later still just always never consistent steady strong excellent good positive clean
  nobody nothing everyone everybody someone somebody none neither either too very much lack insufficient inadequate
  full half timed untimed practice question studying reading working what how why where
  visa visas immigration observership observerships externship internship residency fellowship job role position work
  course courses certificate certification diploma degree training exam exams preparation prep study studies
  probation warning responsibility ownership coaching counseling counselling mentoring mentorship therapy meetings
  data analysis teaching tutoring shadowing volunteering delay delays illness record grades evaluations letters`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Lower-cases the first letter when the first word is an ordinary word (a verb form the caller
 * recognised, or a common word), never a name, an acronym or "I".
 */
export function lowerFirstIfSafe(text: string, firstWordIsVerb = false): string {
  const m = /^([A-Z][a-z’'-]*)(?=$|[\s,.;:!?])/.exec(text);
  if (!m?.[1]) return text;
  const word = m[1];
  if (word === 'I' || word.startsWith("I'") || word.startsWith('I’')) return text;
  if (!firstWordIsVerb && !LOWERABLE.has(word.toLowerCase())) return text;
  return word.charAt(0).toLowerCase() + text.slice(1);
}

/** Removes the final punctuation so the text can sit inside a longer sentence; keeps "U.S." whole. */
export function stripEnd(text: string): string {
  const t = text.trim();
  if (endsWithAbbreviation(t)) return t;
  return t.replace(/[\s.!?;:,]+$/, '');
}

/** True when the text already ends a sentence (with its own mark, or an abbreviation's period). */
export function endsSentence(text: string): boolean {
  return /[.!?]["'”’)]*$/.test(text.trim());
}

/** One or more sentences as the member wrote them, each starting with a capital and ending with a mark. */
export function asSentences(raw: string): string {
  return splitSentences(cleanText(raw))
    .map((s) => {
      const body = capitalizeFirst(s.replace(/[;:,]+$/, ''));
      return endsSentence(body) ? body : `${body}.`;
    })
    .join(' ');
}

/** Ends a composed sentence with exactly one period. */
export function closeSentence(text: string): string {
  const t = text.trim().replace(/[\s,;:]+$/, '');
  return capitalizeFirst(endsSentence(t) ? t : `${t}.`);
}

/** Splits text into sentences, not breaking after "U.S." or "e.g.". */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let current = '';
  const parts = text.split(/(?<=[.!?]["'”’)]*)\s+/);
  for (const part of parts) {
    current = current ? `${current} ${part}` : part;
    const lastWord = current.split(/\s+/).pop() ?? '';
    const isAbbrev = ABBREVIATIONS.includes(lastWord.toLowerCase().replace(/^\(/, ''));
    if (!isAbbrev) {
      out.push(current);
      current = '';
    }
  }
  if (current) out.push(current);
  return out.map((s) => s.trim()).filter(Boolean);
}

export function firstSentence(text: string): string {
  return splitSentences(cleanText(text))[0] ?? '';
}

export function countSentences(text: string): number {
  return splitSentences(text.trim()).length;
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * Joins items the way a careful writer does: "a", "a and b", "a, b, and c"; when an item has a
 * comma of its own, semicolons keep the list readable.
 */
export function joinList(items: string[], conjunction = 'and'): string {
  const list = items.map((i) => i.trim()).filter(Boolean);
  if (list.length <= 1) return list[0] ?? '';
  if (list.length === 2) return `${list[0]} ${conjunction} ${list[1]}`;
  const sep = list.some((i) => i.includes(',')) ? ';' : ',';
  return `${list.slice(0, -1).join(`${sep} `)}${sep} ${conjunction} ${list[list.length - 1]}`;
}

/** Joins finished sentences into a paragraph and smooths any seam the joins left. */
export function paragraph(sentences: string[]): string {
  return tidy(
    sentences
      .map((s) => s.trim())
      .filter(Boolean)
      .join(' '),
  );
}

/** A last pass over composed text: single spaces, no space before punctuation, no doubled marks. */
export function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/,\s*([.;:!?])/g, '$1')
    .replace(/;\s*([.!?])/g, '$1')
    .replace(/([^.])\.\.(?!\.)/g, '$1.')
    .replace(/([,;])\1+/g, '$1')
    .trim();
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface YearMonth {
  year: number;
  month: number;
}

export function parseYearMonth(s: string): YearMonth {
  const [y, m] = s.split('-');
  return { year: Number(y), month: Number(m) };
}

export function monthName(ym: YearMonth): string {
  return `${MONTHS[ym.month - 1]} ${ym.year}`;
}

/** Calendar months the period touches: July 2021 to December 2022 is 18. */
export function monthsSpanned(start: YearMonth, end: YearMonth): number {
  return end.year * 12 + end.month - (start.year * 12 + start.month) + 1;
}

/** "From July 2021 to December 2022", "From March to August 2021", "In July 2021". */
export function periodPhrase(start: YearMonth, end: YearMonth, style: 'from' | 'between'): string {
  const [a, b] = style === 'from' ? ['From', 'to'] : ['Between', 'and'];
  if (start.year === end.year && start.month === end.month) return `In ${monthName(start)}`;
  if (start.year === end.year) return `${a} ${MONTHS[start.month - 1]} ${b} ${monthName(end)}`;
  return `${a} ${monthName(start)} ${b} ${monthName(end)}`;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];

export function ordinal(n: number): string {
  return ORDINALS[n - 1] ?? `${n}th`;
}
