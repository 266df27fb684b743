import { getGuide } from '../../content/guide.js';
import type { Ctx } from '../../core/command.js';
import { reply } from '../../core/reply.js';
import type { Reply } from '../../core/types.js';
import { reportText } from './render.js';
import { type AdvisorReport, buildReport } from './report.js';

/** The advisors' report over the last `days` (30 by default), sections past the configured review age. */
export async function reportFor(ctx: Ctx, days: number | undefined): Promise<AdvisorReport> {
  const guide = await getGuide(ctx.config.contentDir);
  return buildReport(ctx.store, guide, { days: days ?? 30, now: ctx.now(), staleDays: ctx.config.reviewDays });
}

/** The report as members read it, and as `--json` gives it (`data.report`): for `/advisor report` and `img-advisor report`. */
export async function reportReply(ctx: Ctx, days: number | undefined): Promise<Reply> {
  const r = await reportFor(ctx, days);
  return reply([{ type: 'text', markdown: reportText(r) }], 'private', { data: { report: r } });
}
