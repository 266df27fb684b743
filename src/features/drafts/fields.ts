import { z } from 'zod';
import { parseMonth } from '../../core/dates.js';

/**
 * The facts a member enters for each kind of draft. The same schemas check a scripted JSON
 * file and a submitted form (after `fromForm` turns form strings into these shapes), so the
 * field names scripts rely on are defined once, here.
 */
export const DRAFT_KINDS = ['gap', 'failure', 'disclosure'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

export const REASON_KINDS = ['visa', 'family', 'health', 'research', 'exams', 'transition', 'other'] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

export const MAX_ACTIVITIES = 8;
const MIN_YEAR = 1950;
const MAX_YEAR = 2100;

const text = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'is empty')
    .max(max, `is too long: at most ${max} characters`)
    .refine((s) => /[\p{L}\p{N}]/u.test(s), 'needs words, not only punctuation');

/** A month as people write it (`July 2021`, `07/2021`, `2021-07`) becomes `2021-07`; anything else is left to be refused. */
function toYearMonth(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const month = parseMonth(v);
  return month.ok ? month.value : v;
}

const yearMonth = z.preprocess(
  toYearMonth,
  z
    .string({ error: 'must be text like 2021-07' })
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'use YYYY-MM, like 2021-07 (July 2021 or 07/2021 work too)')
    .refine((s) => {
      // Only a well-formed value gets this second message.
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(s)) return true;
      const y = Number(s.slice(0, 4));
      return y >= MIN_YEAR && y <= MAX_YEAR;
    }, `needs a year from ${MIN_YEAR}`),
);

/** Lines that say "nothing" are not activities; the checks ask for real ones instead. */
const NOT_AN_ACTIVITY = /^(none|nothing|n\/?a|nil|no|-+|—)$/i;

/** Activities as a list, or as one text with one per line or separated by semicolons (forms). */
export function splitActivities(value: string): string[] {
  return value
    .split(/\r?\n|;|•/)
    .map((s) => s.replace(/^\s*(?:[-*]|\d+[.)])\s+/, '').trim())
    .filter((s) => s && !NOT_AN_ACTIVITY.test(s.replace(/[.!]+$/, '')));
}

const activities = z.preprocess(
  (v) => {
    if (v === undefined || v === null) return [];
    if (typeof v === 'string') return splitActivities(v);
    if (Array.isArray(v))
      return v
        .map((x) => (typeof x === 'string' ? x.trim() : x))
        .filter((x) => x !== '' && !(typeof x === 'string' && NOT_AN_ACTIVITY.test(x)));
    return v;
  },
  z
    .array(text(200), { error: 'must be a list of short texts' })
    .max(MAX_ACTIVITIES, `has more than ${MAX_ACTIVITIES} items: keep the strongest ${MAX_ACTIVITIES}`),
);

const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
};

/** "2", "2nd", "second", "my second attempt", "2nd try" all mean 2. */
export function toInteger(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v
    .trim()
    .toLowerCase()
    .replace(/^(?:on\s+)?(?:my|the)\s+/, '')
    .replace(/\s+(?:attempt|try|time|sitting)$/, '');
  if (/^\d+$/.test(s)) return Number(s);
  const ord = /^(\d+)(st|nd|rd|th)$/.exec(s);
  if (ord) return Number(ord[1]);
  return ORDINAL_WORDS[s] ?? v;
}

export const gapSchema = z.strictObject({
  start: yearMonth,
  end: yearMonth,
  reasonKind: z.enum(REASON_KINDS, { error: `must be one of: ${REASON_KINDS.join(', ')}` }),
  reason: text(300),
  activities,
  after: text(400),
});

export const failureSchema = z.strictObject({
  exam: text(80),
  attempt: z.preprocess(
    toInteger,
    z
      .int({ error: 'must be a whole number, like 1 for a first attempt' })
      .min(1, 'must be 1 or more')
      .max(9, 'must be 9 or less'),
  ),
  year: z.preprocess(
    toInteger,
    z
      .int({ error: 'must be a year, like 2019' })
      .min(MIN_YEAR, `must be a year from ${MIN_YEAR}`)
      .max(MAX_YEAR, 'must be a year, like 2019'),
  ),
  context: text(500),
  insight: text(500),
  change: text(500),
  result: text(300),
});

export const disclosureSchema = z.strictObject({
  what: text(600),
  ownership: text(400),
  actions: text(500),
  since: text(400),
});

export type GapInput = z.output<typeof gapSchema>;
export type FailureInput = z.output<typeof failureSchema>;
export type DisclosureInput = z.output<typeof disclosureSchema>;

export type DraftInput =
  | { kind: 'gap'; input: GapInput }
  | { kind: 'failure'; input: FailureInput }
  | { kind: 'disclosure'; input: DisclosureInput };

export const SCHEMAS = { gap: gapSchema, failure: failureSchema, disclosure: disclosureSchema } as const;

/** Every field of each kind, in the order forms ask them and problems are listed. */
export const FIELD_ORDER: Record<DraftKind, string[]> = {
  gap: ['start', 'end', 'reasonKind', 'reason', 'activities', 'after'],
  failure: ['exam', 'attempt', 'year', 'context', 'insight', 'change', 'result'],
  disclosure: ['what', 'ownership', 'actions', 'since'],
};

export interface FieldProblem {
  field: string;
  message: string;
}

export type Checked = { ok: true; draft: DraftInput } | { ok: false; problems: FieldProblem[] };

function explain(issue: z.core.$ZodIssue, raw: Record<string, unknown>, kind: DraftKind): FieldProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => ({
      field: k,
      message: `is not a field of a ${kind} draft (its fields: ${FIELD_ORDER[kind].join(', ')})`,
    }));
  }
  const field = String(issue.path[0] ?? 'input');
  if (issue.path.length > 0 && raw[field] === undefined) return [{ field, message: 'is missing' }];
  if (field === 'activities' && issue.path.length > 1) {
    return [{ field, message: `item ${Number(issue.path[1]) + 1} ${issue.message}` }];
  }
  return [{ field, message: issue.message }];
}

/**
 * Validates raw facts for one kind. `now` catches dates in the future: a draft explains a gap
 * or a result that has already happened.
 */
export function checkInput(kind: DraftKind, raw: unknown, now: Date): Checked {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: [{ field: 'input', message: 'must be a JSON object of fields' }] };
  }
  const obj = raw as Record<string, unknown>;
  const parsed = SCHEMAS[kind].safeParse(obj);
  const problems: FieldProblem[] = parsed.success ? [] : parsed.error.issues.flatMap((i) => explain(i, obj, kind));
  // Checked field by field, so date problems are reported alongside any other (zod skips refinements once a field fails).
  const thisMonth = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  if (kind === 'gap') {
    const [start, end] = [yearMonth.safeParse(obj.start), yearMonth.safeParse(obj.end)];
    for (const [f, v] of [
      ['start', start],
      ['end', end],
    ] as const) {
      if (v.success && v.data > thisMonth) problems.push({ field: f, message: `(${v.data}) is in the future` });
    }
    if (start.success && end.success && end.data < start.data) {
      problems.push({ field: 'end', message: `(${end.data}) is before the start (${start.data})` });
    }
  }
  if (kind === 'failure') {
    const y = toInteger(obj.year);
    if (typeof y === 'number' && y > now.getUTCFullYear() && y <= MAX_YEAR) {
      problems.push({ field: 'year', message: `(${y}) is in the future` });
    }
  }
  const order = FIELD_ORDER[kind];
  // One problem per field: the first is the one to fix first.
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.field === p.field) === i);
  unique.sort((a, b) => rank(order, a.field) - rank(order, b.field));
  if (unique.length || !parsed.success) return { ok: false, problems: unique };
  return { ok: true, draft: { kind, input: parsed.data } as DraftInput };
}

function rank(order: string[], field: string): number {
  const i = order.indexOf(field);
  return i < 0 ? order.length : i;
}

/** Form answers for a reason kind: "Visa or credentialing delay", "caregiving", "Exam prep" all work. */
export function reasonKindFromText(value: string): string {
  const s = value.trim().toLowerCase();
  if ((REASON_KINDS as readonly string[]).includes(s)) return s;
  const rules: [RegExp, ReasonKind][] = [
    [/visa|immigra|credential|ecfmg|licen[cs]|paperwork/, 'visa'],
    [/famil|caregiv|care ?giv|parent|child|matern|patern|spouse/, 'family'],
    [/health|medical|illness|sick|recover/, 'health'],
    [/research/, 'research'],
    [/exam|usmle|step|comlex|plab|board|study/, 'exams'],
    [/transition|career|switch|change|industry/, 'transition'],
    [/other/, 'other'],
  ];
  return rules.find(([re]) => re.test(s))?.[1] ?? value.trim();
}

/** Turns submitted form strings into the raw shape the schemas check. */
export function fromForm(kind: DraftKind, fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of FIELD_ORDER[kind]) {
    const value = fields[name];
    if (value === undefined) continue;
    if (name === 'activities') out[name] = splitActivities(value);
    else if (name === 'reasonKind') out[name] = reasonKindFromText(value);
    else out[name] = value;
  }
  return out;
}

/** The reverse, to pre-fill a form for Edit: activities come back separated by semicolons. */
export function toForm(draft: DraftInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(draft.input)) out[k] = Array.isArray(v) ? v.join('; ') : String(v);
  return out;
}
