import { z } from 'zod';
import { plainStyle, renderReply } from '../src/adapters/terminal/render.js';
import { loadTopic, saveTopic } from '../src/answer/context.js';
import { renderAnswer, renderSection, renderTopic } from '../src/answer/render.js';
import { getEngine } from '../src/answer/service.js';
import { recordUnanswered } from '../src/answer/unanswered.js';
import { isVisaScope } from '../src/content/scope.js';
import type { Ctx, ScriptIO } from '../src/core/command.js';
import { defineCommand } from '../src/core/command.js';
import { notice } from '../src/core/reply.js';

export const questionOption = z.string().trim().max(1000).meta({ description: 'Your question, in your own words', rest: true });

interface AnswerOptions {
  visa?: boolean;
  command: string;
  /** Read a follow-up with this conversation's previous topic, and remember this one (not in one-shot scripts). */
  conversational?: boolean;
}

/** Shared by /ask and /visa: search, render with sources, note what the guide lacks. */
export async function answerQuestion(question: string, ctx: Ctx, opts: AnswerOptions) {
  const engine = await getEngine(ctx.config.contentDir);
  const guide = engine.guide;
  const owner = { platform: ctx.platform, user: ctx.user.id };
  const conversation = ctx.conversation.id;
  const context = opts.conversational === false ? undefined : await loadTopic(ctx.store, owner, conversation, ctx.now());
  const answer = engine.ask(question, { scope: opts.visa ? (s) => isVisaScope(guide, s) : undefined, context });
  if (answer.outcome === 'decline' || answer.outcome === 'did-you-mean')
    await recordUnanswered(ctx.store, answer.normalized, ctx.now());
  if (answer.topic && opts.conversational !== false) await saveTopic(ctx.store, owner, conversation, answer.topic, ctx.now());
  ctx.log.info(
    {
      command: opts.command,
      outcome: answer.outcome,
      followUp: answer.followUp,
      sections: answer.matches.map((m) => m.section.id),
      passages: answer.passages.length,
    },
    'answer',
  );
  return {
    answer,
    reply: renderAnswer(answer, guide, { visa: opts.visa === true, command: opts.command, owner: ctx.user.id }),
  };
}

/** The buttons of an answer: More (the whole section) and the topics of "Did you mean". */
export async function answerAction(payload: string[], ctx: Ctx, opts: { visa?: boolean; command: string }) {
  const [what, id = ''] = payload;
  const engine = await getEngine(ctx.config.contentDir);
  const section = engine.sectionById(id);
  if (!section) return notice(`That topic is no longer in the guide. Ask again with \`/${opts.command}\`.`);
  const render = { visa: opts.visa === true, command: opts.command, owner: ctx.user.id };
  if (what === 'more') return renderSection(section, engine.guide, render);
  if (what === 'topic') {
    const terms = [...new Set(engine.sectionPassages(section).flatMap((p) => (p.from === 'summary' ? p.terms : [])))].slice(
      0,
      12,
    );
    await saveTopic(
      ctx.store,
      { platform: ctx.platform, user: ctx.user.id },
      ctx.conversation.id,
      { sections: [id], terms },
      ctx.now(),
    );
    return renderTopic(section, engine.guide, render);
  }
  return notice(`That button no longer works. Ask again with \`/${opts.command}\`.`);
}

/**
 * `img-advisor ask|visa [--json] question...`: exactly one JSON object on stdout with answered,
 * text, sources, the passages quoted and whether a More button came with it; exit 0 on an answer
 * or an honest no-answer, 2 on bad usage.
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
  const { answer, reply } = await answerQuestion(parsed.data, ctx, { ...opts, conversational: false });
  const text = renderReply(reply, plainStyle).text;
  if (json) {
    const sources = answer.matches.map((m) => ({ id: m.section.id, title: m.section.title }));
    const engine = await getEngine(ctx.config.contentDir);
    const passages = answer.passages.map((p) => ({ section: engine.guide.sections[p.section]?.id ?? '', text: p.text }));
    const more = reply.blocks.some((b) => b.type === 'buttons' && b.buttons.some((x) => x.id.includes('~more~')));
    io.stdout(JSON.stringify({ answered: answer.answered, text, sources, passages, more, command: opts.command }));
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
  onAction: (payload, _values, ctx) => answerAction(payload, ctx, { command: 'ask' }),
  script: (args, io, ctx) => answerScript(args, io, ctx, { command: 'ask' }),
});
