import { z } from 'zod';
import type { Ctx, Replies } from '../../core/command.js';
import { ownerOf } from '../../core/flow.js';
import { callerHash } from '../../core/insights.js';
import { newNonce } from '../../core/nonce.js';
import { notice, reply } from '../../core/reply.js';
import { type Change, findHandoff, handoffDraftRecord, openHandoff, updateHandoff } from './handoffs.js';
import { isAdvisor, settingsOf } from './permissions.js';
import { propose } from './proposals.js';
import { answerForMember, answerForm, card, codec, preview, questionForm, reasonsPrompt } from './render.js';
import { castVote, giveReason } from './votes.js';

const OLD = notice('That button is from an older message and no longer works.');
const NOT_ADVISOR = notice('Only the server’s advisors (the advisor role in `/settings`) and admins can do that.');

function closed(c: Change & { ok: false }): Replies {
  return notice(
    c.why === 'missing'
      ? 'That question is no longer kept (it was withdrawn, deleted or expired).'
      : 'That question was already closed.',
  );
}

export async function onAdvisorAction(payload: string[], ctx: Ctx): Promise<Replies> {
  const a = codec.decode(payload);
  if (!a) return OLD;
  const now = ctx.now();
  switch (a.kind) {
    case 'v': {
      const [dir, answer, section] = a.args;
      const voter = await callerHash(ctx);
      await castVote(ctx.store, { voter, answer, section, vote: dir === 'u' ? 'up' : 'down', now });
      ctx.log.info({ command: 'advisor', feedback: dir }, 'answer feedback');
      if (dir === 'u') return notice('Thanks, noted. It helps advisors see what works.');
      const settings = await settingsOf(ctx);
      return reasonsPrompt(ctx.user.id, answer, section, Boolean(settings.advisorChannel));
    }
    case 'r': {
      const [reason, answer] = a.args;
      const voter = await callerHash(ctx);
      await giveReason(ctx.store, voter, answer, reason);
      return notice('Thank you: the advisors will see it in their report (only the reason, never your question).');
    }
    case 'h': {
      const settings = await settingsOf(ctx);
      if (!settings.advisorChannel)
        return notice('This server has no advisor channel yet, so questions cannot be handed to an advisor here.');
      return questionForm(ctx.user.id);
    }
    case 's': {
      const [mode, draftNonce] = a.args;
      const draft = await ctx.store.get(handoffDraftRecord, ownerOf(ctx));
      if (!draft || draft.nonce !== draftNonce)
        return notice('That draft is gone (it expires after a day). Ask again with `/advisor ask`.');
      const settings = await settingsOf(ctx);
      if (!settings.advisorChannel) return notice('This server no longer has an advisor channel, so nothing was sent.');
      const h = await openHandoff(
        ctx.store,
        {
          platform: ctx.platform,
          server: draft.server,
          member: ctx.user.id,
          memberName: ctx.user.name,
          named: mode === 'named',
          question: draft.question,
        },
        now,
      );
      await ctx.store.remove(handoffDraftRecord, ownerOf(ctx));
      ctx.log.info({ command: 'advisor', handoff: h.id, named: h.named }, 'hand-off sent');
      return [
        { ...card(h), deliver: { channel: settings.advisorChannel } },
        reply(
          [
            {
              type: 'text',
              markdown: `Sent to the advisors${h.named ? ' with your name' : ', anonymously'}. Their answer will reach you privately here.`,
            },
            { type: 'buttons', buttons: [{ id: codec.id(ctx.user.id, 'w', h.id), label: 'Withdraw my question' }] },
          ],
          'private',
          { replace: true },
        ),
      ];
    }
    case 'x':
      await ctx.store.remove(handoffDraftRecord, ownerOf(ctx));
      return reply([{ type: 'text', markdown: 'Cancelled: nothing was sent.' }], 'private', { replace: true });
    case 'w': {
      const c = await updateHandoff(
        ctx.store,
        a.args[0],
        (h) => h.member === ctx.user.id && h.status === 'open',
        () => ({ status: 'withdrawn' }),
      );
      if (!c.ok) return closed(c);
      return notice('Withdrawn: the advisors’ card now says so, and your question will not be answered.');
    }
    case 'a': {
      const settings = await settingsOf(ctx);
      if (!isAdvisor(ctx, settings)) return NOT_ADVISOR;
      const h = await findHandoff(ctx.store, a.args[0]);
      if (!h) return closed({ ok: false, why: 'missing' });
      if (h.status !== 'open') return closed({ ok: false, why: 'closed' });
      return answerForm(h);
    }
    case 'z': {
      const settings = await settingsOf(ctx);
      if (!isAdvisor(ctx, settings)) return NOT_ADVISOR;
      const c = await updateHandoff(
        ctx.store,
        a.args[0],
        (h) => h.status === 'open' || h.status === 'answered',
        () => ({ status: 'resolved' }),
      );
      if (!c.ok) return closed(c);
      return { ...card(c.handoff), replace: true };
    }
    case 't': {
      const c = await updateHandoff(
        ctx.store,
        a.args[1],
        (h) => h.member === ctx.user.id,
        () => ({ rating: a.args[0] === 'u' ? 'up' : 'down' }),
      );
      if (!c.ok) return closed(c);
      return notice('Thanks: the advisor will see your rating.');
    }
    case 'q':
    case 'A':
      return OLD;
  }
}

export async function onAdvisorSubmit(payload: string[], fields: Record<string, string>, ctx: Ctx): Promise<Replies> {
  const a = codec.decode(payload);
  if (!a) return OLD;
  if (a.kind === 'q') {
    const question = z
      .string()
      .trim()
      .min(3)
      .max(1500)
      .safeParse(fields.question ?? '');
    if (!question.success) return notice('The question needs a few words (at most 1,500 characters). Nothing was sent.');
    const settings = await settingsOf(ctx);
    if (!settings.advisorChannel || !ctx.team) return notice('This server has no advisor channel, so nothing was sent.');
    const draft = { question: question.data, server: ctx.team, nonce: newNonce() };
    await ctx.store.save(handoffDraftRecord, ownerOf(ctx), draft);
    return preview(ctx.user.id, draft.nonce, draft.question, settings.advisorChannel);
  }
  if (a.kind === 'A') {
    const settings = await settingsOf(ctx);
    if (!isAdvisor(ctx, settings)) return NOT_ADVISOR;
    const answer = z
      .string()
      .trim()
      .min(2)
      .max(3000)
      .safeParse(fields.answer ?? '');
    if (!answer.success) return notice('The answer needs a few words (at most 3,000 characters). Nothing was sent.');
    const wantsProposal = /^\s*y(es)?\s*$/i.test(fields.propose ?? '');
    const c = await updateHandoff(
      ctx.store,
      a.args[0],
      (h) => h.status === 'open',
      () => ({
        status: 'answered',
        answer: answer.data,
        answeredBy: ctx.user.name,
        answeredAt: ctx.now().toISOString(),
        proposed: wantsProposal,
      }),
    );
    if (!c.ok) return closed(c);
    if (wantsProposal) {
      await propose(ctx.store, {
        id: c.handoff.id,
        question: c.handoff.question,
        answer: answer.data,
        visa: false,
        by: ctx.user.name,
        at: ctx.now().toISOString(),
      });
    }
    ctx.log.info({ command: 'advisor', handoff: c.handoff.id, proposed: wantsProposal }, 'hand-off answered');
    return [
      { ...answerForMember(c.handoff), deliver: { user: c.handoff.member } },
      { ...card(c.handoff), replace: true },
    ];
  }
  return OLD;
}
