import type { RecordType } from '../store/record.js';
import type { Owner } from '../store/store.js';
import { asList, type Ctx, type Replies } from './command.js';
import { notice } from './reply.js';
import type { Reply } from './types.js';

/** Whose records a request reads and writes: the caller, on the caller's platform. */
export function ownerOf(ctx: Pick<Ctx, 'platform' | 'user'>): Owner {
  return { platform: ctx.platform, user: ctx.user.id };
}

/** What a pure step returns: the next state (undefined: unchanged; null: remove the record) and the replies. */
export interface StepResult<S> {
  state?: S | null;
  replies: Replies;
}

/** The one message for a stored record that no longer fits this version: it was cleared, start again. */
export function resetNotice(command: string): Reply {
  return notice(
    `What you had in progress with \`/${command}\` was saved by an older version of the bot and could not be read, so it was cleared. Sorry for the trouble.`,
  );
}

/**
 * The flow runner: under the member's lock, load the record, run the pure step, save or remove
 * what it returns. A record that no longer parsed is reported once, before the step's replies.
 * Every multi-step feature goes through here, so no turn overwrites another's save.
 */
export async function runFlow<S>(
  ctx: Ctx,
  opts: { record: RecordType<S>; command: string },
  step: (state: S | undefined) => StepResult<S> | Promise<StepResult<S>>,
): Promise<Reply[]> {
  const owner = ownerOf(ctx);
  return ctx.store.withLock(owner, async () => {
    const loaded = await ctx.store.load(opts.record, owner);
    const result = await step(loaded.status === 'found' ? loaded.value : undefined);
    if (result.state === null) await ctx.store.remove(opts.record, owner);
    else if (result.state !== undefined) await ctx.store.save(opts.record, owner, result.state);
    const replies = asList(result.replies);
    return loaded.status === 'reset' ? [resetNotice(opts.command), ...replies] : replies;
  });
}
