/**
 * Platforms give a first response a few seconds from when they created the event (Discord: 3 s
 * from the interaction's snowflake time). How long the core may still take before the adapter
 * must acknowledge: the budget less the time the event already spent reaching us, and nothing at
 * all once it is `staleAfterMs` old, when only an immediate acknowledgement is safe.
 */
export function firstResponseBudget(opts: { createdAt: number; now: number; budgetMs: number; staleAfterMs: number }): number {
  // A clock behind the platform's makes events look younger than they are: count that as no lag.
  const age = Math.max(0, opts.now - opts.createdAt);
  if (age >= opts.staleAfterMs) return 0;
  return Math.max(0, opts.budgetMs - age);
}

/** Discord's default: answer within 2.5 s of creation, and at once when the event is 1.5 s old. */
export const DEADLINE = { budgetMs: 2500, staleAfterMs: 1500 } as const;
