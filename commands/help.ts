import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';
import { neutralize } from '../src/core/sanitize.js';
import { commandUsages } from '../src/core/usage.js';
import { registry } from './index.js';

/** The registry is fixed while the process runs, so each help text is put together once. */
const texts = new Map<string, string>();

/** Help for every command, or for the one named; undefined when there is no such command. */
function helpText(command: string | undefined): string | undefined {
  const all = registry();
  const wanted = command ? all.filter((c) => c.name === command.replace(/^\//, '').toLowerCase()) : all;
  if (command && !wanted.length) return undefined;
  const lines = commandUsages(wanted).map(
    (u) => `- \`${u.usage}\`: ${u.description}${u.example ? `\n  e.g. \`${u.example}\`` : ''}`,
  );
  const head = command ? `**/${wanted[0]?.name}**` : '**img-advisor**: guidance for IMGs on the path to clinical informatics';
  const foot = command
    ? ''
    : '\n\nAnswers come from our guide, not from guesses. Nothing here is legal advice. `/about` says more.';
  return `${head}\n${lines.join('\n')}${foot}`;
}

export default defineCommand({
  name: 'help',
  description: 'Every command, with an example',
  examples: ['/help', '/help redflags'],
  options: z.object({
    command: z.string().trim().max(32).optional().meta({ description: 'Show only this command' }),
  }),
  async run({ command }) {
    // Only found commands are kept, so what members type cannot grow the map.
    const key = command ? `/${command.replace(/^\//, '').toLowerCase()}` : '';
    let text = texts.get(key);
    if (text === undefined) {
      text = helpText(command);
      if (text === undefined) {
        return reply(
          [{ type: 'text', markdown: `There is no \`/${neutralize(command ?? '')}\`. Type \`/help\` to see every command.` }],
          'private',
        );
      }
      texts.set(key, text);
    }
    return reply([{ type: 'text', markdown: text }], 'private');
  },
});
