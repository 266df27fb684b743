import { z } from 'zod';
import { type CommandDefinition, defineCommand } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';
import { neutralize } from '../src/core/sanitize.js';
import { commandUsages } from '../src/core/usage.js';

/** The command list is fixed while the process runs, so each help text is put together once per list. */
const texts = new WeakMap<CommandDefinition[], Map<string, string>>();

/** Help for every command, or for the one named; undefined when there is no such command. */
function helpText(all: CommandDefinition[], command: string | undefined): string | undefined {
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
  async run({ command }, ctx) {
    // Only found commands are kept, so what members type cannot grow the map.
    const key = command ? `/${command.replace(/^\//, '').toLowerCase()}` : '';
    let cache = texts.get(ctx.commands);
    if (!cache) {
      cache = new Map();
      texts.set(ctx.commands, cache);
    }
    let text = cache.get(key);
    if (text === undefined) {
      text = helpText(ctx.commands, command);
      if (text === undefined) {
        return reply(
          [{ type: 'text', markdown: `There is no \`/${neutralize(command ?? '')}\`. Type \`/help\` to see every command.` }],
          'private',
        );
      }
      cache.set(key, text);
    }
    return reply([{ type: 'text', markdown: text }], 'private');
  },
});
