import { z } from 'zod';
import { isVisaScope } from '../../content/scope.js';
import type { Ctx } from '../../core/command.js';
import { ANYONE, askAdvisorButton, feedbackButtons } from '../../core/feedback.js';
import { noteAsked } from '../../core/insights.js';
import { notice } from '../../core/reply.js';
import { readServerSettings } from '../../core/server-settings.js';
import type { Block } from '../../core/types.js';
import { loadTopic, saveTopic } from './context.js';
import { renderAnswer, renderSection, renderTopic } from './render.js';
import { getEngine } from './service.js';
import { recordUnanswered } from './unanswered.js';

export const questionOption = z.string().trim().max(1000).meta({ description: 'Your question, in your own words', rest: true });

interface AnswerOptions {
  visa?: boolean;
  command: string;
}

/** Shared by /ask and /visa: search, render with sources, note what the guide lacks. */
export async function answerQuestion(question: string, ctx: Ctx, opts: AnswerOptions) {
  const engine = await getEngine(ctx.config.contentDir);
  const guide = engine.guide;
  const owner = { platform: ctx.platform, user: ctx.user.id };
  const conversation = ctx.conversation.id;
  // A one-shot script has no conversation: it neither reads nor keeps a topic.
  const conversational = ctx.surface !== 'script';
  const context = conversational ? await loadTopic(ctx.store, owner, conversation, ctx.now()) : undefined;
  const answer = engine.ask(question, { scope: opts.visa ? (s) => isVisaScope(guide, s) : undefined, context });
  if (answer.outcome === 'decline' || answer.outcome === 'did-you-mean') await recordUnanswered(ctx, answer.normalized);
  if (answer.topic && conversational) await saveTopic(ctx.store, owner, conversation, answer.topic, ctx.now());
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
  const rendered = renderAnswer(answer, guide, { visa: opts.visa === true, command: opts.command, owner: ctx.user.id });
  const reply = { ...rendered, blocks: [...rendered.blocks, ...(await loopBlocks(answer, ctx))] };
  // Scripts (`--json`) get what was quoted and whether the whole section is one click away.
  const passages = answer.passages.map((p) => ({ section: guide.sections[p.section]?.id ?? '', text: p.text }));
  const more = reply.blocks.some((b) => b.type === 'buttons' && b.buttons.some((x) => x.id.includes('~more~')));
  return { answer, reply: { ...reply, data: { answered: answer.answered, passages, more } } };
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
 * The community loop under an answer: thumbs anyone in the conversation can give (one vote per
 * member per answer), and the count of what was asked; under a decline, where the server has an
 * advisor channel, the way to ask a human advisor.
 */
async function loopBlocks(answer: Awaited<ReturnType<Awaited<ReturnType<typeof getEngine>>['ask']>>, ctx: Ctx): Promise<Block[]> {
  if (answer.outcome === 'not-a-question') return [];
  if (answer.answered) {
    // What members ask: a one-shot script is the operator, not a member asking.
    if (ctx.surface === 'script') return [];
    const top = answer.matches[0]?.section.id;
    await noteAsked(
      ctx.store,
      answer.matches.map((m) => m.section.id),
      ctx.now(),
    );
    return top ? [feedbackButtons(ANYONE, top)] : [];
  }
  if (!ctx.team || ctx.surface === 'script') return [];
  const settings = await readServerSettings(ctx.store, ctx.platform, ctx.team);
  return settings.advisorChannel ? [askAdvisorButton(ctx.user.id)] : [];
}
