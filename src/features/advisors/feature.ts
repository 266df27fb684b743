import type { Ctx } from '../../core/command.js';
import { callerHash } from '../../core/insights.js';
import { forgetHandoffs, handoffDraftRecord } from './handoffs.js';
import { forgetVotes } from './votes.js';

/**
 * Advisors in the loop: feedback on answers, hand-offs to a human advisor, reports, the digest
 * and guide proposals. Votes and hand-offs live in shared records; /forget removes a member's
 * share of them through `forget`.
 */
export const advisorsFeature = {
  name: 'advisors',
  records: [handoffDraftRecord],
  async forget(ctx: Ctx, remove: boolean): Promise<{ what: string; count: number }[]> {
    const voter = await callerHash(ctx);
    return [
      { what: 'your thumbs on answers', count: await forgetVotes(ctx.store, voter, remove) },
      { what: 'your questions to the advisors', count: await forgetHandoffs(ctx.store, ctx.platform, ctx.user.id, remove) },
    ];
  },
};
