import { z } from 'zod';
import { actionCodec, arg } from '../../core/actions.js';

const part = z.enum(['program', 'requirements', 'notes']);
const entryId = z.string().regex(/^t[1-9]\d{0,6}$/);
/** An entry's revision when the button was made: a later change makes the button stale. */
const rev = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

/**
 * Every button, select and form of the tracker: `tracker~<member>~<kind>~<args>`. The wire format
 * is the one older messages carry, so buttons already posted keep working.
 */
export const trackerActions = actionCodec('tracker', {
  /** Open one part's form for an entry. */
  open: z.tuple([part, entryId, rev]),
  show: z.tuple([entryId]),
  /** Ask before removing; `rm` removes. */
  'ask-rm': z.tuple([entryId, rev]),
  rm: z.tuple([entryId, rev]),
  keep: z.tuple([entryId]),
  /** Reopen the form that last failed, with what was typed. */
  retry: z.tuple([arg.nonce]),
  /** The plan form (also its button). */
  plan: z.tuple([]),
  /** The entry select shown when a command named none; the entry id comes as the selected value. */
  pick: z.tuple([z.enum(['show', 'edit', 'remove'])]),
  /** A part's form: `new` for the first step of a new entry. */
  save: z.tuple([part, z.union([entryId, z.literal('new')]), rev]),
  /** One field of a form asked field by field (the terminal). */
  field: z.tuple([arg.nonce, arg.index]),
});
