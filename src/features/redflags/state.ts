import type { Ctx, Replies } from '../../core/command.js';
import { resetNotice, runFlow } from '../../core/flow.js';
import type { Reply } from '../../core/types.js';
import { COMMAND } from './actions.js';
import type { Progress } from './questionnaire.js';
import {
  isExpired,
  type ProgramProgress,
  type ProgramReport,
  programProgressRecord,
  programReportsRecord,
  type SelfResult,
  selfProgressRecord,
  selfResultRecord,
} from './records.js';

/**
 * The member's red-flag records, read and written as one unit through the flow runner: both
 * records of a check are loaded under the member's lock, the step decides, and what it returns is
 * saved before the lock is let go. Two clicks on two open questionnaires therefore never overwrite
 * each other's answers, on one instance or on several sharing Redis.
 */
export interface Programs {
  /** Checks in progress by session id (expired ones already left out). */
  sessions: Record<string, ProgramProgress>;
  /** Saved reports by report id. */
  reports: Record<string, ProgramReport>;
}

/** What a program step returns: a field left undefined is unchanged; an empty map removes the record. */
export interface ProgramsStep {
  sessions?: Record<string, ProgramProgress>;
  reports?: Record<string, ProgramReport>;
  replies: Replies;
}

export interface Self {
  /** The self-check in progress (an expired one is left out). */
  session?: Progress;
  /** The last finished self-check. */
  result?: SelfResult;
}

/** `null` removes the record; undefined leaves it as it is. */
export interface SelfStep {
  session?: Progress | null;
  result?: SelfResult | null;
  replies: Replies;
}

const NOTICE = resetNotice(COMMAND).fallbackText;

/** Two records read together can both have been reset: the member hears about it once. */
function oneNotice(replies: Reply[]): Reply[] {
  const first = replies.findIndex((r) => r.fallbackText === NOTICE);
  return first < 0 ? replies : replies.filter((r, i) => i === first || r.fallbackText !== NOTICE);
}

function live<T extends { updatedAt: string }>(map: Record<string, T>, now: Date): Record<string, T> {
  return Object.fromEntries(Object.entries(map).filter(([, s]) => !isExpired(s, now)));
}

export async function programFlow(ctx: Ctx, step: (p: Programs) => ProgramsStep | Promise<ProgramsStep>): Promise<Reply[]> {
  const replies = await runFlow(ctx, { record: programReportsRecord, command: COMMAND }, async (stored) => {
    let reports: Record<string, ProgramReport> | undefined;
    const inner = await runFlow(ctx, { record: programProgressRecord, command: COMMAND }, async (progress) => {
      const out = await step({ sessions: live(progress?.sessions ?? {}, ctx.now()), reports: stored?.reports ?? {} });
      reports = out.reports;
      const sessions = out.sessions;
      return { state: sessions && (Object.keys(sessions).length ? { sessions } : null), replies: out.replies };
    });
    return { state: reports && (Object.keys(reports).length ? { reports } : null), replies: inner };
  });
  return oneNotice(replies);
}

export async function selfFlow(ctx: Ctx, step: (s: Self) => SelfStep | Promise<SelfStep>): Promise<Reply[]> {
  const replies = await runFlow(ctx, { record: selfResultRecord, command: COMMAND }, async (result) => {
    let nextResult: SelfResult | null | undefined;
    const inner = await runFlow(ctx, { record: selfProgressRecord, command: COMMAND }, async (stored) => {
      const session = stored && !isExpired(stored, ctx.now()) ? stored : undefined;
      const out = await step({ session, result });
      nextResult = out.result;
      return { state: out.session, replies: out.replies };
    });
    return { state: nextResult, replies: inner };
  });
  return oneNotice(replies);
}
