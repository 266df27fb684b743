import { z } from 'zod';
import { actionId } from '../../core/action-id.js';
import type { AnswerValue } from './questionnaire.js';
import { REPORT_ID, SESSION_ID } from './records.js';

/**
 * Every button, select and form of /redflags, as a typed payload. Ids stay short (Discord caps
 * them at 100 characters) and carry the session nonce, never a program name or an answer text.
 */
export const COMMAND = 'redflags';

const sid = z.string().regex(SESSION_ID);
const target = z.union([z.string().regex(REPORT_ID), z.string().regex(SESSION_ID), z.literal('self')]);
const at = z.coerce.number().int().min(0).max(99);
const short = { yes: 'y', no: 'n', unsure: 'u' } as const;
const long = { y: 'yes', n: 'no', u: 'unsure' } as const;

const payloadSchema = z.union([
  z.tuple([z.literal('a'), sid, at, z.enum(['y', 'n', 'u'])]),
  z.tuple([z.enum(['b', 's']), sid, at]),
  /** x stop, r resume, o start over */
  z.tuple([z.enum(['x', 'r', 'o']), sid]),
  /** v view report, t take again, d delete (asks first), y delete confirmed, k keep */
  z.tuple([z.enum(['v', 't', 'd', 'y', 'k']), target]),
  /** n name a new program (form), p pick from the select, name the form's submit */
  z.tuple([z.enum(['n', 'p', 'name'])]),
  /** g start again after an expired session: p program, s self */
  z.tuple([z.literal('g'), z.enum(['p', 's'])]),
]);

export type Action =
  | { kind: 'answer'; session: string; at: number; value: AnswerValue }
  | { kind: 'skip' | 'back'; session: string; at: number }
  | { kind: 'stop' | 'resume' | 'restart'; session: string }
  | { kind: 'view' | 'retake' | 'delete' | 'confirm-delete' | 'keep'; target: string }
  | { kind: 'new' | 'pick' | 'name' }
  | { kind: 'again'; flow: 'program' | 'self' };

export function decodeAction(payload: string[]): Action | undefined {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return undefined;
  const p = parsed.data;
  switch (p[0]) {
    case 'a':
      return { kind: 'answer', session: p[1], at: p[2], value: long[p[3]] };
    case 'b':
    case 's':
      return { kind: p[0] === 'b' ? 'back' : 'skip', session: p[1], at: p[2] };
    case 'x':
    case 'r':
    case 'o':
      return { kind: ({ x: 'stop', r: 'resume', o: 'restart' } as const)[p[0]], session: p[1] };
    case 'v':
    case 't':
    case 'd':
    case 'y':
    case 'k': {
      const kinds = { v: 'view', t: 'retake', d: 'delete', y: 'confirm-delete', k: 'keep' } as const;
      return { kind: kinds[p[0]], target: p[1] };
    }
    case 'n':
      return { kind: 'new' };
    case 'p':
      return { kind: 'pick' };
    case 'name':
      return { kind: 'name' };
    case 'g':
      return { kind: 'again', flow: p[1] === 'p' ? 'program' : 'self' };
  }
}

/** Builds the action id of one control for `owner`. */
export const ids = {
  answer: (owner: string, session: string, index: number, value: AnswerValue) =>
    actionId(COMMAND, owner, 'a', session, String(index), short[value]),
  back: (owner: string, session: string, index: number) => actionId(COMMAND, owner, 'b', session, String(index)),
  skip: (owner: string, session: string, index: number) => actionId(COMMAND, owner, 's', session, String(index)),
  stop: (owner: string, session: string) => actionId(COMMAND, owner, 'x', session),
  resume: (owner: string, session: string) => actionId(COMMAND, owner, 'r', session),
  restart: (owner: string, session: string) => actionId(COMMAND, owner, 'o', session),
  view: (owner: string, target: string) => actionId(COMMAND, owner, 'v', target),
  retake: (owner: string, target: string) => actionId(COMMAND, owner, 't', target),
  delete: (owner: string, target: string) => actionId(COMMAND, owner, 'd', target),
  confirmDelete: (owner: string, target: string) => actionId(COMMAND, owner, 'y', target),
  keep: (owner: string, target: string) => actionId(COMMAND, owner, 'k', target),
  newProgram: (owner: string) => actionId(COMMAND, owner, 'n'),
  pick: (owner: string) => actionId(COMMAND, owner, 'p'),
  nameForm: (owner: string) => actionId(COMMAND, owner, 'name'),
  again: (owner: string, flow: 'program' | 'self') => actionId(COMMAND, owner, 'g', flow === 'program' ? 'p' : 's'),
};

/** Select values: `s:<session>` resumes a check in progress, `r:<report>` opens a saved report. */
export const pickValueSchema = z.union([z.string().regex(/^s:[ps][A-Za-z0-9_-]{8}$/), z.string().regex(/^r:r[A-Za-z0-9_-]{8}$/)]);
