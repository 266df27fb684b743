import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { reportReply } from '../src/features/advisors/report-reply.js';

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
    return reportReply(ctx, days);
  },
});
