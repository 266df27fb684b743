import { loadGuide } from '../../content/guide.js';
import type { Ctx } from '../../core/command.js';
import { callerHash } from '../../core/insights.js';
import { forgetUnanswered, UNANSWERED_LABEL, unansweredRecord } from '../../core/unanswered.js';
import { askContextRecord } from './context.js';

/**
 * Answers from the guide (/ask, /visa, /about): the guide itself is this feature's content. The
 * questions it could not answer are counted in a shared record; /forget takes a member's share out.
 */
export const answerFeature = {
  name: 'answer',
  records: [unansweredRecord, askContextRecord],
  content: [{ name: 'guide sections', load: loadGuide }],
  async forget(ctx: Ctx, remove: boolean): Promise<{ what: string; count: number }[]> {
    const who = await callerHash(ctx);
    const count = await forgetUnanswered(ctx.store, who, remove);
    return [{ what: UNANSWERED_LABEL, count }];
  },
};
