import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { AnyOptions, CommandDefinition } from '../../core/command.js';
import { type OptionSpec, optionSpecs, optionSpecsOn } from '../../core/options.js';
import { offeredOn } from '../../core/router.js';
import { clip, LIMITS } from './limits.js';

export type CommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;
export type Scope = 'global' | 'guild';

/** Discord wants lower-case option names: `startDate` is registered as `start_date`. */
export function discordName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/\s+/g, '_')
    .toLowerCase();
}

/** Discord option name -> schema key, for reading an interaction's options back. */
export function optionNameMap(schema: AnyOptions | undefined): Map<string, OptionSpec> {
  return new Map((schema ? optionSpecs(schema) : []).map((s) => [discordName(s.name), s]));
}

const TYPES = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  number: ApplicationCommandOptionType.Number,
  boolean: ApplicationCommandOptionType.Boolean,
} as const;

/**
 * One option as Discord registers it. Choices beyond Discord's 25 become autocomplete, answered
 * by the adapter from the same list, so the schema stays the single source.
 */
export function optionJson(spec: OptionSpec): APIApplicationCommandBasicOption {
  const base = {
    name: discordName(spec.name),
    description: clip(spec.description.trim() || spec.name, LIMITS.commandDescription),
    required: spec.required,
  };
  if (spec.type === 'boolean') return { ...base, type: ApplicationCommandOptionType.Boolean };
  const fewChoices = spec.choices && spec.choices.length <= LIMITS.commandChoices;
  const autocomplete = (spec.autocomplete && !spec.choices) || (spec.choices !== undefined && !fewChoices);
  const extra = {
    ...(fewChoices ? { choices: spec.choices?.map((c) => ({ name: clip(c, LIMITS.choiceText), value: c })) } : {}),
    ...(autocomplete ? { autocomplete: true } : {}),
  };
  if (spec.type === 'string') {
    const maxLength = spec.maxLength !== undefined && spec.maxLength >= 1 && spec.maxLength <= LIMITS.stringOptionLength;
    return {
      ...base,
      ...extra,
      type: ApplicationCommandOptionType.String,
      ...(maxLength && !fewChoices ? { max_length: spec.maxLength } : {}),
    } as APIApplicationCommandBasicOption;
  }
  // Zod enums hold strings, so choices only ever sit on string options.
  const range = {
    ...(spec.min !== undefined ? { min_value: spec.min } : {}),
    ...(spec.max !== undefined ? { max_value: spec.max } : {}),
  };
  return { ...base, ...extra, ...range, type: TYPES[spec.type] } as APIApplicationCommandBasicOption;
}

/** Required options first (Discord rejects a required option after an optional one), otherwise in schema order. */
function optionsJson(schema: AnyOptions | undefined): APIApplicationCommandBasicOption[] {
  const specs = schema ? optionSpecsOn(schema, 'discord') : [];
  return [...specs.filter((s) => s.required), ...specs.filter((s) => !s.required)].map(optionJson);
}

/** The slash command for one definition. Guild-scoped commands may not carry contexts or integration types. */
export function commandJson(def: CommandDefinition, scope: Scope = 'global'): CommandJson {
  const options: APIApplicationCommandOption[] = def.subcommands?.length
    ? def.subcommands
        .filter((s) => offeredOn(s.surfaces, 'discord'))
        .map((s) => ({
          type: ApplicationCommandOptionType.Subcommand,
          name: discordName(s.name),
          description: clip(s.description, LIMITS.commandDescription),
          options: optionsJson(s.options),
        }))
    : optionsJson(def.options);
  return {
    type: ApplicationCommandType.ChatInput,
    name: discordName(def.name),
    description: clip(def.description, LIMITS.commandDescription),
    ...(options.length ? { options } : {}),
    // Admin commands show only to members who can manage the server (server owners may widen
    // that under Integrations); the router checks the permission on every use all the same.
    ...(def.admin ? { default_member_permissions: PermissionFlagsBits.ManageGuild.toString() } : {}),
    ...(scope === 'global'
      ? {
          // Installed to servers; usable there and in DMs with the bot (admin commands: servers only).
          integration_types: [ApplicationIntegrationType.GuildInstall],
          contexts: def.admin ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM],
        }
      : {}),
  };
}

export function registrationJson(defs: CommandDefinition[], scope: Scope = 'global'): CommandJson[] {
  return defs.filter((d) => offeredOn(d.surfaces, 'discord')).map((d) => commandJson(d, scope));
}

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/**
 * What Discord would refuse in a registration payload, one line per problem (empty when it is
 * accepted): names, descriptions, option counts and order, choices, lengths, the per-command total.
 */
export function registrationProblems(commands: CommandJson[]): string[] {
  const problems: string[] = [];
  if (commands.length > 100) problems.push(`${commands.length} slash commands; Discord allows 100.`);
  const seen = new Set<string>();
  const checkName = (where: string, name: string) => {
    if (!NAME.test(name) || name !== name.toLowerCase())
      problems.push(`${where}: name "${name}" must be 1-32 lower-case letters, digits, - or _.`);
  };
  const checkDescription = (where: string, d: string) => {
    if (d.length < 1 || d.length > LIMITS.commandDescription)
      problems.push(`${where}: description must be 1-100 characters (has ${d.length}).`);
  };
  const checkOptions = (where: string, options: readonly APIApplicationCommandOption[]) => {
    if (options.length > LIMITS.commandOptions) problems.push(`${where}: ${options.length} options; at most 25.`);
    const names = new Set<string>();
    let optionalSeen = false;
    for (const o of options) {
      const at = `${where} ${o.name}`;
      checkName(at, o.name);
      checkDescription(at, o.description);
      if (names.has(o.name)) problems.push(`${at}: duplicate option name.`);
      names.add(o.name);
      if (o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup) {
        checkOptions(at, o.options ?? []);
        continue;
      }
      if (o.required) {
        if (optionalSeen) problems.push(`${at}: a required option comes after an optional one.`);
      } else {
        optionalSeen = true;
      }
      const choices = 'choices' in o ? (o.choices ?? []) : [];
      if (choices.length > LIMITS.commandChoices) problems.push(`${at}: ${choices.length} choices; at most 25.`);
      if (choices.length && 'autocomplete' in o && o.autocomplete) problems.push(`${at}: choices and autocomplete together.`);
      for (const c of choices) {
        if (c.name.length < 1 || c.name.length > LIMITS.choiceText)
          problems.push(`${at}: choice "${c.name}" must be 1-100 characters.`);
        if (typeof c.value === 'string' && c.value.length > LIMITS.choiceText)
          problems.push(`${at}: choice value over 100 characters.`);
      }
      if ('max_length' in o && o.max_length !== undefined && (o.max_length < 1 || o.max_length > LIMITS.stringOptionLength)) {
        problems.push(`${at}: max_length must be 1-6000.`);
      }
    }
  };
  for (const c of commands) {
    checkName(`/${c.name}`, c.name);
    checkDescription(`/${c.name}`, c.description);
    if (seen.has(c.name)) problems.push(`/${c.name}: registered twice.`);
    seen.add(c.name);
    const opts = c.options ?? [];
    const subs = opts.filter((o) => o.type === ApplicationCommandOptionType.Subcommand).length;
    if (subs && subs !== opts.length) problems.push(`/${c.name}: subcommands cannot sit beside plain options.`);
    checkOptions(`/${c.name}`, opts);
    const total = commandChars(c);
    if (total > LIMITS.commandTotal)
      problems.push(`/${c.name}: ${total} characters of names, descriptions and choices; at most 8000.`);
  }
  return problems;
}

function commandChars(c: CommandJson): number {
  const walk = (options: readonly APIApplicationCommandOption[]): number =>
    options.reduce((n, o) => {
      const choices = 'choices' in o ? (o.choices ?? []) : [];
      const nested = 'options' in o && o.options ? walk(o.options) : 0;
      return (
        n +
        o.name.length +
        o.description.length +
        nested +
        choices.reduce((m, ch) => m + ch.name.length + String(ch.value).length, 0)
      );
    }, 0);
  return c.name.length + c.description.length + walk(c.options ?? []);
}

/** `npm run discord:register [-- --print]`: bulk-overwrites the commands, globally or in DISCORD_GUILD_ID. */
export async function runRegister(
  commands: CommandDefinition[],
  args: string[],
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<number> {
  const { loadConfig, ConfigError } = await import('../../config.js');
  let config: import('../../config.js').Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`discord:register: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const scope: Scope = config.DISCORD_GUILD_ID ? 'guild' : 'global';
  const body = registrationJson(commands, scope);
  const problems = registrationProblems(body);
  if (problems.length) {
    process.stderr.write(`discord:register: Discord would refuse these commands:\n${problems.map((p) => `- ${p}`).join('\n')}\n`);
    return 1;
  }
  if (args.includes('--print')) {
    out(JSON.stringify(body, null, 2));
    return 0;
  }
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    process.stderr.write('discord:register: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (or use --print to see the JSON).\n');
    return 1;
  }
  const { REST, Routes } = await import('discord.js');
  const { restOptions } = await import('./client.js');
  const rest = new REST(restOptions(config)).setToken(config.DISCORD_TOKEN);
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_APPLICATION_ID);
  const saved = (await rest.put(route, { body })) as { name: string }[];
  const where = config.DISCORD_GUILD_ID
    ? `server ${config.DISCORD_GUILD_ID} (visible at once)`
    : 'every server and DM (may take a few minutes to appear)';
  out(`Registered ${saved.length} commands in ${where}: ${saved.map((c) => `/${c.name}`).join(' ')}`);
  return 0;
}
