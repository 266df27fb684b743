import { z } from 'zod';
import { getGuide } from '../src/content/guide.js';
import { defineCommand } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';

export default defineCommand({
  name: 'about',
  description: 'What this bot is, where its answers come from, and what it is not',
  examples: ['/about'],
  options: z.object({}),
  async run(_input, ctx) {
    const guide = await getGuide(ctx.config.contentDir);
    const newest = guide.sections
      .map((s) => s.reviewed)
      .sort()
      .at(-1);
    const sources = guide.sources.map((s) => `- ${s.title} (${guide.sections.filter((x) => x.source === s.id).length} sections)`);
    return reply(
      [
        {
          type: 'text',
          markdown: [
            '**img-advisor** helps international medical graduates plan a path into U.S. clinical informatics: visa questions, spotting troubled programs, explaining the hard parts of an application, practising interviews and comparing options.',
            '',
            'Every answer comes from a guide written and kept up to date by volunteer advisors, and shows the sections it used. When the guide does not cover something, I say so instead of guessing.',
            '',
            `**Sources** (last reviewed ${newest || 'n/a'}):`,
            ...sources,
            '',
            '**Not legal or medical advice.** Immigration rules and program policies change; confirm anything visa-related with the program’s GME office and an immigration attorney.',
            '',
            '**Your data**: what you enter in questionnaires, drafts, drills and the tracker is shown only to you, is never logged, expires on its own, and `/forget` deletes all of it at once.',
          ].join('\n'),
        },
      ],
      'public',
    );
  },
});
