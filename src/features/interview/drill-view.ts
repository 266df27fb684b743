import { reply } from '../../core/reply.js';
import type { Block, Button, Reply } from '../../core/types.js';
import { interviewActions } from './actions.js';
import { LONG_ABOVE_WORDS, SHORT_BELOW_WORDS } from './analyze.js';
import type { BankQuestion, Category, InterviewContent } from './content.js';
import { currentStep, type DrillControl, type DrillView } from './drill.js';
import { describeChanges, renderAnalysis, summaryLine, trendLines } from './feedback-render.js';
import { type DrillState, MAX_DRILL_QUESTIONS } from './records.js';

export const CATEGORY_LABEL: Record<Category | 'mixed', string> = {
  motivation: 'Motivation and fit',
  behavioral: 'Behavioral',
  informatics: 'Informatics knowledge',
  img: 'IMG-specific',
  program: 'Program-specific',
  mixed: 'Mixed',
};

/** A drill control, made at the current step so a click from an older step is recognised. */
export function drillButton(owner: string, state: DrillState, act: DrillControl, label: string, style?: Button['style']): Button {
  const at = currentStep(state);
  return { id: interviewActions.id(owner, 'd', state.nonce, at.index, at.tries, act), label, style };
}

const direct = (blocks: Block[]) => reply(blocks, 'direct');
const text = (markdown: string): Block => ({ type: 'text', markdown });

function questionOf(content: InterviewContent, state: DrillState, index = state.index): BankQuestion | undefined {
  const id = state.questionIds[index];
  return id ? content.byId.get(id) : undefined;
}

function reviewButtons(owner: string, state: DrillState, canRetry: boolean): Block {
  const buttons: Button[] = [];
  if (canRetry) buttons.push(drillButton(owner, state, 'retry', 'Retry'));
  buttons.push(drillButton(owner, state, 'next', 'Next', 'primary'), drillButton(owner, state, 'stop', 'Stop', 'danger'));
  return { type: 'buttons', buttons };
}

export interface ViewContext {
  owner: string;
  content: InterviewContent;
  /** The state after the step (null once the drill is over). */
  state: DrillState | null;
}

export function renderDrillView(view: DrillView, ctx: ViewContext): Reply {
  const { owner, content, state } = ctx;
  switch (view.kind) {
    case 'question': {
      const q = state && questionOf(content, state);
      if (!state || !q)
        return direct([text('That question is no longer in the bank. Type `/interview stop` and start a new drill.')]);
      const head = `**Question ${view.index + 1} of ${view.total}** · ${CATEGORY_LABEL[q.category]}${view.attempt > 1 ? ` · try ${view.attempt}` : ''}`;
      const lines = [view.resumed ? '_Picking up where you left off._' : '', head, `**${q.text}**`];
      lines.push(
        `Type your answer as one message, the way you would say it aloud. A main answer runs 1-2 minutes: about ${SHORT_BELOW_WORDS}-${LONG_ABOVE_WORDS} words.`,
      );
      if (q.star)
        lines.push('_This one suits a STAR story: Situation, Task, Action, Result - and a result with a number counts most._');
      if (q.brief) lines.push('_A short, factual answer is right here; keep the conversation on you, not the visa._');
      return direct([
        text(lines.filter(Boolean).join('\n')),
        {
          type: 'buttons',
          buttons: [drillButton(owner, state, 'skip', 'Skip'), drillButton(owner, state, 'stop', 'Stop', 'danger')],
        },
      ]);
    }
    case 'feedback': {
      const q = state && questionOf(content, state, view.index);
      if (!state || !q) return direct([text('Feedback is ready, but that question is no longer in the bank.')]);
      const blocks: Block[] = [
        text(`**Feedback** · question ${view.index + 1} of ${view.total}${view.attempt > 1 ? `, try ${view.attempt}` : ''}`),
        text(renderAnalysis(view.analysis, { listen: q.listen })),
      ];
      if (view.previous) {
        const changes = describeChanges(
          view.previous,
          view.current,
          q.points.map((p) => p.label),
          q.star,
        );
        blocks.push(text(`**What changed since try ${view.attempt - 1}:**\n${changes.map((c) => `- ${c}`).join('\n')}`));
      }
      const last = view.index + 1 >= view.total;
      blocks.push(
        text(
          `${view.canRetry ? '**Retry** to answer again, ' : `That was try ${view.attempt}, the most for one question. `}**Next** for ${last ? 'your summary' : 'the next question'}, **Stop** to end here.`,
        ),
      );
      blocks.push(reviewButtons(owner, state, view.canRetry));
      return direct(blocks);
    }
    case 'reviewing': {
      const q = state && questionOf(content, state);
      if (!state || !q) return direct([text('That question is no longer in the bank. Type `/interview stop`.')]);
      return direct([
        text(
          `**Question ${view.index + 1} of ${view.total}:** ${q.text}\nYou have feedback on try ${view.attempt} (${view.last.words} words, ${view.last.length}). Retry it, go to the next question, or stop.`,
        ),
        reviewButtons(owner, state, view.canRetry),
      ]);
    }
    case 'summary':
      return renderSummary(view.state, view.reason, content, owner);
    case 'moved-on':
      return direct([text('That button is from an earlier step of this drill, so I ignored it. Here is where you are now:')]);
    case 'nudge':
      return direct([
        text('I only take full answers here. To answer this question again, press **Retry** (or just type the whole answer).'),
      ]);
    case 'no-more-tries':
      return direct([
        text('That is the most tries for one question. Go on to the next one; you can drill it again in a new session.'),
      ]);
  }
}

export function renderSummary(
  state: DrillState,
  reason: 'finished' | 'stopped',
  content: InterviewContent,
  owner: string,
): Reply {
  const lines: string[] = [];
  const answered: Parameters<typeof trendLines>[0] = [];
  state.questionIds.forEach((id, i) => {
    const r = state.results[i];
    const q = content.byId.get(id);
    if (!r || (!r.attempts.length && !r.skipped)) return;
    const points = q?.points.length ?? 0;
    lines.push(summaryLine(i + 1, q?.text ?? id, r, points, q?.star ?? false));
    const first = r.attempts[0];
    const last = r.attempts.at(-1);
    if (first && last) answered.push({ first, last, points, tries: r.attempts.length });
  });
  const head = reason === 'finished' ? '**Drill complete.**' : '**Drill stopped.**';
  const trend = trendLines(answered);
  const blocks: Block[] = [
    text(
      `${head} ${CATEGORY_LABEL[state.category]} questions, ${answered.length} answered.\n${lines.map((l) => `- ${l}`).join('\n')}`,
    ),
    text(`**Trend**\n${trend.map((t) => `- ${t}`).join('\n')}`),
    text(
      '_Your answers were not kept: only the counts above, and this drill is now deleted. `/interview start` runs another; `/interview story` builds your "tell me about yourself"._',
    ),
    {
      type: 'buttons',
      buttons: [
        {
          id: interviewActions.id(owner, 'n', state.category, Math.min(state.questionIds.length, MAX_DRILL_QUESTIONS)),
          label: 'Start another drill',
          style: 'primary',
        },
      ],
    },
  ];
  return direct(blocks);
}
