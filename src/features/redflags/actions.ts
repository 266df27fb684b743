import { z } from 'zod';
import { actionCodec } from '../../core/actions.js';
import type { AnswerValue } from './questionnaire.js';
import { REPORT_ID, SESSION_ID } from './records.js';

/**
 * Every button, select and form of /redflags. Ids stay short (Discord caps them at 100
 * characters) and carry the session nonce, never a program name or an answer text. The one-letter
 * kinds are the wire format buttons already on screen carry, so they keep working across updates.
 */
export const COMMAND = 'redflags';

const sid = z.string().regex(SESSION_ID);
const target = z.union([z.string().regex(REPORT_ID), z.string().regex(SESSION_ID), z.literal('self')]);
const at = z.coerce.number().int().min(0).max(99);
const short = { yes: 'y', no: 'n', unsure: 'u' } as const;
export const LONG_ANSWER = { y: 'yes', n: 'no', u: 'unsure' } as const;

export const codec = actionCodec(COMMAND, {
  /** answer: session, question index, y / n / u */
  a: z.tuple([sid, at, z.enum(['y', 'n', 'u'])]),
  /** back, skip: session, question index */
  b: z.tuple([sid, at]),
  s: z.tuple([sid, at]),
  /** stop, resume, start over */
  x: z.tuple([sid]),
  r: z.tuple([sid]),
  o: z.tuple([sid]),
  /** view a report, take it again, delete (asks first), delete confirmed, keep */
  v: z.tuple([target]),
  t: z.tuple([target]),
  d: z.tuple([target]),
  y: z.tuple([target]),
  k: z.tuple([target]),
  /** name a new program (opens the form), pick from the select, the name form's submit */
  n: z.tuple([]),
  p: z.tuple([]),
  name: z.tuple([]),
  /** start again after an expired session: p program, s self */
  g: z.tuple([z.enum(['p', 's'])]),
});

/** Builds the action id of one control for `owner`. */
export const ids = {
  answer: (owner: string, session: string, index: number, value: AnswerValue) =>
    codec.id(owner, 'a', session, index, short[value]),
  back: (owner: string, session: string, index: number) => codec.id(owner, 'b', session, index),
  skip: (owner: string, session: string, index: number) => codec.id(owner, 's', session, index),
  stop: (owner: string, session: string) => codec.id(owner, 'x', session),
  resume: (owner: string, session: string) => codec.id(owner, 'r', session),
  restart: (owner: string, session: string) => codec.id(owner, 'o', session),
  view: (owner: string, target: string) => codec.id(owner, 'v', target),
  retake: (owner: string, target: string) => codec.id(owner, 't', target),
  delete: (owner: string, target: string) => codec.id(owner, 'd', target),
  confirmDelete: (owner: string, target: string) => codec.id(owner, 'y', target),
  keep: (owner: string, target: string) => codec.id(owner, 'k', target),
  newProgram: (owner: string) => codec.id(owner, 'n'),
  pick: (owner: string) => codec.id(owner, 'p'),
  nameForm: (owner: string) => codec.id(owner, 'name'),
  again: (owner: string, flow: 'program' | 'self') => codec.id(owner, 'g', flow === 'program' ? 'p' : 's'),
};

/** Select values: `s:<session>` resumes a check in progress, `r:<report>` opens a saved report. */
export const pickValueSchema = z.union([z.string().regex(/^s:[ps][A-Za-z0-9_-]{8}$/), z.string().regex(/^r:r[A-Za-z0-9_-]{8}$/)]);

/** Session ids start with p (a program) or s (the self-check); `self` names the self-check's result. */
export function isSelf(id: string): boolean {
  return id === 'self' || id.startsWith('s');
}
