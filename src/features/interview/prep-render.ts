import { reply } from '../../core/reply.js';
import type { Reply } from '../../core/types.js';
import type { AskContent, PlanContent } from './content.js';

/** The preparation helpers that are plain content: questions to ask, the study plan. */

export type AskRole = AskContent['roles'][number]['id'];

export function renderAsk(ask: AskContent, role: AskRole | 'all'): Reply[] {
  const roles = role === 'all' ? ask.roles : ask.roles.filter((r) => r.id === role);
  const replies = roles.map((r) => {
    const items = r.questions.map((q) => `- _${q.topic}:_ ${q.text}${q.listen ? `\n  Listen for: ${q.listen}` : ''}`);
    return reply(
      [{ type: 'text', markdown: `**Asking the ${r.title.toLowerCase()}** - ${r.focus}\n${items.join('\n')}` }],
      'private',
    );
  });
  const [first] = replies;
  if (first) first.blocks.unshift({ type: 'text', markdown: ask.intro });
  return replies;
}

function weekBlock(n: number, title: string, week: { read: string[]; watch: string[]; tasks: string[] }): string {
  const lines = [`**Week ${n}: ${title}**`];
  if (week.read.length) lines.push(...week.read.map((r) => `- Read: ${r}`));
  if (week.watch.length) lines.push(...week.watch.map((w) => `- Watch: ${w}`));
  lines.push(...week.tasks.map((t) => `- Do: ${t}`));
  return lines.join('\n');
}

export function renderPlan(plan: PlanContent, weeks: 2 | 3): Reply {
  const [w1, w2, w3] = plan.weeks;
  const blocks: string[] = [`**Your ${weeks}-week interview preparation plan**\n${plan.intro}`];
  if (w1 && w2 && w3) {
    if (weeks === 3) {
      blocks.push(weekBlock(1, w1.title, w1), weekBlock(2, w2.title, w2), weekBlock(3, w3.title, w3));
    } else {
      const merged = { read: [...w1.read, ...w2.read], watch: [...w1.watch, ...w2.watch], tasks: [...w1.tasks, ...w2.tasks] };
      blocks.push(weekBlock(1, plan.merged_title, merged), weekBlock(2, w3.title, w3));
    }
  }
  blocks.push(`**The last 48 hours**\n${plan.last48.map((i) => `- [ ] ${i}`).join('\n')}`);
  return reply([{ type: 'text', markdown: blocks.join('\n\n') }], 'private');
}
