/**
 * Dates as members type them, for form fields and options that store a month (YYYY-MM) or a day
 * (YYYY-MM-DD): `July 2021`, `Jul 2021`, `07/2021`, `2021-07`; `15 March 2027`, `March 15, 2027`,
 * `2027-03-15`. Pure, no locale: month names are English, as the rest of the bot.
 *
 * Numbers-only days with slashes (`03/04/2027`) are refused rather than guessed: they mean
 * different days in different countries, and a wrong deadline is worse than a question.
 */

/** Why a text is not the date a field wants. */
export type DateProblem = 'empty' | 'unreadable' | 'not-real' | 'ambiguous' | 'needs-day';

export type DateResult = { ok: true; value: string } | { ok: false; problem: DateProblem };

/** A date found inside longer text ("before ranking 15 Feb 2027"). */
export interface FoundDate {
  /** The characters that make up the date, as typed. */
  text: string;
  index: number;
  precision: 'day' | 'month';
  /** YYYY-MM-DD or YYYY-MM, when the date is real and unambiguous. */
  value?: string;
  problem?: 'not-real' | 'ambiguous';
}

const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(\d{4})`;
const START = String.raw`(?<![\p{L}\p{N}])`;
const END = String.raw`(?![\p{L}\p{N}])`;

type Parts = { y: string; m: string; d?: string } | 'ambiguous';

/** Each pattern turns its groups into year, month and (for days) day. */
const PATTERNS: { re: RegExp; parts(g: string[]): Parts }[] = [
  // 2027-03-15, 2027/3/15, 2027.03.15
  { re: /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/gu, parts: ([y, m, d]) => ({ y, m, d }) as Parts },
  // 2021-07, 2021/07 (not the start of a full date)
  { re: /(?<!\d)(\d{4})[-/.](\d{1,2})(?![-/.]?\d)/gu, parts: ([y, m]) => ({ y, m }) as Parts },
  // 03/04/2027: which is the month depends on the country
  { re: /(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d)/gu, parts: () => 'ambiguous' },
  // 07/2021, 7-2021
  { re: /(?<![\d/.-])(\d{1,2})[/.-](\d{4})(?!\d)/gu, parts: ([m, y]) => ({ y, m }) as Parts },
  // 15 March 2027, 15th of March, 2027
  {
    re: new RegExp(`${START}${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}${END}`, 'giu'),
    parts: ([d, m, y]) => ({ y, m, d }) as Parts,
  },
  // March 15, 2027; Mar 15th 2027
  { re: new RegExp(`${START}${MONTH}\\s+${DAY},?\\s+${YEAR}${END}`, 'giu'), parts: ([m, d, y]) => ({ y, m, d }) as Parts },
  // July 2021, Jul. 2021, July, 2021
  { re: new RegExp(`${START}${MONTH},?\\s+${YEAR}${END}`, 'giu'), parts: ([m, y]) => ({ y, m }) as Parts },
  // 2021 July
  { re: new RegExp(`${START}${YEAR}\\s+${MONTH}${END}`, 'giu'), parts: ([y, m]) => ({ y, m }) as Parts },
];

const NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthOf(m: string): number {
  return /^\d+$/.test(m) ? Number(m) : NAMES.indexOf(m.slice(0, 3).toLowerCase()) + 1;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD that is a real calendar day (2027-02-30 is not). */
export function isRealDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function resolve(parts: Parts, text: string, index: number): FoundDate {
  if (parts === 'ambiguous') return { text, index, precision: 'day', problem: 'ambiguous' };
  const month = monthOf(parts.m);
  const precision = parts.d === undefined ? 'month' : 'day';
  if (month < 1 || month > 12) return { text, index, precision, problem: 'not-real' };
  const ym = `${parts.y}-${pad(month)}`;
  if (parts.d === undefined) return { text, index, precision, value: ym };
  const day = `${ym}-${pad(Number(parts.d))}`;
  return isRealDay(day) ? { text, index, precision, value: day } : { text, index, precision, problem: 'not-real' };
}

/** The first date in `text` (the longest one where two start at the same place), or undefined. */
export function findDate(text: string): FoundDate | undefined {
  let best: FoundDate | undefined;
  for (const { re, parts } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const better = !best || m.index < best.index || (m.index === best.index && m[0].length > best.text.length);
      if (better) best = resolve(parts(m.slice(1)), m[0], m.index);
    }
  }
  return best;
}

function whole(raw: string): FoundDate | DateProblem {
  const t = raw.trim();
  if (!t) return 'empty';
  const found = findDate(t);
  if (!found || found.text.length !== t.length) return 'unreadable';
  return found.problem ?? found;
}

/** A month, as YYYY-MM: `July 2021`, `Jul 2021`, `07/2021`, `2021-07`; a full date gives its month. */
export function parseMonth(raw: string): DateResult {
  const found = whole(raw);
  if (typeof found === 'string') return { ok: false, problem: found };
  return { ok: true, value: (found.value ?? '').slice(0, 7) };
}

/** A day, as YYYY-MM-DD: `2027-03-15`, `15 March 2027`, `March 15, 2027`. A month alone needs its day. */
export function parseDay(raw: string): DateResult {
  const found = whole(raw);
  if (typeof found === 'string') return { ok: false, problem: found };
  if (found.precision === 'month') return { ok: false, problem: 'needs-day' };
  return { ok: true, value: found.value ?? '' };
}

/** Examples to put after a refusal, for a month or a day field. */
export const DATE_EXAMPLES = {
  month: 'like July 2021, 07/2021 or 2021-07',
  day: 'like 15 March 2027, March 15, 2027 or 2027-03-15',
} as const;

/** What is wrong, in a member's words: `"2021-13" ${describeDateProblem(...)}`. */
export function describeDateProblem(problem: DateProblem, want: 'month' | 'day'): string {
  switch (problem) {
    case 'empty':
      return 'is empty';
    case 'unreadable':
      return `is not a ${want === 'month' ? 'month' : 'date'} I can read`;
    case 'not-real':
      return want === 'month' ? 'is not a real month (months go from 01 to 12)' : 'is not a real date';
    case 'ambiguous':
      return 'is not a date I can read for sure: with numbers only, the day and the month could be either way round';
    case 'needs-day':
      return 'names a month but not the day';
  }
}
