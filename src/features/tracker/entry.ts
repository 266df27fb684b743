import { z } from 'zod';
import { isRealDay } from '../../core/dates.js';

/** What a program says about visas, as the member recorded it. */
export const VISA_POLICIES = ['h1b', 'j1', 'both', 'none', 'unknown'] as const;
export const CAP_STATUSES = ['exempt', 'subject', 'unknown'] as const;
/** When a program wants USMLE Step 3 passed; `by-date` is a bare deadline with no milestone named. */
export const STEP3_RULES = ['before-ranking', 'by-contract', 'by-date', 'not-required', 'unknown'] as const;
export const YES_NO = ['yes', 'no', 'unknown'] as const;
/** The member's own plan: which visa they need, what they hold now, and where Step 3 stands. */
export const NEEDS = ['h1b', 'h1b-or-j1', 'j1', 'none'] as const;
export const STATUSES = ['h1b-cap-exempt', 'h1b-cap-subject', 'j1', 'other', 'none'] as const;
export const STEP3_PLANS = ['passed', 'planned', 'not-yet'] as const;

export type VisaPolicy = (typeof VISA_POLICIES)[number];
export type CapStatus = (typeof CAP_STATUSES)[number];
export type Step3Rule = (typeof STEP3_RULES)[number];
export type YesNo = (typeof YES_NO)[number];

/** One tracker holds at most this many entries: enough for any application season, small enough to list. */
export const MAX_ENTRIES = 200;

/** Character limits per free-text field (Discord modal fields allow up to 4,000). */
export const LIMITS = {
  institution: 100,
  location: 80,
  program: 100,
  usce: 100,
  grad: 100,
  projects: 300,
  policy: 300,
  notes: 1000,
} as const;

export const isoDate = z.string().refine(isRealDay, 'a real date written YYYY-MM-DD');

export const entrySchema = z.object({
  id: z.string().regex(/^t[1-9]\d{0,6}$/),
  institution: z.string().min(1).max(LIMITS.institution),
  location: z.string().max(LIMITS.location),
  program: z.string().max(LIMITS.program),
  visa: z.enum(VISA_POLICIES),
  cap: z.enum(CAP_STATUSES),
  step3: z.enum(STEP3_RULES),
  step3By: isoDate.optional(),
  usce: z.string().max(LIMITS.usce),
  grad: z.string().max(LIMITS.grad),
  ci: z.enum(YES_NO),
  cmio: z.enum(YES_NO),
  projects: z.string().max(LIMITS.projects),
  policy: z.string().max(LIMITS.policy),
  notes: z.string().max(LIMITS.notes),
  /** Bumped on every change, so a button or form made before the change can tell it is stale. */
  rev: z.number().int().min(1),
  updated: z.string(),
});
export type Entry = z.infer<typeof entrySchema>;

export const planSchema = z.object({
  need: z.enum(NEEDS),
  status: z.enum(STATUSES),
  step3: z.enum(STEP3_PLANS),
  step3Date: isoDate.optional(),
});
export type Plan = z.infer<typeof planSchema>;

export const FORM_PARTS = ['program', 'requirements', 'notes', 'plan'] as const;
export type FormPart = (typeof FORM_PARTS)[number];

/** Nonces from core/nonce.ts; older trackers kept 8 hex characters, which still fit. */
const NONCE = z.string().regex(/^[\w-]{4,16}$/);

export const trackerSchema = z.object({
  entries: z.array(entrySchema).max(MAX_ENTRIES),
  plan: planSchema.optional(),
  nextId: z.number().int().min(1),
  /** The last form that failed validation, so "Fix it" reopens it with what was typed. */
  retry: z
    .object({
      nonce: NONCE,
      part: z.enum(FORM_PARTS),
      entryId: z.string(),
      fields: z.record(z.string(), z.string().max(LIMITS.notes)),
    })
    .optional(),
  /**
   * A form asked one field at a time (the terminal): where it is, and the values so far. Nothing
   * reaches the entry or the plan before the last field, so stopping half-way changes nothing.
   */
  wizard: z
    .object({
      nonce: NONCE,
      part: z.enum(FORM_PARTS),
      entryId: z.string(),
      rev: z.number().int().min(0),
      index: z.number().int().min(0).max(20),
      values: z.record(z.string(), z.string().max(LIMITS.notes)),
    })
    .optional(),
});
export type TrackerData = z.infer<typeof trackerSchema>;

export function emptyTracker(): TrackerData {
  return { entries: [], nextId: 1 };
}

/** A new entry with nothing known yet but its institution. */
export function blankEntry(id: string, institution: string, now: Date): Entry {
  return {
    id,
    institution,
    location: '',
    program: '',
    visa: 'unknown',
    cap: 'unknown',
    step3: 'unknown',
    usce: '',
    grad: '',
    ci: 'unknown',
    cmio: 'unknown',
    projects: '',
    policy: '',
    notes: '',
    rev: 1,
    updated: now.toISOString(),
  };
}

export function entryName(e: Pick<Entry, 'institution' | 'program'>): string {
  return e.program ? `${e.institution} — ${e.program}` : e.institution;
}
