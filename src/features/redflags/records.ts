import { z } from 'zod';
import { newNonce } from '../../core/nonce.js';
import { defineRecord } from '../../store/record.js';
import { ANSWERS, type Progress } from './questionnaire.js';

/** Questionnaires in progress are kept this long after the last answer. */
export const PROGRESS_TTL_DAYS = 30;
/** Finished reports outlive an application season. */
export const REPORT_TTL_DAYS = 365;
export const MAX_IN_PROGRESS = 10;
export const MAX_REPORTS = 50;
const DAY_MS = 86_400_000;

/** What members may call a program: one line, no control characters, short enough for a label. */
export const programNameSchema = z
  .string()
  .trim()
  .min(1, 'the program name is empty')
  .max(80, 'the program name is too long: at most 80 characters')
  .regex(/^[^\p{Cc}]+$/u, 'the program name has characters that cannot be shown')
  .transform((s) => s.replace(/\s+/g, ' '));

/** Names match whatever the case and spacing: "mercy  general" is "Mercy General". */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export const SESSION_ID = /^[ps][A-Za-z0-9_-]{8}$/;
export const REPORT_ID = /^r[A-Za-z0-9_-]{8}$/;

/** p… a program session, s… a self-check session, r… a saved report: a prefix and the one nonce. */
export function newId(prefix: 'p' | 's' | 'r'): string {
  return `${prefix}${newNonce()}`;
}

const answersSchema = z.record(z.string(), z.enum(ANSWERS));
const isoSchema = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO date');

const progressSchema = z.object({
  id: z.string().regex(SESSION_ID),
  answers: answersSchema,
  index: z.number().int().min(0).max(100),
  startedAt: isoSchema,
  updatedAt: isoSchema,
});

const programProgressSchema = progressSchema.extend({ name: z.string().min(1).max(80), key: z.string().min(1) });
export type ProgramProgress = Progress & { name: string; key: string };

const programReportSchema = z.object({
  id: z.string().regex(REPORT_ID),
  name: z.string().min(1).max(80),
  key: z.string().min(1),
  answers: answersSchema,
  finishedAt: isoSchema,
  /** The session that produced it (none for scripted runs), so its old buttons can say "already finished". */
  sessionId: z.string().regex(SESSION_ID).optional(),
});
export type ProgramReport = z.infer<typeof programReportSchema>;

/** `sessionId` is absent for a result a script saved (`redflags self --answers FILE --save`). */
const selfResultSchema = z.object({
  answers: answersSchema,
  finishedAt: isoSchema,
  sessionId: z.string().regex(SESSION_ID).optional(),
});
export type SelfResult = z.infer<typeof selfResultSchema>;

export const programProgressRecord = defineRecord('redflags-program-progress', {
  version: 1,
  schema: z.object({ sessions: z.record(z.string(), programProgressSchema) }),
  ttlDays: PROGRESS_TTL_DAYS,
});
export const programReportsRecord = defineRecord('redflags-program-reports', {
  version: 1,
  schema: z.object({ reports: z.record(z.string(), programReportSchema) }),
  ttlDays: REPORT_TTL_DAYS,
});
export const selfProgressRecord = defineRecord('redflags-self-progress', {
  version: 1,
  schema: progressSchema,
  ttlDays: PROGRESS_TTL_DAYS,
});
export const selfResultRecord = defineRecord('redflags-self-result', {
  version: 1,
  schema: selfResultSchema,
  ttlDays: REPORT_TTL_DAYS,
});

/** The store's TTL covers the whole record; each session also expires on its own last answer. */
export function isExpired(p: { updatedAt: string }, now: Date): boolean {
  return now.getTime() - Date.parse(p.updatedAt) > PROGRESS_TTL_DAYS * DAY_MS;
}

export function findByKey<T extends { key: string }>(map: Record<string, T>, key: string): T | undefined {
  return Object.values(map).find((x) => x.key === key);
}

/** Most recent first, by the given date field. */
export function newestFirst<T>(items: T[], date: (x: T) => string): T[] {
  return [...items].sort((a, b) => Date.parse(date(b)) - Date.parse(date(a)));
}
