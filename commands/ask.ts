import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { usageError } from '../src/core/reply.js';
import { answerAction, answerQuestion, questionOption } from '../src/features/answer/ask.js';

export default defineCommand({
  name: 'ask',
  question: true,
  description: 'Ask the guide anything: visas, programs, red flags, interviews, lifestyle',
  examples: ['/ask how long is a clinical informatics fellowship', '/ask how do I explain a gap'],
  options: z.object({ question: questionOption.optional() }),
  async run({ question }, ctx) {
    if (!question) {
      return usageError('Ask me a question after the command, like `/ask how do I spot a malignant program`.');
    }
    return (await answerQuestion(question, ctx, { command: 'ask' })).reply;
  },
  onAction: (payload, _values, ctx) => answerAction(payload, ctx, { command: 'ask' }),
});
