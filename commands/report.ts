import { z } from 'zod';
import { getGuide } from '../src/content/guide.js';
import { defineCommand } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';
import { reportText } from '../src/features/advisors/render.js';
import { buildReport } from '../src/features/advisors/report.js';

/** `npx img-advisor report [--days N] [--json]`: the advisors' report for scripts and dashboards. */
export default defineCommand({
  name: 'report',
  description: 'The advisors’ report: what members ask, gaps, thumbs, hand-offs, review age',
  surfaces: ['script'],
  examples: ['img-advisor report --json --days 30'],
  options: z.object({
    days: z.coerce.number().int().min(1).max(365).optional().meta({ description: 'How many days back (default 30)' }),
  }),
  async run({ days }, ctx) {
    const guide = await getGuide(ctx.config.contentDir);
    const r = await buildReport(ctx.store, guide, { days: days ?? 30, now: ctx.now(), staleDays: ctx.config.reviewDays });
    return reply([{ type: 'text', markdown: reportText(r) }], 'private', { data: { report: r } });
  },
});
