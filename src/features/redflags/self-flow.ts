import type { Ctx } from '../../core/command.js';
import { ownerOf } from '../../core/flow.js';
import { notice, reply } from '../../core/reply.js';
import type { Block, Reply } from '../../core/types.js';
import { ids } from './actions.js';
import { type CardItem, pausedReply, questionCard, resumeOffer, welcome } from './card.js';
import type { RedflagContent } from './items.js';
import { type Input, knownAnswers, type Progress, startProgress, step } from './questionnaire.js';
import { isExpired, newId, PROGRESS_TTL_DAYS, selfProgressRecord, selfResultRecord } from './records.js';
import { selfReport } from './report.js';
import { SELF_LEVEL_LABELS, scoreSelf } from './score.js';
import { type SelfStep, selfFlow } from './state.js';

/** The self-check: the same questionnaire about the member's own application, one result kept. */

function cardItems(content: RedflagContent): CardItem[] {
  return content.self.items.map((i) => ({ id: i.id, question: i.question, hint: i.selfCheck }));
}

function card(ctx: Ctx, content: RedflagContent, session: Progress, lead?: string, replace = false): Reply {
  return questionCard({ owner: ctx.user.id, progress: session, items: cardItems(content), lead, replace });
}

function resultButtons(owner: string): Block {
  return {
    type: 'buttons',
    buttons: [
      { id: ids.view(owner, 'self'), label: 'Show result', style: 'primary' },
      { id: ids.retake(owner, 'self'), label: 'Take it again', style: 'secondary' },
    ],
  };
}

function begin(ctx: Ctx, content: RedflagContent, replace = false): SelfStep {
  const session = startProgress(newId('s'), ctx.now());
  ctx.log.info({ command: 'redflags', flow: 'self', event: 'started' }, 'redflags');
  return { session, replies: card(ctx, content, session, welcome(content.self.items.length), replace) };
}

/** `/redflags self`: resume or restart a running check, show the last result, or begin. */
export function startSelf(ctx: Ctx, content: RedflagContent): Promise<Reply[]> {
  return selfFlow(ctx, ({ session, result }) => {
    if (session) return { replies: resumeOffer(ctx.user.id, session, content.self.items.length, 'your self-check') };
    if (!result) return begin(ctx, content);
    const level = scoreSelf(content.self.items, result.answers).level;
    const markdown = `You finished your self-check on ${result.finishedAt.slice(0, 10)}: **${SELF_LEVEL_LABELS[level]}**.`;
    return { replies: reply([{ type: 'text', markdown }, resultButtons(ctx.user.id)], 'private') };
  });
}

function sessionGone(ctx: Ctx, finished: boolean): Reply {
  if (finished) {
    return reply([{ type: 'text', markdown: 'You already finished this self-check.' }, resultButtons(ctx.user.id)], 'private', {
      replace: true,
    });
  }
  return reply(
    [
      {
        type: 'text',
        markdown: `That self-check has expired or was replaced by a newer one. Checks in progress are kept for ${PROGRESS_TTL_DAYS} days after your last answer.`,
      },
      { type: 'buttons', buttons: [{ id: ids.again(ctx.user.id, 'self'), label: 'Start again', style: 'primary' }] },
    ],
    'private',
    { replace: true },
  );
}

export function selfStep(ctx: Ctx, content: RedflagContent, sid: string, input: Input): Promise<Reply[]> {
  return selfFlow(ctx, ({ session, result }) => {
    if (!session || session.id !== sid) return { replies: sessionGone(ctx, result?.sessionId === sid) };
    const itemIds = content.self.items.map((i) => i.id);
    const { state, outcome } = step(itemIds, session, input, ctx.now());
    switch (outcome) {
      case 'done': {
        const finishedAt = ctx.now().toISOString();
        const answers = knownAnswers(itemIds, state.answers);
        const view = selfReport(content, { answers, date: finishedAt });
        const { level, flagged } = view.score;
        ctx.log.info({ command: 'redflags', flow: 'self', event: 'finished', level, flagged: flagged.length }, 'redflags');
        return {
          session: null,
          result: { answers, finishedAt, sessionId: sid },
          replies: reply(view.blocks, 'private', { replace: true }),
        };
      }
      case 'paused':
        return { session: state, replies: pausedReply(ctx.user.id, state, itemIds.length, '/redflags self') };
      case 'stale':
        return { replies: card(ctx, content, state, 'That button was for another question. Here is where you are now:', true) };
      case 'first':
        return { replies: card(ctx, content, state, 'This is the first question.', true) };
      case 'ask':
        return { session: state, replies: card(ctx, content, state, undefined, true) };
    }
  });
}

export function restartSelf(ctx: Ctx, content: RedflagContent): Promise<Reply[]> {
  return selfFlow(ctx, () => begin(ctx, content, true));
}

export function viewSelf(ctx: Ctx, content: RedflagContent): Promise<Reply[]> {
  return selfFlow(ctx, ({ result }) => {
    if (!result) return { replies: notice('There is no finished self-check saved. Start one with `/redflags self`.') };
    const view = selfReport(content, { answers: result.answers, date: result.finishedAt });
    const again: Block = {
      type: 'buttons',
      buttons: [{ id: ids.retake(ctx.user.id, 'self'), label: 'Take it again', style: 'secondary' }],
    };
    return { replies: reply([...view.blocks, again], 'private') };
  });
}

/** One line for `/redflags list` (a read inside the list's own turn). */
export async function selfStatusLine(ctx: Ctx, content: RedflagContent): Promise<string | undefined> {
  const owner = ownerOf(ctx);
  const [stored, last] = await Promise.all([ctx.store.get(selfProgressRecord, owner), ctx.store.get(selfResultRecord, owner)]);
  const session = stored && !isExpired(stored, ctx.now()) ? stored : undefined;
  const total = content.self.items.length;
  if (session) {
    return `_Your self-check:_ in progress, question ${Math.min(session.index + 1, total)} of ${total} (\`/redflags self\`).`;
  }
  if (!last) return undefined;
  const level = scoreSelf(content.self.items, last.answers).level;
  return `_Your self-check:_ ${SELF_LEVEL_LABELS[level]} (${last.finishedAt.slice(0, 10)}, \`/redflags self\`).`;
}
