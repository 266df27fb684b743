import type { Ctx } from '../../core/command.js';
import { notice, reply } from '../../core/reply.js';
import type { Block, Reply, SelectOption } from '../../core/types.js';
import { ids } from './actions.js';
import { type CardItem, pausedReply, questionCard, resumeOffer, showName, welcome } from './card.js';
import { categoryLabel, type RedflagContent } from './items.js';
import { type Input, knownAnswers, startProgress, step } from './questionnaire.js';
import {
  findByKey,
  MAX_IN_PROGRESS,
  MAX_REPORTS,
  nameKey,
  newestFirst,
  newId,
  PROGRESS_TTL_DAYS,
  type ProgramProgress,
  type ProgramReport,
} from './records.js';
import { programReport } from './report.js';
import { PROGRAM_LEVEL_LABELS, scoreProgram } from './score.js';
import { type Programs, type ProgramsStep, programFlow } from './state.js';

/**
 * A program check, one sign at a time: start or resume, answer, stop, finish into a saved report.
 * Each entry point is one turn of the flow runner (see state.ts); the decisions are pure.
 */

function cardItems(content: RedflagContent): CardItem[] {
  return content.program.items.map((i) => ({
    id: i.id,
    question: i.question,
    hint: i.signs,
    section: categoryLabel(content.program, i.category),
  }));
}

function card(ctx: Ctx, content: RedflagContent, session: ProgramProgress, lead?: string, replace = false): Reply {
  return questionCard({ owner: ctx.user.id, progress: session, items: cardItems(content), name: session.name, lead, replace });
}

/** "Show report" and "Take it again" for a saved report. */
function reportButtons(owner: string, report: ProgramReport): Block {
  return {
    type: 'buttons',
    buttons: [
      { id: ids.view(owner, report.id), label: 'Show report', style: 'primary' },
      { id: ids.retake(owner, report.id), label: 'Take it again', style: 'secondary' },
    ],
  };
}

/** A fresh check of one program; refuses politely when the member's lists are full. */
function begin(ctx: Ctx, content: RedflagContent, name: string, p: Programs, replace = false): ProgramsStep {
  const key = nameKey(name);
  const others = Object.values(p.sessions).filter((s) => s.key !== key);
  if (others.length >= MAX_IN_PROGRESS) {
    return {
      replies: notice(
        `You already have ${others.length} checks in progress, the most I keep at once. Finish one, or remove one with \`/redflags delete <name>\`; \`/redflags list\` shows them.`,
      ),
    };
  }
  if (!findByKey(p.reports, key) && Object.keys(p.reports).length >= MAX_REPORTS) {
    return {
      replies: notice(
        `You have ${MAX_REPORTS} saved reports, the most I keep. Delete one you no longer need with \`/redflags delete <name>\`, then try again.`,
      ),
    };
  }
  const kept = Object.fromEntries(Object.entries(p.sessions).filter(([, s]) => s.key !== key));
  const session: ProgramProgress = { ...startProgress(newId('p'), ctx.now()), name, key };
  ctx.log.info({ command: 'redflags', flow: 'program', event: 'started' }, 'redflags');
  return {
    sessions: { ...kept, [session.id]: session },
    replies: card(ctx, content, session, welcome(content.program.items.length, name), replace),
  };
}

/** `/redflags program <name>`: resume or restart a running check, reopen a saved one, or begin. */
export function startProgram(ctx: Ctx, content: RedflagContent, name: string): Promise<Reply[]> {
  return programFlow(ctx, (p) => {
    const key = nameKey(name);
    const running = findByKey(p.sessions, key);
    if (running) {
      return { replies: resumeOffer(ctx.user.id, running, content.program.items.length, `**${showName(running.name)}**`) };
    }
    const saved = findByKey(p.reports, key);
    if (!saved) return begin(ctx, content, name, p);
    const level = PROGRAM_LEVEL_LABELS[scoreProgram(content.program.items, saved.answers).level];
    const markdown = `You checked **${showName(saved.name)}** on ${saved.finishedAt.slice(0, 10)}: **${level}**.`;
    return { replies: reply([{ type: 'text', markdown }, reportButtons(ctx.user.id, saved)], 'private') };
  });
}

export function askName(ctx: Ctx, lead?: string): Reply {
  const blocks: Block[] = [];
  if (lead) blocks.push({ type: 'text', markdown: lead });
  blocks.push({
    type: 'form',
    id: ids.nameForm(ctx.user.id),
    title: 'Red-flag check: which program?',
    submitLabel: 'Start',
    fields: [{ id: 'name', label: 'Program name', style: 'short', required: true, maxLength: 80, placeholder: 'Mercy General' }],
  });
  return reply(blocks, 'private');
}

/** Checks in progress, then saved reports, newest first: Discord selects hold 25 options. */
export function pickOptions(p: Programs, total: number): SelectOption[] {
  const running = newestFirst(Object.values(p.sessions), (s) => s.updatedAt).map((s) => ({
    value: `s:${s.id}`,
    label: `Resume: ${s.name}`.slice(0, 100),
    description: `In progress: question ${Math.min(s.index + 1, total)} of ${total}`,
  }));
  const saved = newestFirst(Object.values(p.reports), (r) => r.finishedAt).map((r) => ({
    value: `r:${r.id}`,
    label: r.name.slice(0, 100),
    description: `Report from ${r.finishedAt.slice(0, 10)}`,
  }));
  return [...running, ...saved].slice(0, 25);
}

/** `/redflags program` with no name: offer what is saved, or ask for a name. */
export function chooseProgram(ctx: Ctx, content: RedflagContent): Promise<Reply[]> {
  return programFlow(ctx, (p) => {
    const options = pickOptions(p, content.program.items.length);
    if (!options.length) {
      return { replies: askName(ctx, 'Which program should we check? You can also type `/redflags program Mercy General`.') };
    }
    const blocks: Block[] = [
      { type: 'select', id: ids.pick(ctx.user.id), placeholder: 'Resume a check or open a saved report', options },
      { type: 'buttons', buttons: [{ id: ids.newProgram(ctx.user.id), label: 'Another program', style: 'primary' }] },
    ];
    return { replies: reply(blocks, 'private') };
  });
}

/** A session's button arrived but the session is gone: finished, replaced or expired. */
function sessionGone(ctx: Ctx, p: Programs, sid: string): Reply {
  const finished = Object.values(p.reports).find((r) => r.sessionId === sid);
  if (finished) {
    const markdown = `You already finished this check of **${showName(finished.name)}**.`;
    return reply([{ type: 'text', markdown }, reportButtons(ctx.user.id, finished)], 'private', { replace: true });
  }
  return reply(
    [
      {
        type: 'text',
        markdown: `That check has expired or was replaced by a newer one. Checks in progress are kept for ${PROGRESS_TTL_DAYS} days after your last answer.`,
      },
      { type: 'buttons', buttons: [{ id: ids.again(ctx.user.id, 'program'), label: 'Start again', style: 'primary' }] },
    ],
    'private',
    { replace: true },
  );
}

/** The last answer: the session becomes a saved report (replacing an older one of that name). */
function finish(ctx: Ctx, content: RedflagContent, session: ProgramProgress, p: Programs): ProgramsStep {
  const previous = findByKey(p.reports, session.key);
  const report: ProgramReport = {
    id: previous?.id ?? newId('r'),
    name: session.name,
    key: session.key,
    answers: knownAnswers(
      content.program.items.map((i) => i.id),
      session.answers,
    ),
    finishedAt: ctx.now().toISOString(),
    sessionId: session.id,
  };
  const { [session.id]: _done, ...sessions } = p.sessions;
  const view = programReport(content, {
    name: report.name,
    answers: report.answers,
    date: report.finishedAt,
    savedAs: report.name,
  });
  const { level, flagged, unsure } = view.score;
  ctx.log.info(
    { command: 'redflags', flow: 'program', event: 'finished', level, flagged: flagged.length, unsure: unsure.length },
    'redflags',
  );
  return { sessions, reports: { ...p.reports, [report.id]: report }, replies: reply(view.blocks, 'private', { replace: true }) };
}

/** Answer, Skip, Back, Stop and Resume on a program check. */
export function programStep(ctx: Ctx, content: RedflagContent, sid: string, input: Input): Promise<Reply[]> {
  return programFlow(ctx, (p) => {
    const session = p.sessions[sid];
    if (!session) return { replies: sessionGone(ctx, p, sid) };
    const stepped = step(
      content.program.items.map((i) => i.id),
      session,
      input,
      ctx.now(),
    );
    const next: ProgramProgress = { ...session, ...stepped.state };
    const saved = { ...p.sessions, [sid]: next };
    switch (stepped.outcome) {
      case 'done':
        return finish(ctx, content, next, p);
      case 'paused': {
        const again = `/redflags program ${showName(next.name)}`;
        return { sessions: saved, replies: pausedReply(ctx.user.id, next, content.program.items.length, again) };
      }
      case 'stale':
        return { replies: card(ctx, content, next, 'That button was for another question. Here is where you are now:', true) };
      case 'first':
        return { replies: card(ctx, content, next, 'This is the first question.', true) };
      case 'ask':
        return { sessions: saved, replies: card(ctx, content, next, undefined, true) };
    }
  });
}

/** Start over: the old session's buttons go stale because the new one has a new id. */
export function restartProgram(ctx: Ctx, content: RedflagContent, sid: string): Promise<Reply[]> {
  return programFlow(ctx, (p) => {
    const session = p.sessions[sid];
    return session ? begin(ctx, content, session.name, p, true) : { replies: sessionGone(ctx, p, sid) };
  });
}

export function retakeProgram(ctx: Ctx, content: RedflagContent, rid: string): Promise<Reply[]> {
  return programFlow(ctx, (p) => {
    const saved = p.reports[rid];
    if (!saved) return { replies: notice('That report is no longer saved. `/redflags list` shows what is.') };
    return begin(ctx, content, saved.name, p, true);
  });
}
