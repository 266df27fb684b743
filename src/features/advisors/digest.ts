import type { Guide } from '../../content/guide.js';
import { reply } from '../../core/reply.js';
import type { Reply } from '../../core/types.js';
import type { StateStore } from '../../store/store.js';
import { buildReport } from './report.js';

/**
 * The weekly digest for an advisor channel: sections past their review age, sections members
 * often thumb down, the biggest unanswered gaps and open hand-offs. Counts and titles only.
 */
export async function digest(
  store: StateStore,
  guide: Guide,
  opts: { now: Date; reviewDays: number; days: number },
): Promise<Reply> {
  const r = await buildReport(store, guide, { days: opts.days, now: opts.now, staleDays: opts.reviewDays });
  const lines = [`**Advisors’ digest** (${r.from} to ${r.to})`];
  lines.push(`- ${r.stale.length} guide section${r.stale.length === 1 ? '' : 's'} past ${opts.reviewDays} days since review`);
  for (const s of r.stale.slice(0, 5)) lines.push(`  - ${s.title} (reviewed ${s.reviewed})`);
  if (r.lowRated.length) {
    lines.push(`- ${r.lowRated.length} section${r.lowRated.length === 1 ? '' : 's'} often thumbed down`);
    for (const l of r.lowRated.slice(0, 5)) lines.push(`  - ${l.title}: 👍 ${l.up} 👎 ${l.down}`);
  }
  if (r.unanswered.length) {
    lines.push('- What the guide could not answer most:');
    for (const u of r.unanswered.slice(0, 5)) lines.push(`  - ${u.terms.join(' ')} (${u.count})`);
  }
  lines.push(`- Hand-offs: ${r.handoffs.open} open, ${r.handoffs.answered} answered`);
  lines.push('', '`/advisor report` shows the whole picture; `/advisor export` sends it as a spreadsheet.');
  return reply([{ type: 'text', markdown: lines.join('\n') }], 'public', { data: { digest: r } });
}
