import type { Ctx } from '../../core/command.js';
import { runFlow } from '../../core/flow.js';
import type { Reply } from '../../core/types.js';
import { COMMAND } from './actions.js';
import { getInterviewContent } from './content.js';
import { storyRecord } from './records.js';
import { type StoryEvent, stepStory } from './story-step.js';

/** One turn of the story form: load, the pure step (story-step.ts), save, under the member's lock. */
export async function storyTurn(ctx: Ctx, event: StoryEvent): Promise<Reply[]> {
  const { story } = await getInterviewContent(ctx.config.contentDir);
  return runFlow(ctx, { record: storyRecord, command: COMMAND }, (saved) => {
    const result = stepStory({ owner: ctx.user.id, now: ctx.now(), content: story }, saved, event);
    // What they wrote stays out of the log: which step, and how many table rows.
    if (event.type === 'submit' && result.state) {
      ctx.log.info(
        { command: COMMAND, event: 'story-saved', step: Number(event.step), rows: result.state.table.length },
        'interview story saved',
      );
    }
    return result;
  });
}
