/**
 * Platforms want a first response within a few seconds of when they created the event (Discord:
 * 3 s from the interaction's snowflake time). How long the core may still take before the adapter
 * acknowledges: the budget less the time the event already spent reaching us. Zero for an event
 * that arrives already late (a backlog, a busy machine): acknowledge at once, work after.
 */
export function firstResponseBudget(opts: { createdAt: number; now: number; budgetMs: number }): number {
  // A clock behind the platform's makes events look younger than they are: count that as no lag.
  const age = Math.max(0, opts.now - opts.createdAt);
  return Math.max(0, opts.budgetMs - age);
}

/**
 * Discord's default: the core has until the interaction is 1 s old, then it is deferred
 * ("thinking..."), and one older than that on arrival is deferred before any work. Two thirds of
 * Discord's 3 s are left for the acknowledgement to get through a busy process and the network:
 * in `npm run bench`, a burst of 1,000 at once gets every first response in time.
 */
export const DEADLINE = { budgetMs: 1000 } as const;
