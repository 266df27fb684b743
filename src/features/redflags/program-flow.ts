import type { Ctx, Replies } from '../../core/command.js';
import { notice, reply } from '../../core/reply.js';
import type { Block, Reply, SelectOption } from '../../core/types.js';
import { ids } from './actions.js';
import { type CardItem, pausedReply, questionCard, resumeOffer, showName, welcome } from './card.js';
import { categoryLabel, type RedflagContent } from './items.js';
import { type Answers, type Input, knownAnswers, startProgress, step } from './questionnaire.js';
import {
  findByKey,
  loadProgramSessions,
  loadReports,
  MAX_IN_PROGRESS,
  MAX_REPORTS,
  nameKey,
  newestFirst,
  newId,
  PROGRESS_TTL_DAYS,
  type ProgramProgress,
  type ProgramReport,
  saveProgramSessions,
  saveReports,
} from './records.js';
import { comparison, programReport } from './report.js';
import { PROGRAM_LEVEL_LABELS, scoreProgram } from './score.js';

export const RESET_NOTICE =
  'Your saved red-flag progress could not be read after an update, so it was cleared. Sorry about that: start again below.';

function cardItems(content: RedflagContent): CardItem[] {
  return content.program.items.map((i) => ({
    id: i.id,
    question: i.question,
    hint: i.signs,
    section: categoryLabel(content.program, i.category),
  }));
}

function itemIds(content: RedflagContent): string[] {
  return content.program.items.map((i) => i.id);
}

function withReset(reset: boolean, replies: Reply[]): Reply[] {
  return reset ? [notice(RESET_NOTICE), ...replies] : replies;
}

function card(ctx: Ctx, content: RedflagContent, session: ProgramProgress, lead?: string, replace = false): Reply {
  return questionCard({ owner: ctx.user.id, progress: session, items: cardItems(content), name: session.name, lead, replace });
}

function levelOf(content: RedflagContent, answers: Answers) {
  return PROGRAM_LEVEL_LABELS[scoreProgram(content.program.items, answers).level];
}

/** A fresh check of one program; refuses politely when the member's lists are full. */
async function begin(
  ctx: Ctx,
  content: RedflagContent,
  name: string,
  sessions: Record<string, ProgramProgress>,
  opts: { replace?: boolean } = {},
): Promise<Reply> {
  const key = nameKey(name);
  const others = Object.values(sessions).filter((s) => s.key !== key);
  if (others.length >= MAX_IN_PROGRESS) {
    return notice(
      `You already have ${others.length} checks in progress, the most I keep at once. Finish one, or remove one with \`/redflags delete <name>\`; \`/redflags list\` shows them.`,
    );
  }
  const reports = await loadReports(ctx);
  if (!findByKey(reports.value, key) && Object.keys(reports.value).length >= MAX_REPORTS) {
    return notice(
      `You have ${MAX_REPORTS} saved reports, the most I keep. Delete one you no longer need with \`/redflags delete <name>\`, then try again.`,
    );
  }
  const kept = Object.fromEntries(Object.entries(sessions).filter(([, s]) => s.key !== key));
  const session: ProgramProgress = { ...startProgress(newId('p'), ctx.now()), name, key };
  await saveProgramSessions(ctx, { ...kept, [session.id]: session });
  ctx.log.info({ command: 'redflags', flow: 'program', event: 'started' }, 'redflags');
  return card(ctx, content, session, welcome(content.program.items.length, name), opts.replace);
}

/** `/redflags program <name>`: resume or restart a running check, reopen a saved one, or begin. */
export async function startProgram(ctx: Ctx, content: RedflagContent, name: string): Promise<Replies> {
  const key = nameKey(name);
  const sessions = await loadProgramSessions(ctx);
  const running = findByKey(sessions.value, key);
  if (running) {
    return withReset(sessions.reset, [
      resumeOffer(ctx.user.id, running, content.program.items.length, `**${showName(running.name)}**`),
    ]);
  }
  const reports = await loadReports(ctx);
  const saved = findByKey(reports.value, key);
  if (saved) {
    return withReset(sessions.reset || reports.reset, [
      reply(
        [
          {
            type: 'text',
            markdown: `You checked **${showName(saved.name)}** on ${saved.finishedAt.slice(0, 10)}: **${levelOf(content, saved.answers)}**.`,
          },
          {
            type: 'buttons',
            buttons: [
              { id: ids.view(ctx.user.id, saved.id), label: 'Show report', style: 'primary' },
              { id: ids.retake(ctx.user.id, saved.id), label: 'Take it again', style: 'secondary' },
            ],
          },
        ],
        'private',
      ),
    ]);
  }
  return withReset(sessions.reset || reports.reset, [await begin(ctx, content, name, sessions.value)]);
}

function nameForm(owner: string, lead?: string): Reply {
  const blocks: Block[] = [];
  if (lead) blocks.push({ type: 'text', markdown: lead });
  blocks.push({
    type: 'form',
    id: ids.nameForm(owner),
    title: 'Red-flag check: which program?',
    submitLabel: 'Start',
    fields: [{ id: 'name', label: 'Program name', style: 'short', required: true, maxLength: 80, placeholder: 'Mercy General' }],
  });
  return reply(blocks, 'private');
}

/** `/redflags program` with no name: offer what is saved, or ask for a name. */
export async function chooseProgram(ctx: Ctx, content: RedflagContent): Promise<Replies> {
  const [sessions, reports] = await Promise.all([loadProgramSessions(ctx), loadReports(ctx)]);
  const options = pickOptions(Object.values(sessions.value), Object.values(reports.value), content.program.items.length);
  if (!options.length) {
    return withReset(sessions.reset || reports.reset, [
      nameForm(ctx.user.id, 'Which program should we check? You can also type `/redflags program Mercy General`.'),
    ]);
  }
  return withReset(sessions.reset || reports.reset, [
    reply(
      [
        { type: 'select', id: ids.pick(ctx.user.id), placeholder: 'Resume a check or open a saved report', options },
        { type: 'buttons', buttons: [{ id: ids.newProgram(ctx.user.id), label: 'Another program', style: 'primary' }] },
      ],
      'private',
    ),
  ]);
}

function pickOptions(sessions: ProgramProgress[], reports: ProgramReport[], total: number): SelectOption[] {
  const running = newestFirst(sessions, (s) => s.updatedAt).map((s) => ({
    value: `s:${s.id}`,
    label: `Resume: ${s.name}`.slice(0, 100),
    description: `In progress: question ${Math.min(s.index + 1, total)} of ${total}`,
  }));
  const saved = newestFirst(reports, (r) => r.finishedAt).map((r) => ({
    value: `r:${r.id}`,
    label: r.name.slice(0, 100),
    description: `Report from ${r.finishedAt.slice(0, 10)}`,
  }));
  // Discord selects hold 25 options; the most recent win.
  return [...running, ...saved].slice(0, 25);
}

export function askName(ctx: Ctx, lead?: string): Reply {
  return nameForm(ctx.user.id, lead);
}

/** A session's button arrived but the session is gone: finished, replaced or expired. */
async function sessionGone(ctx: Ctx, sid: string, reset: boolean): Promise<Reply[]> {
  const reports = await loadReports(ctx);
  const finished = Object.values(reports.value).find((r) => r.sessionId === sid);
  if (finished) {
    return [
      reply(
        [
          { type: 'text', markdown: `You already finished this check of **${showName(finished.name)}**.` },
          {
            type: 'buttons',
            buttons: [
              { id: ids.view(ctx.user.id, finished.id), label: 'Show report', style: 'primary' },
              { id: ids.retake(ctx.user.id, finished.id), label: 'Take it again', style: 'secondary' },
            ],
          },
        ],
        'private',
        { replace: true },
      ),
    ];
  }
  return withReset(reset, [
    reply(
      [
        {
          type: 'text',
          markdown: `That check has expired or was replaced by a newer one. Checks in progress are kept for ${PROGRESS_TTL_DAYS} days after your last answer.`,
        },
        { type: 'buttons', buttons: [{ id: ids.again(ctx.user.id, 'program'), label: 'Start again', style: 'primary' }] },
      ],
      'private',
      { replace: true },
    ),
  ]);
}

async function finish(
  ctx: Ctx,
  content: RedflagContent,
  session: ProgramProgress,
  sessions: Record<string, ProgramProgress>,
): Promise<Replies> {
  const reports = await loadReports(ctx);
  const previous = findByKey(reports.value, session.key);
  const report: ProgramReport = {
    id: previous?.id ?? newId('r'),
    name: session.name,
    key: session.key,
    answers: knownAnswers(itemIds(content), session.answers),
    finishedAt: ctx.now().toISOString(),
    sessionId: session.id,
  };
  await saveReports(ctx, { ...reports.value, [report.id]: report });
  const { [session.id]: _done, ...rest } = sessions;
  await saveProgramSessions(ctx, rest);
  const view = programReport(content, {
    name: report.name,
    answers: report.answers,
    date: report.finishedAt,
    savedAs: report.name,
  });
  ctx.log.info(
    {
      command: 'redflags',
      flow: 'program',
      event: 'finished',
      level: view.score.level,
      flagged: view.score.flagged.length,
      unsure: view.score.unsure.length,
    },
    'redflags',
  );
  return reply(view.blocks, 'private', { replace: true });
}

/** Answer, Skip, Back, Stop and Resume on a program check. */
export async function programStep(ctx: Ctx, content: RedflagContent, sid: string, input: Input): Promise<Replies> {
  const sessions = await loadProgramSessions(ctx);
  const session = sessions.value[sid];
  if (!session) return sessionGone(ctx, sid, sessions.reset);
  const { state, outcome } = step(itemIds(content), session, input, ctx.now());
  const next: ProgramProgress = { ...session, ...state };
  switch (outcome) {
    case 'done':
      return finish(ctx, content, next, sessions.value);
    case 'paused':
      await saveProgramSessions(ctx, { ...sessions.value, [sid]: next });
      return pausedReply(ctx.user.id, next, content.program.items.length, `/redflags program ${showName(next.name)}`);
    case 'stale':
      return card(ctx, content, next, 'That button was for another question. Here is where you are now:', true);
    case 'first':
      return card(ctx, content, next, 'This is the first question.', true);
    case 'ask':
      await saveProgramSessions(ctx, { ...sessions.value, [sid]: next });
      return card(ctx, content, next, undefined, true);
  }
}

/** Start over: the old session's buttons go stale because the new one has a new id. */
export async function restartProgram(ctx: Ctx, content: RedflagContent, sid: string): Promise<Replies> {
  const sessions = await loadProgramSessions(ctx);
  const session = sessions.value[sid];
  if (!session) return sessionGone(ctx, sid, sessions.reset);
  return begin(ctx, content, session.name, sessions.value, { replace: true });
}

export async function retakeProgram(ctx: Ctx, content: RedflagContent, rid: string): Promise<Replies> {
  const reports = await loadReports(ctx);
  const saved = reports.value[rid];
  if (!saved) return notice('That report is no longer saved. `/redflags list` shows what is.');
  const sessions = await loadProgramSessions(ctx);
  return begin(ctx, content, saved.name, sessions.value, { replace: true });
}

export async function viewReport(ctx: Ctx, content: RedflagContent, rid: string): Promise<Replies> {
  const reports = await loadReports(ctx);
  const saved = reports.value[rid];
  if (!saved) return withReset(reports.reset, [notice('That report is no longer saved. `/redflags list` shows what is.')]);
  const view = programReport(content, { name: saved.name, answers: saved.answers, date: saved.finishedAt, savedAs: saved.name });
  return reply(
    [
      ...view.blocks,
      {
        type: 'buttons',
        buttons: [
          { id: ids.retake(ctx.user.id, saved.id), label: 'Take it again', style: 'secondary' },
          { id: ids.delete(ctx.user.id, saved.id), label: 'Delete', style: 'danger' },
        ],
      },
    ],
    'private',
  );
}

/** What the member calls a program, found through a report or a session id. */
async function resolveTarget(ctx: Ctx, target: string) {
  const [sessions, reports] = await Promise.all([loadProgramSessions(ctx), loadReports(ctx)]);
  const named = reports.value[target] ?? sessions.value[target];
  return { named, sessions: sessions.value, reports: reports.value };
}

function deleteQuestion(ctx: Ctx, name: string, target: string, hasReport: boolean, hasSession: boolean, replace = false) {
  const what = [hasReport ? 'the saved report' : '', hasSession ? 'the check in progress' : ''].filter(Boolean).join(' and ');
  return reply(
    [
      { type: 'text', markdown: `Delete ${what} for **${showName(name)}**? This cannot be undone.` },
      {
        type: 'buttons',
        buttons: [
          { id: ids.confirmDelete(ctx.user.id, target), label: 'Delete', style: 'danger' },
          { id: ids.keep(ctx.user.id, target), label: 'Keep', style: 'secondary' },
        ],
      },
    ],
    'private',
    replace ? { replace: true } : {},
  );
}

/** `/redflags delete <name>`: asks first. */
export async function askDeleteByName(ctx: Ctx, name: string): Promise<Replies> {
  const key = nameKey(name);
  const [sessions, reports] = await Promise.all([loadProgramSessions(ctx), loadReports(ctx)]);
  const report = findByKey(reports.value, key);
  const session = findByKey(sessions.value, key);
  const target = report?.id ?? session?.id;
  if (!target) return notice(`You have no check called **${showName(name)}**. ${savedNamesLine(sessions.value, reports.value)}`);
  return deleteQuestion(ctx, report?.name ?? session?.name ?? name, target, Boolean(report), Boolean(session));
}

export async function askDelete(ctx: Ctx, target: string): Promise<Replies> {
  const { named, sessions, reports } = await resolveTarget(ctx, target);
  if (!named) return notice('That check is already gone. `/redflags list` shows what is saved.');
  const hasReport = Boolean(findByKey(reports, named.key));
  const hasSession = Boolean(findByKey(sessions, named.key));
  return deleteQuestion(ctx, named.name, target, hasReport, hasSession, true);
}

/** Removes the saved report and any check in progress under the same name. Returns the name, or undefined. */
export async function deleteProgram(ctx: Ctx, key: string): Promise<string | undefined> {
  const [sessions, reports] = await Promise.all([loadProgramSessions(ctx), loadReports(ctx)]);
  const name = findByKey(reports.value, key)?.name ?? findByKey(sessions.value, key)?.name;
  if (name === undefined) return undefined;
  const keep = <T extends { key: string }>(m: Record<string, T>) =>
    Object.fromEntries(Object.entries(m).filter(([, x]) => x.key !== key));
  await Promise.all([saveReports(ctx, keep(reports.value)), saveProgramSessions(ctx, keep(sessions.value))]);
  ctx.log.info({ command: 'redflags', flow: 'program', event: 'deleted' }, 'redflags');
  return name;
}

export async function confirmDelete(ctx: Ctx, target: string): Promise<Replies> {
  const { named } = await resolveTarget(ctx, target);
  const name = named ? await deleteProgram(ctx, named.key) : undefined;
  if (name === undefined)
    return reply([{ type: 'text', markdown: 'That check was already gone.' }], 'private', { replace: true });
  return reply([{ type: 'text', markdown: `Deleted your check of **${showName(name)}**.` }], 'private', { replace: true });
}

export async function keepProgram(ctx: Ctx, target: string): Promise<Replies> {
  const { named } = await resolveTarget(ctx, target);
  return reply(
    [{ type: 'text', markdown: named ? `Kept **${showName(named.name)}**. Nothing was deleted.` : 'Nothing was deleted.' }],
    'private',
    { replace: true },
  );
}

function savedNamesLine(sessions: Record<string, ProgramProgress>, reports: Record<string, ProgramReport>): string {
  const names = [...new Set([...Object.values(reports), ...Object.values(sessions)].map((x) => showName(x.name)))];
  return names.length ? `Yours: ${names.join(', ')}.` : 'You have no saved checks yet.';
}

/** `/redflags list`: saved reports and checks in progress, with a select to open one. */
export async function listPrograms(ctx: Ctx, content: RedflagContent, selfLine: string | undefined): Promise<Replies> {
  const [sessions, reports] = await Promise.all([loadProgramSessions(ctx), loadReports(ctx)]);
  const saved = newestFirst(Object.values(reports.value), (r) => r.finishedAt);
  const running = newestFirst(Object.values(sessions.value), (s) => s.updatedAt);
  const total = content.program.items.length;
  const lines = ['**Your red-flag checks**'];
  if (!saved.length && !running.length) {
    lines.push('No program checks yet. Start one with `/redflags program Mercy General`.');
  }
  if (saved.length) {
    lines.push('_Saved reports_');
    for (const r of saved) {
      const s = scoreProgram(content.program.items, r.answers);
      lines.push(
        `- **${showName(r.name)}**: ${PROGRAM_LEVEL_LABELS[s.level]}, ${s.flagged.length} flagged, ${s.unsure.length} not sure (${r.finishedAt.slice(0, 10)})`,
      );
    }
  }
  if (running.length) {
    lines.push('_In progress_');
    lines.push(
      ...running.map(
        (s) => `- **${showName(s.name)}**: question ${Math.min(s.index + 1, total)} of ${total} (${s.updatedAt.slice(0, 10)})`,
      ),
    );
  }
  if (selfLine) lines.push('', selfLine);
  const blocks: Block[] = [{ type: 'text', markdown: lines.join('\n') }];
  const options = pickOptions(running, saved, total);
  if (options.length) blocks.push({ type: 'select', id: ids.pick(ctx.user.id), placeholder: 'Open one', options });
  if (saved.length >= 2) blocks.push({ type: 'text', markdown: '_Compare two with `/redflags compare "First" "Second"`._' });
  return withReset(sessions.reset || reports.reset, [reply(blocks, 'private')]);
}

/** The select of `/redflags program` and `/redflags list`. */
export async function openPicked(ctx: Ctx, content: RedflagContent, value: string): Promise<Replies> {
  const [kind, id = ''] = value.split(':');
  if (kind === 'r') return viewReport(ctx, content, id);
  return programStep(ctx, content, id, { type: 'resume' });
}

export async function comparePrograms(ctx: Ctx, content: RedflagContent, first: string, second: string): Promise<Replies> {
  const [sessions, reports] = await Promise.all([loadProgramSessions(ctx), loadReports(ctx)]);
  const a = findByKey(reports.value, nameKey(first));
  const b = findByKey(reports.value, nameKey(second));
  if (nameKey(first) === nameKey(second)) return notice('Pick two different programs to compare.');
  const missing: string[] = [];
  for (const [wanted, found] of [
    [first, a],
    [second, b],
  ] as const) {
    if (found) continue;
    const running = findByKey(sessions.value, nameKey(wanted));
    missing.push(
      running
        ? `**${showName(running.name)}** is still in progress: finish it with \`/redflags program ${showName(running.name)}\`.`
        : `There is no saved report for **${showName(wanted)}**.`,
    );
  }
  if (!a || !b) return notice(`${missing.join('\n')}\n${savedNamesLine({}, reports.value)}`);
  return reply(
    comparison(
      content,
      { name: a.name, answers: a.answers, date: a.finishedAt },
      { name: b.name, answers: b.answers, date: b.finishedAt },
    ),
    'private',
  );
}

/** Saved names for Discord autocomplete; `withRunning` adds checks in progress. */
export async function programNames(ctx: Ctx, partial: string, withRunning: boolean): Promise<SelectOption[]> {
  const [sessions, reports] = await Promise.all([loadProgramSessions(ctx), loadReports(ctx)]);
  const p = nameKey(partial);
  const entries = [
    ...newestFirst(Object.values(reports.value), (r) => r.finishedAt).map((r) => ({ name: r.name, key: r.key })),
    ...(withRunning ? newestFirst(Object.values(sessions.value), (s) => s.updatedAt) : []).map((s) => ({
      name: s.name,
      key: s.key,
    })),
  ];
  const unique = new Map<string, string>();
  for (const e of entries) if (e.key.includes(p) && !unique.has(e.key)) unique.set(e.key, e.name);
  return [...unique.values()].slice(0, 25).map((name) => ({ label: name.slice(0, 100), value: name.slice(0, 100) }));
}

/** Saves a scripted report under a name, replacing an older one of that name. */
export async function saveScriptedReport(ctx: Ctx, name: string, answers: Answers): Promise<'saved' | 'full'> {
  const key = nameKey(name);
  const reports = await loadReports(ctx);
  const previous = findByKey(reports.value, key);
  if (!previous && Object.keys(reports.value).length >= MAX_REPORTS) return 'full';
  const report: ProgramReport = {
    id: previous?.id ?? newId('r'),
    name,
    key,
    answers,
    finishedAt: ctx.now().toISOString(),
  };
  await saveReports(ctx, { ...reports.value, [report.id]: report });
  return 'saved';
}
