import { describeDateProblem, findDate } from '../../core/dates.js';
import { neutralize } from '../../core/sanitize.js';
import {
  type CapStatus,
  type Entry,
  type FormPart,
  LIMITS,
  type Plan,
  type Step3Rule,
  type VisaPolicy,
  type YesNo,
} from './entry.js';

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(problem: string): Parsed<T> => ({ ok: false, problem });

/**
 * One field of the tracker: its option name (also the form field id), its form label (at most 45
 * characters), how text typed into it becomes a value, and how the stored value is shown again.
 * Command-line options and form fields go through the same `parse`, so both accept the same words.
 */
export interface FieldDef<T> {
  key: string;
  /** Short name used in problem messages: "**Step 3**: ...". */
  name: string;
  label: string;
  part: FormPart;
  style: 'short' | 'paragraph';
  required?: boolean;
  maxLength: number;
  placeholder?: string;
  parse(raw: string): Parsed<Partial<T>>;
  show(value: T): string;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Echoes what was typed, short and safe, inside a problem message. */
export function echo(raw: string): string {
  const t = raw.trim().replace(/\s+/g, ' ');
  return `"${neutralize(t.length > 40 ? `${t.slice(0, 39)}…` : t)}"`;
}

/** Folds "H-1B", "h1b", "H 1 B" and "h1-b" to one key. */
const fold = (raw: string) => raw.toLowerCase().replace(/[\s._\-/+&,()]/g, '');

function choice<V extends string>(aliases: Record<V, string[]>, hint: string) {
  const byKey = new Map<string, V>();
  for (const [value, words] of Object.entries(aliases) as [V, string[]][]) {
    byKey.set(fold(value), value);
    for (const w of words) byKey.set(fold(w), value);
  }
  return (raw: string): Parsed<V> => {
    const hit = byKey.get(fold(raw));
    return hit ? ok(hit) : fail(`${raw.trim() ? `${echo(raw)} is not one of the choices` : 'is empty'}: use ${hint}`);
  };
}

const visaChoice = choice<VisaPolicy>(
  {
    h1b: ['h-1b', 'h1b only', 'h-1b only'],
    j1: ['j-1', 'j1 only', 'j-1 only'],
    both: ['h1b and j1', 'j1 and h1b', 'h1b or j1', 'j1 or h1b', 'h1bj1', 'j1h1b'],
    none: ['no', 'no sponsorship', 'no visas', 'citizens only', 'none sponsored'],
    unknown: ['', '?', 'not sure', 'unsure', "don't know", 'dont know'],
  },
  'h1b, j1, both, none or unknown',
);
const capChoice = choice<CapStatus>(
  {
    exempt: ['cap exempt', 'cap-exempt', 'capexempt'],
    subject: ['cap subject', 'cap-subject', 'capsubject'],
    unknown: ['', '?', 'not sure', 'unsure'],
  },
  'exempt, subject or unknown',
);
const yesNoChoice = choice<YesNo>(
  { yes: ['y', 'true', 'yep'], no: ['n', 'false', 'none'], unknown: ['', '?', 'not sure', 'unsure'] },
  'yes, no or unknown',
);
const needChoice = choice<Plan['need']>(
  {
    h1b: ['h-1b', 'h1b only', 'need h1b', 'h-1b only'],
    'h1b-or-j1': ['h1b or j1', 'either', 'both', 'any', 'j1 or h1b', 'h1b j1', 'prefer h1b'],
    j1: ['j-1', 'j1 only', 'j-1 only'],
    none: ['no', 'no visa', 'citizen', 'green card', 'gc', 'permanent resident', 'no sponsorship'],
  },
  'h1b (H-1B only), h1b-or-j1, j1 or none',
);
const statusChoice = choice<Plan['status']>(
  {
    'h1b-cap-exempt': ['cap exempt h1b', 'h1b exempt', 'cap exempt', 'exempt'],
    'h1b-cap-subject': ['cap subject h1b', 'h1b subject', 'cap subject', 'subject'],
    j1: ['j-1'],
    other: ['f1', 'o1', 'o-1', 'b1', 'ead'],
    none: ['', 'no', 'no visa', 'not in the us', 'citizen', 'green card'],
  },
  'h1b-cap-exempt, h1b-cap-subject, j1, other or none',
);

function text<T>(key: keyof T & string, max: number, opts: { single?: boolean; required?: boolean } = {}) {
  return (raw: string): Parsed<Partial<T>> => {
    let v = raw.trim();
    // A lone "-" clears a field (the terminal keeps the old value when Enter is pressed).
    if (v === '-') v = '';
    if (opts.single) v = v.replace(/\s+/g, ' ');
    if (opts.required && !v) return fail('is needed');
    if (v.length > max) return fail(`is too long: ${fmt(v.length)} characters, at most ${fmt(max)}`);
    return ok({ [key]: v } as Partial<T>);
  };
}

const DATE_HINT = 'write it as YYYY-MM-DD, like 2027-02-15, or as 15 February 2027';

/**
 * Finds one date in the text (`2027-02-15`, `15 Feb 2027`, `February 15, 2027`); digits that do
 * not form a real, unambiguous day are a problem, not ignored.
 */
function takeDate(raw: string): Parsed<{ date?: string; rest: string }> {
  const found = findDate(raw);
  if (found) {
    if (found.problem || !found.value)
      return fail(`${echo(found.text)} ${describeDateProblem(found.problem ?? 'unreadable', 'day')}: ${DATE_HINT}`);
    if (found.precision === 'month') return fail(`${echo(found.text)} ${describeDateProblem('needs-day', 'day')}: ${DATE_HINT}`);
    return ok({ date: found.value, rest: (raw.slice(0, found.index) + raw.slice(found.index + found.text.length)).trim() });
  }
  if (/\d/.test(raw)) return fail(`${echo(raw)} is not a date: ${DATE_HINT}`);
  return ok({ rest: raw.trim() });
}

const STEP3_WORDS: [RegExp, Step3Rule][] = [
  [/^(before |by )?(the )?(rank|ranking|rank list|rank order list)( deadline)?$/, 'before-ranking'],
  [/^(before |by )?(the )?(contract|contract signing|contract start|start|start date|signing)$/, 'by-contract'],
  [/^(no|none|not required|not needed|no requirement|n\/a|na)$/, 'not-required'],
  [/^(unknown|\?|not sure|unsure)?$/, 'unknown'],
];

/** A program's Step 3 rule: "before ranking", "by contract", "not required", a date, or a rule and a date. */
export function parseStep3Rule(raw: string): Parsed<{ step3: Step3Rule; step3By?: string }> {
  const dated = takeDate(raw);
  if (!dated.ok) return dated;
  const words = dated.value.rest
    .toLowerCase()
    .replace(/[.,:;]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const date = dated.value.date;
  if (date && (words === '' || words === 'by' || words === 'before')) return ok({ step3: 'by-date', step3By: date });
  const rule = STEP3_WORDS.find(([re]) => re.test(words))?.[1];
  if (!rule) {
    return fail(
      `${echo(raw)} is not a rule I know: write before ranking, by contract, not required, or a date like 2027-02-15 or 15 February 2027`,
    );
  }
  if (rule === 'not-required' || (rule === 'unknown' && !date)) return ok({ step3: rule, step3By: undefined });
  return ok({ step3: rule === 'unknown' ? 'by-date' : rule, step3By: date });
}

/** The member's own Step 3: "passed", a planned date, or "not yet". */
export function parseStep3Plan(raw: string): Parsed<Pick<Plan, 'step3' | 'step3Date'>> {
  const dated = takeDate(raw);
  if (!dated.ok) return dated;
  const words = dated.value.rest
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
  if (dated.value.date) {
    if (!/^(planned|planned for|on|booked|booked for|scheduled|scheduled for)?$/.test(words)) {
      return fail(`${echo(raw)} is unclear: write passed, a date like 2027-03-15 or 15 March 2027, or not yet`);
    }
    return ok({ step3: 'planned', step3Date: dated.value.date });
  }
  if (/^(passed|done|yes|have it|pass)$/.test(words)) return ok({ step3: 'passed', step3Date: undefined });
  if (/^(not yet|no|not planned|none|unknown|later|)$/.test(words)) return ok({ step3: 'not-yet', step3Date: undefined });
  return fail(`${echo(raw)} is not a date: ${DATE_HINT}, or write passed or not yet`);
}

const wrap =
  <T, V>(key: keyof T & string, p: (raw: string) => Parsed<V>) =>
  (raw: string): Parsed<Partial<T>> => {
    const r = p(raw);
    return r.ok ? ok({ [key]: r.value } as Partial<T>) : r;
  };

export function showStep3Rule(e: Pick<Entry, 'step3' | 'step3By'>): string {
  const by = e.step3By ?? '';
  switch (e.step3) {
    case 'before-ranking':
      return by ? `before ranking ${by}` : 'before ranking';
    case 'by-contract':
      return by ? `by contract ${by}` : 'by contract';
    case 'by-date':
      return by;
    case 'not-required':
      return 'not required';
    default:
      return '';
  }
}

export function showStep3Plan(p: Pick<Plan, 'step3' | 'step3Date'>): string {
  if (p.step3 === 'passed') return 'passed';
  if (p.step3 === 'planned') return p.step3Date ?? '';
  return 'not yet';
}

const showUnknownEmpty = (v: string) => (v === 'unknown' ? '' : v);

export const ENTRY_FIELDS: FieldDef<Entry>[] = [
  {
    key: 'institution',
    name: 'Institution',
    label: 'Institution',
    part: 'program',
    style: 'short',
    required: true,
    maxLength: LIMITS.institution,
    placeholder: 'Mercy General Hospital',
    parse: text<Entry>('institution', LIMITS.institution, { single: true, required: true }),
    show: (e) => e.institution,
  },
  {
    key: 'location',
    name: 'City/state',
    label: 'City, state',
    part: 'program',
    style: 'short',
    maxLength: LIMITS.location,
    placeholder: 'Boston, MA',
    parse: text<Entry>('location', LIMITS.location, { single: true }),
    show: (e) => e.location,
  },
  {
    key: 'program',
    name: 'Program',
    label: 'Program: residency specialty or CI fellowship',
    part: 'program',
    style: 'short',
    maxLength: LIMITS.program,
    placeholder: 'Internal Medicine residency',
    parse: text<Entry>('program', LIMITS.program, { single: true }),
    show: (e) => e.program,
  },
  {
    key: 'visa',
    name: 'Visa types',
    label: 'Visas accepted: h1b, j1, both, none',
    part: 'program',
    style: 'short',
    maxLength: 30,
    placeholder: 'h1b, j1, both, none or unknown',
    parse: wrap<Entry, VisaPolicy>('visa', visaChoice),
    show: (e) => showUnknownEmpty(e.visa),
  },
  {
    key: 'cap',
    name: 'Cap status',
    label: 'H-1B cap status: exempt or subject',
    part: 'program',
    style: 'short',
    maxLength: 30,
    placeholder: 'exempt, subject or unknown',
    parse: wrap<Entry, CapStatus>('cap', capChoice),
    show: (e) => showUnknownEmpty(e.cap),
  },
  {
    key: 'step3',
    name: 'Step 3',
    label: 'Step 3 needed by (ranking, contract, date)',
    part: 'requirements',
    style: 'short',
    maxLength: 60,
    placeholder: 'before ranking 2027-02-15 / by contract / not required',
    parse: parseStep3Rule,
    show: showStep3Rule,
  },
  {
    key: 'usce',
    name: 'U.S. clinical experience',
    label: 'U.S. clinical experience required?',
    part: 'requirements',
    style: 'short',
    maxLength: LIMITS.usce,
    placeholder: 'required, 3 months preferred, not required',
    parse: text<Entry>('usce', LIMITS.usce, { single: true }),
    show: (e) => e.usce,
  },
  {
    key: 'grad',
    name: 'Graduation-year limit',
    label: 'Graduation-year limit',
    part: 'requirements',
    style: 'short',
    maxLength: LIMITS.grad,
    placeholder: 'within 5 years of graduation',
    parse: text<Entry>('grad', LIMITS.grad, { single: true }),
    show: (e) => e.grad,
  },
  {
    key: 'ci',
    name: 'CI fellowship on site',
    label: 'CI fellowship on site? yes, no, unknown',
    part: 'requirements',
    style: 'short',
    maxLength: 20,
    placeholder: 'yes, no or unknown',
    parse: wrap<Entry, YesNo>('ci', yesNoChoice),
    show: (e) => showUnknownEmpty(e.ci),
  },
  {
    key: 'cmio',
    name: 'CMIO or informatics faculty',
    label: 'CMIO or informatics faculty? yes, no',
    part: 'requirements',
    style: 'short',
    maxLength: 20,
    placeholder: 'yes, no or unknown',
    parse: wrap<Entry, YesNo>('cmio', yesNoChoice),
    show: (e) => showUnknownEmpty(e.cmio),
  },
  {
    key: 'policy',
    name: 'Visa wording',
    label: 'Visa policy, in the program’s words',
    part: 'notes',
    style: 'short',
    maxLength: LIMITS.policy,
    placeholder: 'H-1B considered case-by-case',
    parse: text<Entry>('policy', LIMITS.policy, { single: true }),
    show: (e) => e.policy,
  },
  {
    key: 'projects',
    name: 'Informatics projects',
    label: 'Informatics projects, committees, faculty',
    part: 'notes',
    style: 'paragraph',
    maxLength: LIMITS.projects,
    placeholder: 'EHR steering committee open to residents',
    parse: text<Entry>('projects', LIMITS.projects),
    show: (e) => e.projects,
  },
  {
    key: 'notes',
    name: 'Notes',
    label: 'Notes from emails or calls',
    part: 'notes',
    style: 'paragraph',
    maxLength: LIMITS.notes,
    parse: text<Entry>('notes', LIMITS.notes),
    show: (e) => e.notes,
  },
];

export const PLAN_FIELDS: FieldDef<Plan>[] = [
  {
    key: 'need',
    name: 'Visa you need',
    label: 'Visa you need: h1b, h1b-or-j1, j1, none',
    part: 'plan',
    style: 'short',
    required: true,
    maxLength: 30,
    placeholder: 'h1b = H-1B only; h1b-or-j1; j1; none = no visa needed',
    parse: wrap<Plan, Plan['need']>('need', needChoice),
    show: (p) => p.need,
  },
  {
    key: 'status',
    name: 'Current visa',
    label: 'Current U.S. visa, if any',
    part: 'plan',
    style: 'short',
    maxLength: 30,
    placeholder: 'h1b-cap-exempt, h1b-cap-subject, j1, other, none',
    parse: wrap<Plan, Plan['status']>('status', statusChoice),
    show: (p) => p.status,
  },
  {
    key: 'step3',
    name: 'Step 3',
    label: 'Step 3: passed, planned date, or not yet',
    part: 'plan',
    style: 'short',
    maxLength: 30,
    placeholder: 'passed / 2027-03-15 / not yet',
    parse: parseStep3Plan,
    show: showStep3Plan,
  },
];

/** One field's problem, for scripts: the option it came from and the sentence. */
export interface FieldIssue {
  field: string;
  message: string;
}

export type Applied<T> = { ok: true; value: T; changed: string[] } | { ok: false; problems: string[]; issues: FieldIssue[] };

/** "**Step 3**: "2027-13-01" is not a real date: ..." — the field's name, then what is wrong. */
export function problemLine<T>(def: FieldDef<T>, problem: string): string {
  return `**${def.name}**${problem.startsWith('"') ? ':' : ''} ${problem}.`;
}

/** Checks one field on its own, as it is typed (a form asked field by field). */
export function checkField<T>(def: FieldDef<T>, raw: string): string | undefined {
  const r = def.parse(raw);
  return r.ok ? undefined : problemLine(def, r.problem);
}

/**
 * Applies typed values (from a form or command-line options) to a copy of `base`. Every
 * problem is collected and names its field; on any problem nothing is applied.
 */
export function applyFields<T extends object>(defs: FieldDef<T>[], base: T, raw: Record<string, string | undefined>): Applied<T> {
  const issues: FieldIssue[] = [];
  let next = { ...base };
  const changed: string[] = [];
  for (const def of defs) {
    const value = raw[def.key];
    if (value === undefined) continue;
    const r = def.parse(value);
    if (!r.ok) {
      issues.push({ field: def.key, message: problemLine(def, r.problem) });
      continue;
    }
    next = { ...next, ...r.value };
    changed.push(def.key);
  }
  const problems = issues.map((i) => i.message);
  return issues.length ? { ok: false, problems, issues } : { ok: true, value: next, changed };
}

export function fieldsOf<T>(defs: FieldDef<T>[], part: FormPart): FieldDef<T>[] {
  return defs.filter((d) => d.part === part);
}
