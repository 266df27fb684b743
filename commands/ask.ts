import { z } from 'zod';
import { plainStyle, renderReply } from '../src/adapters/terminal/render.js';
import { isVisaScope } from '../src/content/scope.js';
import type { Ctx, ScriptIO } from '../src/core/command.js';
import { defineCommand } from '../src/core/command.js';
import { notice } from '../src/core/reply.js';
import { renderAnswer } from '../src/features/answer/render.js';
import { getEngine } from '../src/features/answer/service.js';
import { recordUnanswered } from '../src/features/answer/unanswered.js';

export const questionOption = z.string().trim().max(1000).meta({ description: 'Your question, in your own words', rest: true });

/** Shared by /ask and /visa: search, render with sources, note what the guide lacks. */
export async function answerQuestion(question: string, ctx: Ctx, opts: { visa?: boolean; command: string }) {
  const engine = await getEngine(ctx.config.contentDir);
  const guide = engine.guide;
  const answer = engine.ask(question, opts.visa ? { scope: (s) => isVisaScope(guide, s) } : {});
  if (!answer.answered) await recordUnanswered(ctx, answer.normalized);
  ctx.log.info({ command: opts.command, answered: answer.answered, sections: answer.matches.map((m) => m.section.id) }, 'answer');
  return { answer, reply: renderAnswer(answer, guide, { visa: opts.visa === true, command: opts.command }) };
}

/**
 * `img-advisor ask|visa [--json] question...`: exactly one JSON object on stdout with
 * answered, text and sources; exit 0 on an answer or an honest no-answer, 2 on bad usage.
 */
export async function answerScript(args: string[], io: ScriptIO, ctx: Ctx, opts: { visa?: boolean; command: string }) {
  const json = args.includes('--json');
  const question = args
    .filter((a) => a !== '--json')
    .join(' ')
    .trim();
  if (!question) {
    io.stderr(`Usage: img-advisor ${opts.command} [--json] "your question"`);
    return 2;
  }
  const parsed = questionOption.safeParse(question);
  if (!parsed.success) {
    io.stderr(`The question is too long: at most 1,000 characters (this one has ${question.length}).`);
    return 2;
  }
  const { answer, reply } = await answerQuestion(parsed.data, ctx, opts);
  const text = renderReply(reply, plainStyle).text;
  if (json) {
    const sources = answer.matches.map((m) => ({ id: m.section.id, title: m.section.title }));
    io.stdout(JSON.stringify({ answered: answer.answered, text, sources, command: opts.command }));
  } else {
    io.stdout(text);
  }
  return 0;
}

export default defineCommand({
  name: 'ask',
  description: 'Ask the guide anything: visas, programs, red flags, interviews, lifestyle',
  examples: ['/ask how long is a clinical informatics fellowship', '/ask how do I explain a gap'],
  options: z.object({ question: questionOption.optional() }),
  async run({ question }, ctx) {
    if (!question) {
      return notice('Ask me a question after the command, like `/ask how do I spot a malignant program`.');
    }
    return (await answerQuestion(question, ctx, { command: 'ask' })).reply;
  },
  script: (args, io, ctx) => answerScript(args, io, ctx, { command: 'ask' }),
});
