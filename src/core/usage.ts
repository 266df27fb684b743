import { CHAT_SURFACES, type CommandDefinition } from './command.js';
import { usageOf } from './parse-text.js';

export interface CommandUsage {
  usage: string;
  description: string;
  example?: string;
}

/** One line per command or subcommand, with the options chat offers: the source of /help, the terminal help and the README table. */
export function commandUsages(commands: CommandDefinition[]): CommandUsage[] {
  return commands.flatMap((c) => {
    if (c.subcommands?.length) {
      return c.subcommands.map((s) => ({
        usage: usageOf(`/${c.name} ${s.name}`, s.options, CHAT_SURFACES),
        description: s.description,
        example: s.examples?.[0],
      }));
    }
    return [
      {
        usage: c.options ? usageOf(`/${c.name}`, c.options, CHAT_SURFACES) : `/${c.name}`,
        description: c.description,
        example: c.examples?.[0],
      },
    ];
  });
}
