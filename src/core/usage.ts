import { CHAT_SURFACES, type CommandDefinition, type Surface } from './command.js';
import { usageOf } from './parse-text.js';

export interface CommandUsage {
  usage: string;
  description: string;
  example?: string;
}

/** Script-only commands and subcommands (`img-advisor interview feedback`) are described in prose, not offered as slash commands. */
const inChat = (surfaces: Surface[] | undefined) => !surfaces || surfaces.some((s) => CHAT_SURFACES.includes(s));

/** One line per command or subcommand: the source of /help, the terminal help and the README table. */
export function commandUsages(commands: CommandDefinition[]): CommandUsage[] {
  return commands
    .filter((c) => inChat(c.surfaces))
    .flatMap((c) => {
      if (c.subcommands?.length) {
        return c.subcommands
          .filter((s) => inChat(s.surfaces))
          .map((s) => ({
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
