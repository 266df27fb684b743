/** A calendar month: `month` is 1-12. */
export interface YearMonth {
  year: number;
  month: number;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** "July", "jul", "Jul.", "sept" -> 7 / 9: the full name or any start of it of 3 letters or more. */
function monthOfName(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i < 0 ? undefined : i + 1;
}

function valid(year: number, month: number): YearMonth | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month)) return undefined;
  if (year < 1000 || year > 9999 || month < 1 || month > 12) return undefined;
  return { year, month };
}

/**
 * A month and year as people type them: `2021-07`, `2021/7`, `07/2021`, `7-2021`, `July 2021`,
 * `Jul 2021`, `july, 2021`, `2021 July`. Undefined when it is not one (`2021-13`, `07/21`, `summer`):
 * a two-digit year or a day is never guessed.
 */
export function parseMonth(text: string): YearMonth | undefined {
  const s = text.trim().replace(/\s+/g, ' ');
  let m = /^(\d{4})[-/.](\d{1,2})$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]));
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return valid(Number(m[2]), Number(m[1]));
  m = /^([a-z]+\.?),? (\d{4})$/i.exec(s);
  if (m) {
    const month = monthOfName(m[1] ?? '');
    return month ? valid(Number(m[2]), month) : undefined;
  }
  m = /^(\d{4}),? ([a-z]+\.?)$/i.exec(s);
  if (m) {
    const month = monthOfName(m[2] ?? '');
    return month ? valid(Number(m[1]), month) : undefined;
  }
  return undefined;
}

/** `{ year: 2021, month: 7 }` -> `2021-07`. */
export function formatMonth(ym: YearMonth): string {
  return `${ym.year}-${String(ym.month).padStart(2, '0')}`;
}
