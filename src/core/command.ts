import type { z } from 'zod';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { RecordType } from '../store/record.js';
import type { StateStore } from '../store/store.js';
import type { Conversation, Platform, Reply, SelectOption, User } from './types.js';

/** What a handler may use. Handlers never see a platform client. */
export interface Ctx {
  platform: Platform;
  user: User;
  conversation: Conversation;
  team?: string;
  store: StateStore;
  config: Config;
  log: Logger;
  now(): Date;
  /** Every command the app serves (for /help), handed down by the composition root. */
  commands: CommandDefinition[];
  /** Every record kind the features declare (for /forget), handed down likewise. */
  records: RecordType<unknown>[];
  /** Where the request came from, when known: a script cannot click a button, a chat can. */
  surface?: Surface;
}

/**
 * Where a (sub)command is offered: the chat platforms, the terminal chat, and scripted one-shot
 * runs (`img-advisor <command> ... --json`). Absent means everywhere.
 */
export type Surface = 'discord' | 'slack' | 'terminal' | 'script';
export const CHAT_SURFACES: Surface[] = ['discord', 'slack', 'terminal'];

export type Replies = Reply | Reply[];
// biome-ignore lint/suspicious/noExplicitAny: a registry holds schemas of every shape.
export type AnyOptions = z.ZodObject<any>;

export interface Subcommand<S extends AnyOptions = AnyOptions> {
  name: string;
  description: string;
  options: S;
  /** Shown in /help and the README, e.g. `/redflags program "Mercy General"`. */
  examples?: string[];
  /** Where this subcommand is offered; absent means everywhere. */
  surfaces?: Surface[];
  run(input: z.output<S>, ctx: Ctx): Promise<Replies>;
}

export interface ScriptIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  readFile(path: string): Promise<string>;
}

export interface CommandDefinition {
  /** Lower-case, 1-32 characters: valid as a Discord and a Slack command name. */
  name: string;
  /** At most 100 characters (Discord's limit). */
  description: string;
  /** Personal commands answer privately (ephemeral or DM) and store data about the caller. */
  personal?: boolean;
  /** Where this command is offered; absent means everywhere. */
  surfaces?: Surface[];
  /** Either options + run (a leaf command) or subcommands. */
  options?: AnyOptions;
  examples?: string[];
  run?(input: Record<string, unknown>, ctx: Ctx): Promise<Replies>;
  subcommands?: Subcommand[];
  /** Buttons and selects whose id this command made with `actionId(name, owner, ...)`. */
  onAction?(payload: string[], values: string[] | undefined, ctx: Ctx): Promise<Replies>;
  /** Forms whose id this command made with `actionId(name, owner, ...)`. */
  onSubmit?(payload: string[], fields: Record<string, string>, ctx: Ctx): Promise<Replies>;
  /** A free-text DM turn; return null when this command has nothing in progress for the user. */
  onMessage?(text: string, ctx: Ctx): Promise<Replies | null>;
  /**
   * What this command keeps for the caller, one short line each (names and progress, never what
   * they wrote): shown to the caller alone, e.g. on the Slack Home tab.
   */
  mine?(ctx: Ctx): Promise<string[]>;
  /** Suggestions while the user types option `option` (Discord autocomplete). */
  autocomplete?(option: string, partial: string, ctx: Ctx): Promise<SelectOption[]>;
  /**
   * Scripted terminal use: `img-advisor <name> ...args`. Returns the exit code
   * (0 done, 2 bad usage). Absent: the CLI runs the command once and prints its replies.
   */
  script?(args: string[], io: ScriptIO, ctx: Ctx): Promise<number>;
}

/** Identity function that keeps the options type of a subcommand's run. */
export function subcommand<S extends AnyOptions>(def: Subcommand<S>): Subcommand {
  return def as unknown as Subcommand;
}

export function defineCommand<S extends AnyOptions>(
  def: Omit<CommandDefinition, 'options' | 'run'> & {
    options?: S;
    run?(input: z.output<S>, ctx: Ctx): Promise<Replies>;
  },
): CommandDefinition {
  return def as CommandDefinition;
}

export function asList(r: Replies): Reply[] {
  return Array.isArray(r) ? r : [r];
}
