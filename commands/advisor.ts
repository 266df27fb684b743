import { z } from 'zod';
import { getGuide } from '../src/content/guide.js';
import { defineCommand, subcommand } from '../src/core/command.js';
import { ADVISOR_COMMAND } from '../src/core/feedback.js';
import { notice, reply } from '../src/core/reply.js';
import { digest } from '../src/features/advisors/digest.js';
import { onAdvisorAction, onAdvisorSubmit } from '../src/features/advisors/flows.js';
import { allHandoffs } from '../src/features/advisors/handoffs.js';
import { isAdvisor, settingsOf } from '../src/features/advisors/permissions.js';
import { codec, questionForm, reportCsv } from '../src/features/advisors/render.js';
import { reportFor, reportReply } from '../src/features/advisors/report-reply.js';

const days = z.coerce.number().int().min(1).max(365).optional().meta({ description: 'How many days back (default 30)' });
const NOT_ADVISOR = notice('Only the server’s advisors (the advisor role in `/settings`) and admins can see reports.');

export default defineCommand({
  name: ADVISOR_COMMAND,
  description: 'Advisors: what members ask, feedback, hand-offs, guide freshness; members: ask a human advisor',
  examples: ['/advisor report', '/advisor ask'],
  readsRoles: true,
  subcommands: [
    subcommand({
      name: 'report',
      description: 'For advisors: most-asked topics, unanswered gaps, thumbs, hand-offs, sections due for review',
      options: z.object({ days }),
      examples: ['/advisor report 30'],
      async run({ days: d }, ctx) {
        if (!isAdvisor(ctx, await settingsOf(ctx))) return NOT_ADVISOR;
        return reportReply(ctx, d);
      },
    }),
    subcommand({
      name: 'export',
      description: 'For advisors: the report as a CSV spreadsheet',
      options: z.object({ days }),
      examples: ['/advisor export'],
      async run({ days: d }, ctx) {
        if (!isAdvisor(ctx, await settingsOf(ctx))) return NOT_ADVISOR;
        const r = await reportFor(ctx, d);
        return reply(
          [
            { type: 'text', markdown: `The advisors’ report for ${r.from} to ${r.to}, as a spreadsheet.` },
            { type: 'file', name: `advisor-report-${r.to}.csv`, mime: 'text/csv', content: reportCsv(r) },
          ],
          'private',
          { data: { report: r } },
        );
      },
    }),
    subcommand({
      name: 'digest',
      description: 'For advisors: the digest the advisor channel gets each week, now',
      options: z.object({}),
      surfaces: ['discord', 'slack', 'terminal'],
      async run(_input, ctx) {
        if (!isAdvisor(ctx, await settingsOf(ctx))) return NOT_ADVISOR;
        const guide = await getGuide(ctx.config.contentDir);
        return {
          ...(await digest(ctx.store, guide, { now: ctx.now(), reviewDays: ctx.config.reviewDays, days: 7 })),
          visibility: 'private',
        };
      },
    }),
    subcommand({
      name: 'ask',
      description: 'Ask a human advisor what the guide does not answer (you see exactly what is sent)',
      options: z.object({}),
      surfaces: ['discord', 'slack'],
      async run(_input, ctx) {
        const settings = await settingsOf(ctx);
        if (!settings.advisorChannel)
          return notice('This server has no advisor channel yet: an admin can set one with `/settings`.');
        return questionForm(ctx.user.id);
      },
    }),
    subcommand({
      name: 'mine',
      description: 'Your questions to the advisors, and withdrawing one that is still open',
      options: z.object({}),
      surfaces: ['discord', 'slack'],
      async run(_input, ctx) {
        const mine = (await allHandoffs(ctx.store)).filter((h) => h.platform === ctx.platform && h.member === ctx.user.id);
        if (!mine.length) return notice('You have no questions with the advisors.');
        const open = mine.filter((h) => h.status === 'open');
        return reply(
          [
            { type: 'text', markdown: mine.map((h) => `- ${h.createdAt.slice(0, 10)}: ${h.status}`).join('\n') },
            ...(open.length
              ? [
                  {
                    type: 'buttons' as const,
                    buttons: open.map((h, i) => ({ id: codec.id(ctx.user.id, 'w', h.id), label: `Withdraw #${i + 1}` })),
                  },
                ]
              : []),
          ],
          'private',
        );
      },
    }),
  ],
  onAction: (payload, _values, ctx) => onAdvisorAction(payload, ctx),
  onSubmit: (payload, fields, ctx) => onAdvisorSubmit(payload, fields, ctx),
});
