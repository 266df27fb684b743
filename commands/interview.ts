import { z } from 'zod';
import { defineCommand, subcommand } from '../src/core/command.js';
import { notice } from '../src/core/reply.js';
import { COMMAND, categoryChoice, interviewActions } from '../src/features/interview/actions.js';
import { getInterviewContent } from '../src/features/interview/content.js';
import {
  drillButton,
  drillLine,
  drillMessage,
  MAX_ANSWER_CHARS,
  startDrill,
  stopDrill,
} from '../src/features/interview/drill-flow.js';
import { answerFeedback } from '../src/features/interview/feedback.js';
import { renderAsk, renderPlan } from '../src/features/interview/prep-render.js';
import { MAX_DRILL_QUESTIONS } from '../src/features/interview/records.js';
import { storyTurn } from '../src/features/interview/story-flow.js';

const DEFAULT_COUNT = 5;
const BAD_BUTTON = 'That button did not carry what I expected, so nothing changed. Type `/interview start` to begin again.';
const OLD_FORM = 'That form is from an older version of this bot. Run `/interview story` again.';

const subcommands = [
  subcommand({
    name: 'start',
    description: 'Start a mock-interview drill in a DM: one question at a time, feedback on each answer',
    examples: ['/interview start behavioral 3', '/interview start', '/interview start informatics'],
    options: z.object({
      category: categoryChoice
        .optional()
        .meta({ description: 'motivation, behavioral, informatics, img, program, or mixed (the default)' }),
      count: z
        .number()
        .int()
        .min(1)
        .max(MAX_DRILL_QUESTIONS)
        .optional()
        .meta({ description: 'How many questions, 1-10 (default 5)' }),
    }),
    run: async ({ category, count }, ctx) => startDrill(ctx, { category: category ?? 'mixed', count: count ?? DEFAULT_COUNT }),
  }),
  subcommand({
    name: 'stop',
    description: 'End your drill and see the summary',
    examples: ['/interview stop'],
    options: z.object({}),
    run: async (_input, ctx) => stopDrill(ctx),
  }),
  subcommand({
    name: 'story',
    description: 'Build your "tell me about yourself" at 30 seconds, 2 and 5 minutes',
    examples: ['/interview story'],
    options: z.object({}),
    run: async (_input, ctx) => storyTurn(ctx, { type: 'open' }),
  }),
  subcommand({
    name: 'ask',
    description: 'Questions to ask the program, by who is across the table',
    examples: ['/interview ask fellows', '/interview ask'],
    options: z.object({
      role: z
        .enum(['director', 'faculty', 'fellows', 'all'])
        .optional()
        .meta({ description: 'director, faculty, fellows or all (default)' }),
    }),
    async run({ role }, ctx) {
      const content = await getInterviewContent(ctx.config.contentDir);
      return renderAsk(content.ask, role ?? 'all');
    },
  }),
  subcommand({
    name: 'plan',
    description: 'The 2-3 week pre-interview study plan and the last-48-hours checklist',
    examples: ['/interview plan 3', '/interview plan 2'],
    options: z.object({
      weeks: z.number().int().min(2).max(3).optional().meta({ description: 'Weeks until the interview: 2 or 3 (default 3)' }),
    }),
    async run({ weeks }, ctx) {
      const content = await getInterviewContent(ctx.config.contentDir);
      return renderPlan(content.plan, weeks === 2 ? 2 : 3);
    },
  }),
  // Scripts only: `img-advisor interview feedback --json --question "..." < answer.txt`.
  subcommand({
    name: 'feedback',
    description: 'Feedback on one answer read from a file or a pipe: length, STAR, informatics angle, fillers, tips',
    examples: ['img-advisor interview feedback --json --question "Describe a mistake you made." < answer.txt'],
    surfaces: ['script'],
    options: z.object({
      question: z
        .string()
        .trim()
        .min(1)
        .max(300)
        .optional()
        .meta({ description: 'The question: a bank id (inf-cpoe), its wording, or your own', rest: true }),
      // Before `answer`: with `--file -` the pipe is read once, here.
      file: z
        .string()
        .max(MAX_ANSWER_CHARS)
        .optional()
        .meta({ description: 'A file holding your answer (- for standard input)', file: true }),
      answer: z
        .string()
        .max(MAX_ANSWER_CHARS)
        .optional()
        .meta({ description: 'Your answer; read from standard input when not given', stdin: true }),
    }),
    async run({ question, file, answer }, ctx) {
      return answerFeedback(await getInterviewContent(ctx.config.contentDir), question, file ?? answer);
    },
  }),
];

export default defineCommand({
  name: COMMAND,
  description: 'Mock-interview drills in DMs with feedback on every answer, plus story, questions and plan',
  personal: true,
  subcommands,
  mine: drillLine,
  async onAction(payload, _values, ctx) {
    const action = interviewActions.decode(payload);
    switch (action?.kind) {
      case 'd': {
        const [nonce, index, tries, act] = action.args;
        return drillButton(ctx, nonce, { type: 'control', act, at: { index, tries } });
      }
      case 'c':
        return drillButton(ctx, action.args[0], { type: 'resume' });
      case 'r':
        return startDrill(ctx, { replacing: action.args[0], category: action.args[1], count: action.args[2] });
      case 'n':
        return startDrill(ctx, { category: action.args[0], count: action.args[1] });
      case 's':
        return storyTurn(ctx, { type: 'button', which: action.args[0] });
      default:
        return notice(BAD_BUTTON);
    }
  },
  async onSubmit(payload, fields, ctx) {
    const action = interviewActions.decode(payload);
    if (action?.kind !== 'story') return notice(OLD_FORM);
    return storyTurn(ctx, { type: 'submit', step: action.args[0], fields });
  },
  onMessage: drillMessage,
});
