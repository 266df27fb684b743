/**
 * The platform-neutral vocabulary every adapter translates to and from.
 * Nothing here knows Discord, Slack or a terminal.
 */
export type Platform = 'discord' | 'slack' | 'cli';

export interface User {
  id: string;
  name: string;
}

export interface Conversation {
  id: string;
  isDirect: boolean;
}

/** What the platform says about the caller in this server, where it says anything. */
export interface Member {
  /** May change the server's settings (Discord: Manage Server; Slack: workspace admin, owner or admin group). */
  admin: boolean;
  /** Role ids the member holds (Discord). */
  roles?: string[];
}

interface RequestBase {
  platform: Platform;
  user: User;
  conversation: Conversation;
  /** Platform workspace or server, when there is one (used for multi-workspace installs). */
  team?: string;
  /** Set by adapters that know it; absent means not known (never an admin). */
  member?: Member;
}

/** A slash command, or its text equivalent in the terminal and in Slack. */
export interface CommandRequest extends RequestBase {
  kind: 'command';
  command: string;
  subcommand?: string;
  /** Typed options, as Discord delivers them; adapters that only have text use `text`. */
  options?: Record<string, unknown>;
  /** Raw text after the command name (Slack, terminal). Parsed against the schema when `options` is absent. */
  text?: string;
  /** A scripted one-shot run (`img-advisor <command> ... --json`), not the terminal chat. */
  script?: boolean;
}

/** A button click or a select-menu choice. */
export interface ActionRequest extends RequestBase {
  kind: 'action';
  actionId: string;
  /** Selected values of a select menu. */
  values?: string[];
}

/** A submitted form (Discord modal, Slack modal, terminal prompts). */
export interface SubmitRequest extends RequestBase {
  kind: 'submit';
  formId: string;
  fields: Record<string, string>;
}

/**
 * Where a message outside a DM was written and why the adapter passed it on. Channel ids are what
 * the server settings list; the core decides from these facts whether to answer.
 */
export interface Place {
  /** The channel of the message; for a message in a thread, the thread's parent when known. */
  channel: string;
  /** The message names the bot. */
  mentioned: boolean;
  /** Written inside a thread (a Discord thread or forum post, a Slack thread reply). */
  inThread: boolean;
  /** The first message of a thread someone just opened (a forum post). */
  opensThread?: boolean;
}

/**
 * A free-text turn: in a DM (drills, questions), or in a server channel or thread (a mention, a
 * follow-up in a thread the bot answered, a new post in an auto-answer channel: then `place`).
 */
export interface MessageRequest extends RequestBase {
  kind: 'message';
  text: string;
  place?: Place;
  /** Only a flow waiting for text may take it; nothing else answers (the terminal keeps its menu). */
  flowsOnly?: boolean;
}

export type Request = CommandRequest | ActionRequest | SubmitRequest | MessageRequest;

export type ButtonStyle = 'primary' | 'secondary' | 'danger';

export interface Button {
  /** Opaque id made by `actionId()`; at most 100 characters (Discord's limit). */
  id: string;
  label: string;
  style?: ButtonStyle;
}

export interface SelectOption {
  value: string;
  label: string;
  description?: string;
}

export interface FormField {
  id: string;
  /** At most 45 characters (Discord modal labels). */
  label: string;
  style: 'short' | 'paragraph';
  required: boolean;
  value?: string;
  placeholder?: string;
  maxLength?: number;
}

export type Block =
  | { type: 'text'; markdown: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'sources'; items: { id: string; title: string; guide?: string; reviewed?: string }[] }
  /**
   * `optional`: the conversation goes on without a pick (an answer's More and thumbs): in the
   * terminal chat, text that is not one of them is a new message, not a wrong choice.
   */
  | { type: 'buttons'; buttons: Button[]; optional?: boolean }
  | { type: 'select'; id: string; placeholder: string; options: SelectOption[] }
  | { type: 'form'; id: string; title: string; submitLabel?: string; fields: FormField[] }
  | { type: 'file'; name: string; mime: string; content: string };

export type Visibility = 'public' | 'private' | 'direct';

export interface Reply {
  blocks: Block[];
  /** Plain text for notifications, logs of shape (never content) and plain terminals. */
  fallbackText: string;
  /** private = ephemeral to the caller; direct = in a DM with the caller. */
  visibility: Visibility;
  /** Replace the message the action came from instead of posting a new one. */
  replace?: boolean;
  /**
   * Post this reply somewhere other than the conversation it answers: a channel (an advisors'
   * card) or a member's DMs (an advisor's answer to the member who asked). Adapters that cannot
   * reach it say so in their log and drop it.
   */
  deliver?: { channel: string } | { user: string };
  /**
   * Set on usage errors, so scripted callers can exit 2; `unavailable` when the state store could
   * not be reached (scripts exit 1: try again later).
   */
  error?: 'usage' | 'unavailable';
  /**
   * Structured result for scripts (`--json`): merged into the one JSON object printed. On a usage
   * error, `errors: [{ field, message }]` names each problem.
   */
  data?: Record<string, unknown>;
}
