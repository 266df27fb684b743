import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';
import { commandUsages } from '../src/core/usage.js';
import { registry } from './index.js';

export default defineCommand({
  name: 'help',
  description: 'Every command, with an example',
  examples: ['/help', '/help redflags'],
  options: z.object({
    command: z.string().trim().max(32).optional().meta({ description: 'Show only this command' }),
  }),
  async run({ command }) {
    const all = registry();
    const wanted = command ? all.filter((c) => c.name === command.replace(/^\//, '').toLowerCase()) : all;
    if (command && !wanted.length) {
      return reply([{ type: 'text', markdown: `There is no \`/${command}\`. Type \`/help\` to see every command.` }], 'private');
    }
    const lines = commandUsages(wanted).map(
      (u) => `- \`${u.usage}\`: ${u.description}${u.example ? `\n  e.g. \`${u.example}\`` : ''}`,
    );
    const head = command ? `**/${wanted[0]?.name}**` : '**img-advisor**: guidance for IMGs on the path to clinical informatics';
    const foot = command
      ? ''
      : '\n\nAnswers come from our guide, not from guesses. Nothing here is legal advice. `/about` says more.';
    return reply([{ type: 'text', markdown: `${head}\n${lines.join('\n')}${foot}` }], 'private');
  },
});
