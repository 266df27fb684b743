import { reply, usageError } from '../../core/reply.js';
import type { Reply } from '../../core/types.js';
import { analyzeAnswer } from './analyze.js';
import { resolveQuestion } from './bank.js';
import type { InterviewContent } from './content.js';
import { renderAnalysis } from './feedback-render.js';

/**
 * Feedback on one answer outside a drill (`img-advisor interview feedback`): the analysis as
 * text, and as `data` for `--json`: the question it was taken as, every measure, the tips and
 * the next step. Nothing is stored.
 */
export function answerFeedback(content: InterviewContent, questionText: string | undefined, answer: string | undefined): Reply {
  if (!answer?.trim()) {
    return {
      ...usageError('No answer given: pipe it on standard input, or pass `--file answer.txt` or `--answer "..."`.'),
      data: { errors: [{ field: 'answer', message: 'No answer given: pipe it on standard input, or pass --file or --answer.' }] },
    };
  }
  const { question, bank } = resolveQuestion(content, questionText);
  const analysis = analyzeAnswer(answer, question);
  const { coveredIndex: _coveredIndex, tips, ...measures } = analysis;
  return reply([{ type: 'text', markdown: renderAnalysis(analysis, { listen: bank?.listen }) }], 'private', {
    data: {
      question: {
        id: bank?.id ?? null,
        text: bank?.text ?? question.text,
        category: bank?.category ?? null,
        matched: Boolean(bank),
      },
      ...measures,
      tips,
      nextStep: tips[0],
    },
  });
}
