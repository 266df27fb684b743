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

/**
 * Discord's default: the core has until the interaction is 1.5 s old, then it is deferred; one
 * that arrives older than that is deferred at once. Half of Discord's 3 s is left for the defer
 * itself to get through a busy process and the network.
 */
export const DEADLINE = { budgetMs: 1500, staleAfterMs: 1500 } as const;
