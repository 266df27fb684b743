/**
 * Employer names, job roles, dates and wages as the two public files spell them, folded into the
 * few shapes the database keys and counts on.
 */

/** Legal-form and filler words: "The Regents of the University of X, Inc." and "University of X" are one employer. */
const DROP = new Set([
  'the',
  'of',
  'and',
  'at',
  'for',
  'a',
  'regents',
  'trustees',
  'board',
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lp',
  'pllc',
  'pc',
  'pa',
  'ltd',
  'corp',
  'corporation',
  'co',
  'company',
  'dba',
]);

/** Abbreviations seen in filings and typed by members, spelled out so both sides meet. */
const EXPAND: Record<string, string> = {
  univ: 'university',
  u: 'university',
  uni: 'university',
  hosp: 'hospital',
  hosps: 'hospitals',
  med: 'medical',
  ctr: 'center',
  cntr: 'center',
  centre: 'center',
  sch: 'school',
  coll: 'college',
  inst: 'institute',
  natl: 'national',
  assn: 'association',
  assoc: 'associates',
  hlth: 'health',
  sys: 'system',
  dept: 'department',
  mt: 'mount',
  ft: 'fort',
};

export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The words of a name that identify it, abbreviations spelled out. */
export function nameTokens(name: string): string[] {
  const out: string[] = [];
  for (const w of foldText(name).split(' ')) {
    if (!w) continue;
    const t = EXPAND[w] ?? w;
    if (!DROP.has(t)) out.push(t);
  }
  return out;
}

/** The key two spellings of one employer share. Empty when nothing identifying is left. */
export function normalizeEmployer(name: string): string {
  return nameTokens(name).join(' ');
}

/** Trigrams of a normalized name, padded so short words still have some. */
export function trigrams(norm: string): Set<string> {
  const s = `  ${norm} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  return out;
}

/** Dice coefficient on trigrams: 1 for the same name, near 0 for unrelated ones; tolerant of a typo or two. */
export function similarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return (2 * common) / (ta.size + tb.size || 1);
}

// ---- roles ---------------------------------------------------------------------------------

export const ROLES = ['physician', 'resident', 'fellow'] as const;
export type Role = (typeof ROLES)[number];
/** Stored as a small integer: 0 is "not a physician role". */
export const ROLE_CODE: Record<Role, number> = { physician: 1, resident: 2, fellow: 3 };
export const ROLE_OF_CODE: Record<number, Role> = { 1: 'physician', 2: 'resident', 3: 'fellow' };

/**
 * SOC 2018 physicians (29-121x, 29-122x) and surgeons (29-124x), and the SOC 2010 codes (29-106x)
 * some filings still carry. Not the whole of 29-12xx: 29-129x holds acupuncturists and dental
 * hygienists.
 */
const PHYSICIAN_SOC = /^29-?(12[0-4]\d|106\d)/;
/** Titles that contain a trainee word but are not physician training. */
const NOT_PHYSICIAN =
  /physician assistant|physician associate|\bpa-c\b|pharm|dental|dentist|nurs|therap|psycholog|veterinar|\bresident assistant|postdoc|post-doc|research fellow|research associate|software|engineer|analyst|scientist|chaplain|counsel/;

/** Physician, resident, fellow, or null for everything else. Trainee words beat the SOC code. */
export function roleOf(socCode: string, jobTitle: string): Role | null {
  const title = jobTitle.toLowerCase();
  const socIsPhysician = PHYSICIAN_SOC.test(socCode.trim());
  if (!socIsPhysician && NOT_PHYSICIAN.test(title)) return null;
  if (/\bresident\b|\bresidency\b|house ?staff|house officer|\bpgy|\bintern\b/.test(title)) return 'resident';
  if (/\bfellow\b|\bfellowship\b/.test(title)) return 'fellow';
  if (socIsPhysician || /\bphysician\b|\bhospitalist\b/.test(title)) return 'physician';
  return null;
}

// ---- dates and money -----------------------------------------------------------------------

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A date cell as exceljs, csv or a person wrote it: Date, Excel serial, 2024-03-15, 3/15/2024. */
export function parseDate(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'number' && v > 20000 && v < 80000) return new Date(EXCEL_EPOCH + Math.round(v) * 86_400_000);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s);
  if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})/.exec(s);
  if (m) {
    const y = Number(m[3]);
    return new Date(Date.UTC(y < 100 ? 2000 + y : y, Number(m[1]) - 1, Number(m[2])));
  }
  if (/^\d{5}(\.\d+)?$/.test(s)) return parseDate(Number(s));
  return null;
}

/** The federal fiscal year a date falls in: October starts the next one. */
export function fiscalYear(d: Date): number {
  return d.getUTCFullYear() + (d.getUTCMonth() >= 9 ? 1 : 0);
}

const PER_YEAR: Record<string, number> = { year: 1, month: 12, 'bi-weekly': 26, biweekly: 26, week: 52, hour: 2080 };

/** "$65,000.00" per Year/Month/Week/Bi-Weekly/Hour as a yearly figure, or null when unreadable. */
export function yearlyWage(amount: unknown, unit: unknown): number | null {
  const n = typeof amount === 'number' ? amount : Number(String(amount ?? '').replace(/[$,\s]/g, ''));
  if (!Number.isFinite(n) || n <= 0) return null;
  const factor =
    PER_YEAR[
      String(unit ?? 'year')
        .trim()
        .toLowerCase()
    ] ?? null;
  if (factor === null) return null;
  const yearly = n * factor;
  // A physician wage outside this band is a unit mistake in the filing, not a salary.
  return yearly >= 10_000 && yearly <= 5_000_000 ? Math.round(yearly) : null;
}

/** A count cell: "1,234" or 12 or blank. */
export function count(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return 0;
  const n = typeof v === 'number' ? v : Number(String(v).replace(/[,\s]/g, ''));
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** Two-letter state from "CA", "ca " or "California"-free data; anything else is kept as typed, upper-cased. */
export function stateCode(v: unknown): string {
  return String(v ?? '')
    .trim()
    .toUpperCase()
    .slice(0, 20);
}
