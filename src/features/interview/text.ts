/** Shared text helpers for the answer analyzer: words, sentences, tokens, numbers. */

/** Words as a listener hears them: whitespace-separated pieces with a letter or digit. */
export function countWords(text: string): number {
  let n = 0;
  for (const piece of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(piece)) n++;
  return n;
}

export function splitSentences(normalized: string): string[] {
  return normalized
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => /[a-z0-9]/.test(s));
}

/** Words and the punctuation that matters for spoken style (commas, stops, dashes). */
export function tokenize(normalized: string): string[] {
  return normalized.match(/[a-z0-9]+(?:['-][a-z0-9]+)*|[,.;:!?()"]|\s[-–—]\s|—/g)?.map((t) => t.trim()) ?? [];
}

export const PUNCT = new Set([',', '.', ';', ':', '!', '?', '(', ')', '"', '-', '–', '—']);
export const SENTENCE_END = new Set(['.', '!', '?']);

export const NUMBER_WORDS =
  'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|half|twice|dozens?';

/** A spoken or written quantity ("30%", "74", "twenty-six", "half"). "one" is left out: it is mostly not a count. */
export const NUMBER_RE = new RegExp(
  `(?<![a-z0-9]|[a-z]-)(?:\\d+(?:[.,]\\d+)*(?:\\s?(?:%|percent))?|(?:${NUMBER_WORDS})(?:-(?:${NUMBER_WORDS}|one))?(?:\\s(?:percent))?)(?![a-z0-9])`,
  'g',
);
export const HAS_NUMBER = new RegExp(NUMBER_RE.source);
export const IS_NUMBER_TOKEN = new RegExp(`^(?:\\d+(?:[.,]\\d+)*%?|(?:${NUMBER_WORDS})(?:-[a-z]+)?)$`);

/** Time spans that frame a result ("after two months", "three weeks later") are not the result's measure. */
const TIME_UNIT = '(?:days?|weeks?|months?|years?|shifts?|hours?|minutes?)';
export const TIME_SPAN_RE = new RegExp(
  `\\b(?:after|within|in|for|over|during)\\s(?:the\\s)?(?:first\\s|next\\s|last\\s|following\\s)?(?:a|one|a\\sfew|several|\\d+|${NUMBER_WORDS})\\s${TIME_UNIT}\\b|\\b(?:\\d+|${NUMBER_WORDS}|a\\sfew|several)\\s${TIME_UNIT}\\slater\\b`,
  'g',
);

/** A number as a regex fragment (digits, a percentage or a number word such as "sixty-five"). */
export const NUM = `(?:\\d[\\d.,]*%?|(?:${NUMBER_WORDS})(?:-[a-z]+)?)`;
/** "from nine a month to two", "from a median of 40 minutes to 12": a before and after. */
export const FROM_TO = `\\bfrom (?:about |around |roughly |a median of |an average of )?${NUM} (?:[a-z%]+ ){0,4}to (?:about |around )?${NUM}`;
