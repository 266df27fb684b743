import type { Ctx } from '../../core/command.js';
import { ownerOf, runFlow, type StepResult } from '../../core/flow.js';
import { newNonce } from '../../core/nonce.js';
import { notice, reply } from '../../core/reply.js';
import type { Block, Reply } from '../../core/types.js';
import { type CategoryChoice, COMMAND, interviewActions } from './actions.js';
import { analyzeAnswer } from './analyze.js';
import { pickQuestions } from './bank.js';
import { getInterviewContent, type InterviewContent } from './content.js';
import { type DrillControl, type DrillInput, newDrill, stepDrill } from './drill.js';
import { CATEGORY_LABEL, renderDrillView } from './drill-view.js';
import { type DrillState, drillRecord } from './records.js';
import { countWords } from './text.js';

/**
 * The drill's turns: each one loads the drill, runs the pure reducer (drill.ts) and saves or ends
 * it through the flow runner, under the member's lock, and renders what the member sees. Every
 * drill turn is `direct`: the adapters deliver it in a DM and point to it from a channel.
 */

const FLOW = { record: drillRecord, command: COMMAND };
export const MAX_ANSWER_CHARS = 6000;

const direct = (markdown: string, extra: Block[] = []): Reply => reply([{ type: 'text', markdown }, ...extra], 'direct');

const ENDED =
  'That drill has ended (finished, stopped, or expired after 30 days), so this button no longer works. Start a new one with `/interview start`.';
const REPLACED = 'That button belongs to an earlier drill that has since been replaced, so I left your current drill as it is.';

/** Why a typed answer cannot be analysed, or undefined when it can. */
export function answerProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return 'Your answer is empty: type it as one message.';
  if (trimmed.length > MAX_ANSWER_CHARS) {
    return `Your answer is too long to analyse: at most ${MAX_ANSWER_CHARS.toLocaleString('en-US')} characters (about 1,000 words), and this one has ${trimmed.length.toLocaleString('en-US')}. A two-minute answer is about 300 words. Your drill is unchanged: send a shorter answer.`;
  }
  return undefined;
}

/** One reducer step, rendered; the log gets counts only, never what was typed. */
function advance(ctx: Ctx, content: InterviewContent, state: DrillState, input: DrillInput): StepResult<DrillState> {
  const result = stepDrill(state, input);
  if (!result.state)
    ctx.log.info({ command: COMMAND, event: 'drill-end', questions: state.questionIds.length }, 'interview drill ended');
  return {
    state: result.state,
    replies: result.views.map((v) => renderDrillView(v, { owner: ctx.user.id, content, state: result.state })),
  };
}

function inProgress(owner: string, state: DrillState, category: CategoryChoice, count: number): Reply {
  return direct(
    `You already have a drill in progress (${CATEGORY_LABEL[state.category]}), at question ${state.index + 1} of ${state.questionIds.length}. Continue it, or start a new one (the current one is then deleted).`,
    [
      {
        type: 'buttons',
        buttons: [
          { id: interviewActions.id(owner, 'c', state.nonce), label: 'Continue', style: 'primary' },
          { id: interviewActions.id(owner, 'r', state.nonce, category, count), label: 'Start a new one' },
        ],
      },
    ],
  );
}

/** Starts a drill, unless one is in progress (then offers to continue or replace it; `replacing` is its nonce). */
export async function startDrill(
  ctx: Ctx,
  opts: { category: CategoryChoice; count: number; replacing?: string },
): Promise<Reply[]> {
  const { category, count } = opts;
  const content = await getInterviewContent(ctx.config.contentDir);
  return runFlow(ctx, FLOW, (existing) => {
    if (existing && existing.nonce !== opts.replacing) return { replies: inProgress(ctx.user.id, existing, category, count) };
    const picked = pickQuestions(content, category, count, ctx.random);
    const { state, views } = newDrill({ nonce: newNonce(), category, questionIds: picked.map((q) => q.id), now: ctx.now() });
    ctx.log.info({ command: COMMAND, event: 'drill-start', category, questions: picked.length }, 'interview drill started');
    const label = CATEGORY_LABEL[category].toLowerCase();
    const lead = [
      picked.length < count ? `There are ${picked.length} ${label} questions, so this drill has ${picked.length}.` : '',
      `**Mock interview: ${picked.length} ${label} question${picked.length === 1 ? '' : 's'}.** After each answer you get feedback, then Retry, Next or Stop. Your answers are analysed and not kept; \`/interview stop\` ends the drill any time.`,
    ].filter(Boolean);
    return {
      state,
      replies: [direct(lead.join('\n')), ...views.map((v) => renderDrillView(v, { owner: ctx.user.id, content, state }))],
    };
  });
}

/** A drill button (a control at a step, or Continue) from the drill with this nonce. */
export async function drillButton(ctx: Ctx, nonce: string, input: DrillInput): Promise<Reply[]> {
  const content = await getInterviewContent(ctx.config.contentDir);
  return runFlow(ctx, FLOW, (state) => {
    if (!state) return { replies: direct(ENDED) };
    if (state.nonce !== nonce) return { replies: direct(REPLACED) };
    return advance(ctx, content, state, input);
  });
}

/** `/interview stop`: the summary, and the drill is gone. */
export async function stopDrill(ctx: Ctx): Promise<Reply[]> {
  const content = await getInterviewContent(ctx.config.contentDir);
  return runFlow(ctx, FLOW, (state) => {
    if (!state) return { replies: notice('You have no drill in progress. Start one with `/interview start`.') };
    return advance(ctx, content, state, { type: 'control', act: 'stop' });
  });
}

const TYPED_CONTROL: Record<string, DrillControl> = {
  next: 'next',
  skip: 'skip',
  stop: 'stop',
  retry: 'retry',
  end: 'stop',
  quit: 'stop',
};

function typedTurn(ctx: Ctx, content: InterviewContent, state: DrillState, text: string): StepResult<DrillState> {
  const typed = TYPED_CONTROL[text.trim().toLowerCase().replace(/[.!]$/, '')];
  if (typed) return advance(ctx, content, state, { type: 'control', act: typed });
  if (state.phase === 'reviewing' && countWords(text) < 5) return advance(ctx, content, state, { type: 'chatter' });
  const problem = answerProblem(text);
  if (problem) return { replies: direct(problem) };
  const question = content.byId.get(state.questionIds[state.index] ?? '');
  if (!question) {
    return {
      state: null,
      replies: direct(
        'This drill uses a question that is no longer in the bank, so I ended it. Start a new one with `/interview start`.',
      ),
    };
  }
  const analysis = analyzeAnswer(text, question);
  ctx.log.info(
    { command: COMMAND, event: 'answer', index: state.index, words: analysis.words, length: analysis.length },
    'interview answer',
  );
  return advance(ctx, content, state, { type: 'answer', analysis });
}

/**
 * A typed line in a DM: an answer or a control word for the drill in progress. Null when there is
 * no drill (nor one that was just cleared), so the line goes on to the next flow or to /ask.
 */
export async function drillMessage(text: string, ctx: Ctx): Promise<Reply[] | null> {
  if (!ctx.conversation.isDirect) return null;
  const content = await getInterviewContent(ctx.config.contentDir);
  const replies = await runFlow(ctx, FLOW, (state) => (state ? typedTurn(ctx, content, state, text) : { replies: [] }));
  return replies.length ? replies : null;
}

/** One line for the member's own list of what is kept (no answers: there are none). */
export async function drillLine(ctx: Ctx): Promise<string[]> {
  const drill = await ctx.store.get(drillRecord, ownerOf(ctx));
  return drill ? [`Drill in progress: ${drill.category}, question ${drill.index + 1} of ${drill.questionIds.length}`] : [];
}
