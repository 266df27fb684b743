import { z } from 'zod';
import { actionCodec, arg } from '../../core/actions.js';
import { CATEGORIES } from './content.js';
import { MAX_DRILL_QUESTIONS, MAX_TRIES } from './records.js';

export const COMMAND = 'interview';

export const categoryChoice = z.enum([...CATEGORIES, 'mixed']);
export type CategoryChoice = z.infer<typeof categoryChoice>;

const count = z.coerce.number().int().min(1).max(MAX_DRILL_QUESTIONS);

/**
 * Every button and form of /interview, one codec. The one-letter kinds keep ids short and match
 * the ids of buttons already on members' screens.
 */
export const interviewActions = actionCodec(COMMAND, {
  /** A drill control, made at a step (question index, tries so far): a click from an older step is ignored. */
  d: z.tuple([
    arg.nonce,
    z.coerce.number().int().min(0).max(MAX_DRILL_QUESTIONS),
    z.coerce.number().int().min(0).max(MAX_TRIES),
    z.enum(['retry', 'next', 'skip', 'stop']),
  ]),
  /** Continue the drill in progress. */
  c: z.tuple([arg.nonce]),
  /** Replace the drill in progress by a new one. */
  r: z.tuple([arg.nonce, categoryChoice, count]),
  /** Start another drill (from a summary). */
  n: z.tuple([categoryChoice, count]),
  /** After story step 1: add experiences, or build the story now. */
  s: z.tuple([z.enum(['table', 'build'])]),
  /** The story forms, step 1 and step 2. */
  story: z.tuple([z.enum(['1', '2'])]),
});
