import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { notice } from '../src/core/reply.js';

export default defineCommand({
  name: 'forget',
  description: 'Delete everything stored about you: questionnaires, drafts, drills, tracker',
  personal: true,
  examples: ['/forget'],
  options: z.object({}),
  async run(_input, ctx) {
    // The record kinds of every feature are handed down by the composition root.
    const records = await ctx.store.forget({ platform: ctx.platform, user: ctx.user.id }, ctx.records);
    // Features that keep a member's share in shared records (votes, hand-offs) remove it too.
    const shared = (await Promise.all(ctx.forgetters.map((f) => f(ctx)))).flat().reduce((n, s) => n + s.count, 0);
    const removed = records + shared;
    ctx.log.info({ command: 'forget', removed }, 'forgot user data');
    if (removed === 0) return notice('There was nothing stored about you. Nothing to delete.');
    return notice(
      `Done: I deleted ${removed} record${removed === 1 ? '' : 's'} stored about you (questionnaires, drafts, drills and tracker entries). Nothing of yours remains.`,
    );
  },
});
