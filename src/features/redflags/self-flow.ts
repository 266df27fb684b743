import type { Ctx, Replies } from '../../core/command.js';
import { notice, reply } from '../../core/reply.js';
import type { Reply } from '../../core/types.js';
import { ids } from './actions.js';
import { type CardItem, pausedReply, questionCard, resumeOffer, welcome } from './card.js';
import type { RedflagContent } from './items.js';
import { RESET_NOTICE } from './program-flow.js';
import { type Input, knownAnswers, type Progress, startProgress, step } from './questionnaire.js';
import { loadSelfResult, loadSelfSession, newId, PROGRESS_TTL_DAYS, saveSelfResult, saveSelfSession } from './records.js';
import { selfReport } from './report.js';
import { SELF_LEVEL_LABELS, scoreSelf } from './score.js';

function cardItems(content: RedflagContent): CardItem[] {
  return content.self.items.map((i) => ({ id: i.id, question: i.question, hint: i.selfCheck }));
}

function card(ctx: Ctx, content: RedflagContent, session: Progress, lead?: string, replace = false): Reply {
  return questionCard({ owner: ctx.user.id, progress: session, items: cardItems(content), lead, replace });
}

async function begin(ctx: Ctx, content: RedflagContent, replace = false): Promise<Reply> {
  const session = startProgress(newId('s'), ctx.now());
  await saveSelfSession(ctx, session);
  ctx.log.info({ command: 'redflags', flow: 'self', event: 'started' }, 'redflags');
  return card(ctx, content, session, welcome(content.self.items.length), replace);
}

/** `/redflags self`: resume or restart a running check, show the last result, or begin. */
export async function startSelf(ctx: Ctx, content: RedflagContent): Promise<Replies> {
  const session = await loadSelfSession(ctx);
  const lead = session.reset ? [notice(RESET_NOTICE)] : [];
  if (session.value) {
    return [...lead, resumeOffer(ctx.user.id, session.value, content.self.items.length, 'your self-check')];
  }
  const last = await loadSelfResult(ctx);
  if (last.value) {
    const level = scoreSelf(content.self.items, last.value.answers).level;
    return [
      ...lead,
      reply(
        [
          {
            type: 'text',
            markdown: `You finished your self-check on ${last.value.finishedAt.slice(0, 10)}: **${SELF_LEVEL_LABELS[level]}**.`,
          },
          {
            type: 'buttons',
            buttons: [
              { id: ids.view(ctx.user.id, 'self'), label: 'Show result', style: 'primary' },
              { id: ids.retake(ctx.user.id, 'self'), label: 'Take it again', style: 'secondary' },
            ],
          },
        ],
        'private',
      ),
    ];
  }
  return [...lead, await begin(ctx, content)];
}

async function sessionGone(ctx: Ctx, sid: string, reset: boolean): Promise<Replies> {
  const last = await loadSelfResult(ctx);
  if (last.value?.sessionId === sid) {
    return reply(
      [
        { type: 'text', markdown: 'You already finished this self-check.' },
        {
          type: 'buttons',
          buttons: [
            { id: ids.view(ctx.user.id, 'self'), label: 'Show result', style: 'primary' },
            { id: ids.retake(ctx.user.id, 'self'), label: 'Take it again', style: 'secondary' },
          ],
        },
      ],
      'private',
      { replace: true },
    );
  }
  const gone = reply(
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
  return reset ? [notice(RESET_NOTICE), gone] : gone;
}

export async function selfStep(ctx: Ctx, content: RedflagContent, sid: string, input: Input): Promise<Replies> {
  const loaded = await loadSelfSession(ctx);
  const session = loaded.value;
  if (!session || session.id !== sid) return sessionGone(ctx, sid, loaded.reset);
  const itemIds = content.self.items.map((i) => i.id);
  const { state, outcome } = step(itemIds, session, input, ctx.now());
  switch (outcome) {
    case 'done': {
      const finishedAt = ctx.now().toISOString();
      const answers = knownAnswers(itemIds, state.answers);
      await saveSelfResult(ctx, { answers, finishedAt, sessionId: sid });
      await saveSelfSession(ctx, undefined);
      const view = selfReport(content, { answers, date: finishedAt });
      ctx.log.info(
        { command: 'redflags', flow: 'self', event: 'finished', level: view.score.level, flagged: view.score.flagged.length },
        'redflags',
      );
      return reply(view.blocks, 'private', { replace: true });
    }
    case 'paused':
      await saveSelfSession(ctx, state);
      return pausedReply(ctx.user.id, state, itemIds.length, '/redflags self');
    case 'stale':
      return card(ctx, content, state, 'That button was for another question. Here is where you are now:', true);
    case 'first':
      return card(ctx, content, state, 'This is the first question.', true);
    case 'ask':
      await saveSelfSession(ctx, state);
      return card(ctx, content, state, undefined, true);
  }
}

export async function restartSelf(ctx: Ctx, content: RedflagContent): Promise<Replies> {
  return begin(ctx, content, true);
}

export async function viewSelf(ctx: Ctx, content: RedflagContent): Promise<Replies> {
  const last = await loadSelfResult(ctx);
  if (!last.value) return notice('There is no finished self-check saved. Start one with `/redflags self`.');
  const view = selfReport(content, { answers: last.value.answers, date: last.value.finishedAt });
  return reply(
    [
      ...view.blocks,
      { type: 'buttons', buttons: [{ id: ids.retake(ctx.user.id, 'self'), label: 'Take it again', style: 'secondary' }] },
    ],
    'private',
  );
}

/** One line for `/redflags list`. */
export async function selfStatusLine(ctx: Ctx, content: RedflagContent): Promise<string | undefined> {
  const [session, last] = await Promise.all([loadSelfSession(ctx), loadSelfResult(ctx)]);
  const total = content.self.items.length;
  if (session.value)
    return `_Your self-check:_ in progress, question ${Math.min(session.value.index + 1, total)} of ${total} (\`/redflags self\`).`;
  if (last.value) {
    const level = scoreSelf(content.self.items, last.value.answers).level;
    return `_Your self-check:_ ${SELF_LEVEL_LABELS[level]} (${last.value.finishedAt.slice(0, 10)}, \`/redflags self\`).`;
  }
  return undefined;
}
