import type { Block } from '../../core/types.js';
import { ANSWER_LABELS, showName } from './card.js';
import { categoryLabel, type ProgramContent, type ProgramItem, type RedflagContent, type SelfContent } from './items.js';
import type { Answers } from './questionnaire.js';
import {
  PROGRAM_LEVEL_LABELS,
  type ProgramLevel,
  type Score,
  SELF_LEVEL_LABELS,
  type SelfLevel,
  scoreProgram,
  scoreSelf,
} from './score.js';

/** Platforms cap a message section (Slack 3,000 characters): long lists go into several blocks. */
const BLOCK_CHARS = 2800;

export function chunkLines(lines: string[], max = BLOCK_CHARS): string[] {
  const out: string[] = [];
  let cur = '';
  for (const l of lines) {
    if (cur && cur.length + l.length + 1 > max) {
      out.push(cur);
      cur = l;
    } else {
      cur = cur ? `${cur}\n${l}` : l;
    }
  }
  if (cur) out.push(cur);
  return out;
}

function textBlocks(lines: string[]): Block[] {
  return chunkLines(lines).map((markdown) => ({ type: 'text', markdown }));
}

function sourcesBlock(content: RedflagContent, guideIds: string[]): Block[] {
  const items = [...new Set(guideIds)].flatMap((id) => {
    const s = content.sections.get(id);
    return s ? [s] : [];
  });
  return items.length ? [{ type: 'sources', items }] : [];
}

function tallyLine(s: Score<string>): string {
  const t = s.tally;
  const parts = [`${t.yes} yes`, `${t.no} no`, `${t.unsure} not sure`];
  return `Answered ${t.yes + t.no + t.unsure} of ${t.total}: ${parts.join(', ')}${t.unanswered ? `; ${t.unanswered} skipped` : ''}.`;
}

export interface ItemQuestions {
  id: string;
  title: string;
  status: 'unsure' | 'unanswered';
  interview: string[];
  backchannel: string[];
}

const LEVEL_ADVICE: Record<ProgramLevel, string> = {
  high: 'Treat this program with real caution; the next steps below say how to weigh it.',
  moderate:
    'Probe these before you rank: ask the questions below and compare what the program says with what fellows and alumni tell you.',
  low: 'Keep confirming the healthy signs below as you learn more.',
  insufficient: 'Find the answers through interviews and back channels, then take the check again.',
};

export interface ProgramReportView {
  score: Score<ProgramLevel>;
  questions: ItemQuestions[];
  blocks: Block[];
}

/**
 * The program report: overall level and why, flagged items by category with why each matters,
 * questions for every open item, healthy signs, next steps, sources.
 */
export function programReport(
  content: RedflagContent,
  input: { name?: string; answers: Answers; date?: string; savedAs?: string },
): ProgramReportView {
  const c: ProgramContent = content.program;
  const score = scoreProgram(c.items, input.answers);
  const byId = new Map(c.items.map((i) => [i.id, i]));
  const pick = (list: string[]) => list.flatMap((id) => byId.get(id) ?? []);
  const flagged = pick(score.flagged);
  const open = [...pick(score.unsure), ...pick(score.unanswered)];
  const questions: ItemQuestions[] = open.map((i) => ({
    id: i.id,
    title: i.title,
    status: input.answers[i.id] === 'unsure' ? 'unsure' : 'unanswered',
    interview: i.ask,
    backchannel: i.backchannel,
  }));

  const title = input.name === undefined ? '**Red-flag check**' : `**Red-flag check: ${showName(input.name)}**`;
  const blocks: Block[] = [
    {
      type: 'text',
      markdown: [
        `${title}${input.date ? ` (${input.date.slice(0, 10)})` : ''}`,
        `**Overall: ${PROGRAM_LEVEL_LABELS[score.level]}.** ${score.reason}`,
        LEVEL_ADVICE[score.level],
        tallyLine(score),
      ].join('\n'),
    },
  ];

  if (flagged.length) {
    const lines = ['**What you flagged**'];
    for (const cat of c.categories) {
      const inCat = flagged.filter((i) => i.category === cat.id);
      if (!inCat.length) continue;
      lines.push(`_${cat.label}_`, ...inCat.map((i) => `- **${i.title}** (${i.severity}): ${i.why}`));
    }
    blocks.push(...textBlocks(lines));
  }

  if (questions.length) {
    const lines = ['**Questions to find out**'];
    for (const q of questions) {
      lines.push(`**${q.title}** (${q.status === 'unsure' ? 'not sure' : 'skipped'})`);
      lines.push(...q.interview.map((s) => `- At interview: ${s}`), ...q.backchannel.map((s) => `- Back channel: ${s}`));
    }
    blocks.push(...textBlocks(lines));
  }

  const watch: ProgramItem[] = [...flagged, ...open];
  const healthy = watch.length ? watch.map((i) => `- **${i.title}**: ${i.healthy}`) : c.healthy.map((h) => `- ${h}`);
  blocks.push(...textBlocks(['**Healthy signs to look for**', ...healthy]));

  const steps = ['**Next steps**', '_Weighing the risk against your visa situation:_', ...c.nextSteps.rank.map((s) => `- ${s}`)];
  if (score.level !== 'low') {
    steps.push('', '_If you are already in this program:_', ...c.nextSteps.inProgram.map((s) => `- ${s}`));
  } else {
    steps.push('', '_If problems show up later:_ `/ask how do I protect myself in a malignant program`.');
  }
  blocks.push(...textBlocks(steps));
  blocks.push(...sourcesBlock(content, [...watch.map((i) => i.guide), ...c.nextSteps.guide]));
  if (input.savedAs !== undefined) {
    blocks.push({
      type: 'text',
      markdown: `_Saved as “${showName(input.savedAs)}”. \`/redflags list\` shows your programs and \`/redflags compare\` puts two side by side. Only you can see this._`,
    });
  }
  return { score, questions, blocks };
}

export interface SelfReportView {
  score: Score<SelfLevel>;
  /** Questions to ask yourself, one per open item. */
  questions: string[];
  drafts: { id: string; command: string }[];
  blocks: Block[];
}

/** The self-check report: for each flag what programs worry about, how to address it, the draft to start. */
export function selfReport(content: RedflagContent, input: { answers: Answers; date?: string }): SelfReportView {
  const c: SelfContent = content.self;
  const score = scoreSelf(c.items, input.answers);
  const byId = new Map(c.items.map((i) => [i.id, i]));
  const flagged = score.flagged.flatMap((id) => byId.get(id) ?? []);
  const open = [...score.unsure, ...score.unanswered].flatMap((id) => byId.get(id) ?? []);
  const blocks: Block[] = [
    {
      type: 'text',
      markdown: [
        `**Your red-flag self-check**${input.date ? ` (${input.date.slice(0, 10)})` : ''}`,
        `**Overall: ${SELF_LEVEL_LABELS[score.level]}.** ${score.reason}`,
        tallyLine(score),
      ].join('\n'),
    },
  ];
  for (const item of flagged) {
    const lines = [
      `**${item.title}** (${item.severity})`,
      `_What programs worry about:_ ${item.worry.join('; ')}.`,
      `_How to address it, with ${item.framework.name}:_`,
      ...item.framework.steps.map((s) => `- ${s}`),
      '_Evidence that reassures:_',
      ...item.evidence.map((s) => `- ${s}`),
    ];
    if (item.draft) lines.push(`Start a draft: \`${item.draft}\``);
    blocks.push(...textBlocks(lines));
  }
  if (open.length) {
    blocks.push(
      ...textBlocks([
        '**Still open: how to tell**',
        ...open.map((i) => `- **${i.title}** (${input.answers[i.id] === 'unsure' ? 'not sure' : 'skipped'}): ${i.selfCheck}`),
      ]),
    );
  }
  if (flagged.length || open.length) {
    blocks.push(...textBlocks(['**For every red flag**', ...c.general.steps.map((s) => `- ${s}`)]));
  } else {
    blocks.push({
      type: 'text',
      markdown:
        'Nothing to explain away. Put your energy into a clear story of why clinical informatics, and recent evidence that shows it.',
    });
  }
  blocks.push(
    ...sourcesBlock(content, [...[...flagged, ...open].flatMap((i) => i.guide), ...(flagged.length ? c.general.guide : [])]),
  );
  blocks.push({
    type: 'text',
    markdown: '_Only you can see this. `/redflags self` shows it again or starts a new check; `/forget` deletes it._',
  });
  return {
    score,
    questions: open.map((i) => i.selfCheck),
    drafts: flagged.flatMap((i) => (i.draft ? [{ id: i.id, command: i.draft }] : [])),
    blocks,
  };
}

/** Plain question strings, interview first, for scripts. */
export function questionStrings(questions: ItemQuestions[]): string[] {
  return questions.flatMap((q) => [...q.interview, ...q.backchannel]);
}

function cell(a: Answers, id: string): string {
  const v = a[id];
  if (!v) return 'skipped';
  return v === 'yes' ? `**${ANSWER_LABELS.yes}**` : ANSWER_LABELS[v];
}

function overview(s: Score<ProgramLevel>, date: string): string {
  const t = s.tally;
  return `**${PROGRAM_LEVEL_LABELS[s.level]}**: ${t.severe} severe, ${t.major} major, ${t.minor} minor flagged; ${t.unsure} not sure (checked ${date.slice(0, 10)})`;
}

/** Two saved programs side by side: levels, every item's two answers, and what differs. */
export function comparison(
  content: RedflagContent,
  a: { name: string; answers: Answers; date: string },
  b: { name: string; answers: Answers; date: string },
): Block[] {
  const c = content.program;
  const sa = scoreProgram(c.items, a.answers);
  const sb = scoreProgram(c.items, b.answers);
  const na = showName(a.name);
  const nb = showName(b.name);
  const blocks: Block[] = [
    { type: 'text', markdown: `**${na}** vs **${nb}**\nEach line reads ${na} | ${nb}.` },
    {
      type: 'fields',
      fields: [
        { label: na, value: overview(sa, a.date) },
        { label: nb, value: overview(sb, b.date) },
      ],
    },
  ];
  const lines: string[] = [];
  for (const cat of c.categories) {
    const inCat = c.items.filter((i) => i.category === cat.id);
    if (!inCat.length) continue;
    lines.push(`_${categoryLabel(c, cat.id)}_`);
    lines.push(...inCat.map((i) => `- ${i.title} (${i.severity}): ${cell(a.answers, i.id)} | ${cell(b.answers, i.id)}`));
  }
  blocks.push(...textBlocks(lines));
  const titles = (ids: string[]) => ids.map((id) => c.items.find((i) => i.id === id)?.title ?? id).join('; ');
  const onlyA = sa.flagged.filter((id) => !sb.flagged.includes(id));
  const onlyB = sb.flagged.filter((id) => !sa.flagged.includes(id));
  const both = sa.flagged.filter((id) => sb.flagged.includes(id));
  const summary = ['**Where they differ**'];
  if (onlyA.length) summary.push(`- Flagged only for ${na}: ${titles(onlyA)}`);
  if (onlyB.length) summary.push(`- Flagged only for ${nb}: ${titles(onlyB)}`);
  if (both.length) summary.push(`- Flagged for both: ${titles(both)}`);
  if (summary.length === 1) summary.push('- You flagged the same items for both (or none).');
  blocks.push(...textBlocks(summary));
  blocks.push({ type: 'text', markdown: '_Only you can see this._' });
  return blocks;
}
