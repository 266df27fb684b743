import type { z } from 'zod';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { RecordType } from '../store/record.js';
import type { StateStore } from '../store/store.js';
import type { Conversation, Member, Platform, Reply, SelectOption, User } from './types.js';

/** What a handler may use. Handlers never see a platform client. */
export interface Ctx {
  platform: Platform;
  /**
   * Where the request came from: a chat platform, the terminal chat, or a scripted one-shot run.
   * A script has no one to click a button or fill a form, so a command may answer it differently.
   */
  surface: Surface;
  user: User;
  conversation: Conversation;
  team?: string;
  /** What the platform said about the caller in this server (admin, roles), when it said anything. */
  member?: Member;
  store: StateStore;
  config: Config;
  log: Logger;
  now(): Date;
  /** A number in [0, 1) for draws a member sees (which drill questions); tests hand in a seeded source. */
  random(): number;
  /** Every command the app serves (for /help), handed down by the composition root. */
  commands: CommandDefinition[];
  /** Every record kind the features declare (for /forget), handed down likewise. */
  records: RecordType<unknown>[];
  /** The features' hooks that remove a member's share of shared records (for /forget). */
  forgetters: ((ctx: Ctx, remove: boolean) => Promise<{ what: string; count: number }[]>)[];
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
  /**
   * A question to the guide: counts against the member's and the server's question limits, and
   * follows the server's public/private setting for answers.
   */
  question?: boolean;
  /** For server admins only, in a server: the router refuses anyone else (privately) before it runs. */
  admin?: boolean;
  /**
   * The command checks the caller's server roles (the advisor role): adapters that must ask the
   * platform for them (Slack user groups) do so for this command only.
   */
  readsRoles?: boolean;
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
