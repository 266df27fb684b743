import type { Ctx } from '../../core/command.js';
import { ownerOf } from '../../core/flow.js';
import { notice, reply, usageError } from '../../core/reply.js';
import type { Block, Reply, SelectOption } from '../../core/types.js';
import { ids } from './actions.js';
import { showName } from './card.js';
import type { RedflagContent } from './items.js';
import { pickOptions, programStep } from './program-flow.js';
import {
  findByKey,
  nameKey,
  newestFirst,
  type ProgramProgress,
  type ProgramReport,
  programProgressRecord,
  programReportsRecord,
} from './records.js';
import { comparison, programReport } from './report.js';
import { PROGRAM_LEVEL_LABELS, scoreProgram } from './score.js';
import { type Programs, programFlow } from './state.js';

/** Saved program reports: view, list, compare, delete, and the names Discord suggests. */

const GONE = 'That report is no longer saved. `/redflags list` shows what is.';

export function viewReport(ctx: Ctx, content: RedflagContent, rid: string): Promise<Reply[]> {
  return programFlow(ctx, (p) => {
    const saved = p.reports[rid];
    if (!saved) return { replies: notice(GONE) };
    const view = programReport(content, {
      name: saved.name,
      answers: saved.answers,
      date: saved.finishedAt,
      savedAs: saved.name,
    });
    const buttons: Block = {
      type: 'buttons',
      buttons: [
        { id: ids.retake(ctx.user.id, saved.id), label: 'Take it again', style: 'secondary' },
        { id: ids.delete(ctx.user.id, saved.id), label: 'Delete', style: 'danger' },
      ],
    };
    return { replies: reply([...view.blocks, buttons], 'private') };
  });
}

function savedNamesLine(p: Partial<Programs>): string {
  const all = [...Object.values(p.reports ?? {}), ...Object.values(p.sessions ?? {})];
  const names = [...new Set(all.map((x) => showName(x.name)))];
  return names.length ? `Yours: ${names.join(', ')}.` : 'You have no saved checks yet.';
}

function deleteQuestion(ctx: Ctx, name: string, target: string, p: Programs, replace: boolean): Reply {
  const key = nameKey(name);
  const what = [findByKey(p.reports, key) && 'the saved report', findByKey(p.sessions, key) && 'the check in progress']
    .filter(Boolean)
    .join(' and ');
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

/** `/redflags delete <name>` in chat: asks first. */
export function askDeleteByName(ctx: Ctx, name: string): Promise<Reply[]> {
  return programFlow(ctx, (p) => {
    const key = nameKey(name);
    const found: ProgramReport | ProgramProgress | undefined = findByKey(p.reports, key) ?? findByKey(p.sessions, key);
    if (!found) return { replies: notice(`You have no check called **${showName(name)}**. ${savedNamesLine(p)}`) };
    return { replies: deleteQuestion(ctx, found.name, found.id, p, false) };
  });
}

export function askDelete(ctx: Ctx, target: string): Promise<Reply[]> {
  return programFlow(ctx, (p) => {
    const named = p.reports[target] ?? p.sessions[target];
    if (!named) return { replies: notice('That check is already gone. `/redflags list` shows what is saved.') };
    return { replies: deleteQuestion(ctx, named.name, target, p, true) };
  });
}

/** The saved report and any check in progress under one name, removed together. */
function without(p: Programs, key: string): Programs {
  const keep = <T extends { key: string }>(m: Record<string, T>) =>
    Object.fromEntries(Object.entries(m).filter(([, x]) => x.key !== key));
  return { sessions: keep(p.sessions), reports: keep(p.reports) };
}

export function confirmDelete(ctx: Ctx, target: string): Promise<Reply[]> {
  return programFlow(ctx, (p) => {
    const named = p.reports[target] ?? p.sessions[target];
    if (!named)
      return { replies: reply([{ type: 'text', markdown: 'That check was already gone.' }], 'private', { replace: true }) };
    ctx.log.info({ command: 'redflags', flow: 'program', event: 'deleted' }, 'redflags');
    const markdown = `Deleted your check of **${showName(named.name)}**.`;
    return { ...without(p, named.key), replies: reply([{ type: 'text', markdown }], 'private', { replace: true }) };
  });
}

/** A script cannot click "Delete": there, `redflags delete <name>` deletes at once. */
export function deleteNow(ctx: Ctx, name: string): Promise<Reply[]> {
  return programFlow(ctx, (p) => {
    const key = nameKey(name);
    const found = findByKey(p.reports, key) ?? findByKey(p.sessions, key);
    if (!found) {
      const message = `There is no saved check called "${name}". \`img-advisor redflags list\` shows yours.`;
      return { replies: { ...usageError(message), data: { errors: [{ field: 'name', message }] } } };
    }
    ctx.log.info({ command: 'redflags', flow: 'program', event: 'deleted', scripted: true }, 'redflags');
    const markdown = `Deleted your check of **${showName(found.name)}**.`;
    return { ...without(p, key), replies: reply([{ type: 'text', markdown }], 'private', { data: { deleted: found.name } }) };
  });
}

export function keepProgram(ctx: Ctx, target: string): Promise<Reply[]> {
  return programFlow(ctx, (p) => {
    const named = p.reports[target] ?? p.sessions[target];
    const markdown = named ? `Kept **${showName(named.name)}**. Nothing was deleted.` : 'Nothing was deleted.';
    return { replies: reply([{ type: 'text', markdown }], 'private', { replace: true }) };
  });
}

/** `/redflags list`: saved reports and checks in progress, with a select to open one. */
export function listPrograms(ctx: Ctx, content: RedflagContent, selfLine: string | undefined): Promise<Reply[]> {
  return programFlow(ctx, (p) => {
    const saved = newestFirst(Object.values(p.reports), (r) => r.finishedAt);
    const running = newestFirst(Object.values(p.sessions), (s) => s.updatedAt);
    const total = content.program.items.length;
    const lines = ['**Your red-flag checks**'];
    if (!saved.length && !running.length) lines.push('No program checks yet. Start one with `/redflags program Mercy General`.');
    if (saved.length) lines.push('_Saved reports_');
    for (const r of saved) {
      const s = scoreProgram(content.program.items, r.answers);
      lines.push(
        `- **${showName(r.name)}**: ${PROGRAM_LEVEL_LABELS[s.level]}, ${s.flagged.length} flagged, ${s.unsure.length} not sure (${r.finishedAt.slice(0, 10)})`,
      );
    }
    if (running.length) lines.push('_In progress_');
    for (const s of running) {
      lines.push(`- **${showName(s.name)}**: question ${Math.min(s.index + 1, total)} of ${total} (${s.updatedAt.slice(0, 10)})`);
    }
    if (selfLine) lines.push('', selfLine);
    const blocks: Block[] = [{ type: 'text', markdown: lines.join('\n') }];
    const options = pickOptions(p, total);
    if (options.length) blocks.push({ type: 'select', id: ids.pick(ctx.user.id), placeholder: 'Open one', options });
    if (saved.length >= 2) blocks.push({ type: 'text', markdown: '_Compare two with `/redflags compare "First" "Second"`._' });
    return { replies: reply(blocks, 'private') };
  });
}

/** The select of `/redflags program` and `/redflags list`. */
export function openPicked(ctx: Ctx, content: RedflagContent, value: string): Promise<Reply[]> {
  const [kind, id = ''] = value.split(':');
  if (kind === 'r') return viewReport(ctx, content, id);
  return programStep(ctx, content, id, { type: 'resume' });
}

export function comparePrograms(ctx: Ctx, content: RedflagContent, first: string, second: string): Promise<Reply[]> {
  return programFlow(ctx, (p) => {
    if (nameKey(first) === nameKey(second)) return { replies: notice('Pick two different programs to compare.') };
    const [a, b] = [first, second].map((n) => findByKey(p.reports, nameKey(n)));
    if (!a || !b) {
      const missing = [first, second].flatMap((wanted) => {
        if (findByKey(p.reports, nameKey(wanted))) return [];
        const running = findByKey(p.sessions, nameKey(wanted));
        return running
          ? `**${showName(running.name)}** is still in progress: finish it with \`/redflags program ${showName(running.name)}\`.`
          : `There is no saved report for **${showName(wanted)}**.`;
      });
      return { replies: notice(`${missing.join('\n')}\n${savedNamesLine({ reports: p.reports })}`) };
    }
    const side = (r: ProgramReport) => ({ name: r.name, answers: r.answers, date: r.finishedAt });
    return { replies: reply(comparison(content, side(a), side(b)), 'private') };
  });
}

/** Saved names for Discord autocomplete (a read, so no lock: suggestions must come back at once). */
export async function programNames(ctx: Ctx, partial: string, withRunning: boolean): Promise<SelectOption[]> {
  const owner = ownerOf(ctx);
  const [reports, progress] = await Promise.all([
    ctx.store.get(programReportsRecord, owner),
    withRunning ? ctx.store.get(programProgressRecord, owner) : undefined,
  ]);
  const wanted = nameKey(partial);
  const entries = [
    ...newestFirst(Object.values(reports?.reports ?? {}), (r) => r.finishedAt),
    ...newestFirst(Object.values(progress?.sessions ?? {}), (s) => s.updatedAt),
  ];
  const unique = new Map<string, string>();
  for (const e of entries) if (e.key.includes(wanted) && !unique.has(e.key)) unique.set(e.key, e.name);
  return [...unique.values()].slice(0, 25).map((name) => ({ label: name.slice(0, 100), value: name.slice(0, 100) }));
}
