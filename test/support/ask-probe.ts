import { z } from 'zod';
import { defineCommand } from '../../src/core/command.js';
import { textReply } from '../../src/core/reply.js';

/**
 * Stands in for /ask where a test checks what reaches the answer engine: it says the question
 * and the conversation it was asked in (follow-up context is keyed by that id). Added after the
 * registry, it replaces the real /ask in the router of that test's app.
 */
export const askProbe = defineCommand({
  name: 'ask',
  description: 'Test: repeats the question and its conversation',
  question: true,
  options: z.object({ question: z.string().max(1000).optional().meta({ rest: true }) }),
  async run({ question }, ctx) {
    return textReply(`Q: ${question ?? ''} | conversation ${ctx.conversation.id} | direct ${ctx.conversation.isDirect}`);
  },
});
