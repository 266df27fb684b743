import { reply } from '../../core/reply.js';
import { neutralize } from '../../core/sanitize.js';
import type { Block, Button, Reply } from '../../core/types.js';
import { ids } from './actions.js';
import type { AnswerValue, Progress } from './questionnaire.js';
import { PROGRESS_TTL_DAYS } from './records.js';

/** A program name as typed, safe to echo inside our markdown. */
export function showName(name: string): string {
  return neutralize(name).replace(/[*_]/g, '');
}

export const ANSWER_LABELS: Record<AnswerValue, string> = { yes: 'Yes', no: 'No', unsure: 'Not sure' };

export interface CardItem {
  id: string;
  question: string;
  /** Program: what a Yes looks like. Self: how to tell. */
  hint: string;
  /** Program: the category label. */
  section?: string;
}

export interface CardInput {
  owner: string;
  progress: Progress;
  items: readonly CardItem[];
  /** The program's name; absent for the self-check. */
  name?: string;
  /** Lines shown above the question (a welcome, "that button was old", ...). */
  lead?: string;
  /** True when answering a click: the card replaces the one clicked. */
  replace?: boolean;
}

/** One question with its Yes / No / Not sure, Back, Skip and Stop buttons and a "5 of 18" marker. */
export function questionCard({ owner, progress, items, name, lead, replace }: CardInput): Reply {
  const index = progress.index;
  const item = items[index];
  if (!item) throw new Error('questionCard past the last item');
  const where = `${index + 1} of ${items.length}`;
  const header =
    name === undefined
      ? `**Your red-flag self-check** · ${where}`
      : `**${showName(name)}** · ${where}${item.section ? ` · ${item.section}` : ''}`;
  const given = progress.answers[item.id];
  const lines = [
    header,
    '',
    `**${item.question}**`,
    `_${name === undefined ? 'How to tell' : 'What a yes looks like'}:_ ${item.hint}`,
  ];
  if (given) lines.push('', `Your answer so far: **${ANSWER_LABELS[given]}**. Pick again to change it, or Next to keep it.`);
  const sid = progress.id;
  const buttons: Button[] = [
    { id: ids.answer(owner, sid, index, 'yes'), label: ANSWER_LABELS.yes, style: 'primary' },
    { id: ids.answer(owner, sid, index, 'no'), label: ANSWER_LABELS.no, style: 'primary' },
    { id: ids.answer(owner, sid, index, 'unsure'), label: ANSWER_LABELS.unsure, style: 'secondary' },
  ];
  if (index > 0) buttons.push({ id: ids.back(owner, sid, index), label: 'Back', style: 'secondary' });
  buttons.push({ id: ids.skip(owner, sid, index), label: given ? 'Next' : 'Skip', style: 'secondary' });
  buttons.push({ id: ids.stop(owner, sid), label: 'Stop', style: 'secondary' });
  const blocks: Block[] = [];
  if (lead) blocks.push({ type: 'text', markdown: lead });
  blocks.push({ type: 'text', markdown: lines.join('\n') }, { type: 'buttons', buttons });
  return reply(blocks, 'private', replace ? { replace: true } : {});
}

export function welcome(count: number, name?: string): string {
  const subject = name === undefined ? 'your own application' : `**${showName(name)}**`;
  const purpose =
    name === undefined
      ? '_Not sure_ gives you a way to check.'
      : '_Not sure_ turns into questions to ask at interview or through the back channel.';
  return [
    `I'll go through ${count} red flags for ${subject}, one at a time. ${purpose}`,
    `Only you see this. Stop whenever you like: your answers are kept for ${PROGRESS_TTL_DAYS} days, even if the bot restarts.`,
  ].join('\n');
}

/** After Stop: where the member is and how to come back. */
export function pausedReply(owner: string, progress: Progress, total: number, resumeWith: string): Reply {
  return reply(
    [
      {
        type: 'text',
        markdown: `Paused at ${Math.min(progress.index + 1, total)} of ${total}. Pick up where you left off with \`${resumeWith}\` within ${PROGRESS_TTL_DAYS} days, or right here:`,
      },
      { type: 'buttons', buttons: [{ id: ids.resume(owner, progress.id), label: 'Resume', style: 'primary' }] },
    ],
    'private',
    { replace: true },
  );
}

/** A check already running: carry on, or throw the answers away and begin again. */
export function resumeOffer(owner: string, progress: Progress, total: number, subject: string): Reply {
  const answered = Object.keys(progress.answers).length;
  return reply(
    [
      {
        type: 'text',
        markdown: `You have a check of ${subject} in progress: question ${Math.min(progress.index + 1, total)} of ${total}, ${answered} answered, last touched ${progress.updatedAt.slice(0, 10)}.`,
      },
      {
        type: 'buttons',
        buttons: [
          { id: ids.resume(owner, progress.id), label: 'Resume', style: 'primary' },
          { id: ids.restart(owner, progress.id), label: 'Start over', style: 'danger' },
        ],
      },
    ],
    'private',
  );
}
