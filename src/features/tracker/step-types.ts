import type { Guide } from '../../content/guide.js';
import type { Reply } from '../../core/types.js';
import type { TrackerData } from './entry.js';
import type { Aside } from './views.js';

/** What a member did: a subcommand with its options, a click, or a submitted form. */
export type TrackerEvent =
  | { type: 'add'; fields: Record<string, string> }
  | { type: 'list'; page: number }
  | { type: 'show'; ref?: string }
  | { type: 'edit'; ref?: string; fields: Record<string, string> }
  | { type: 'remove'; ref?: string; confirm: boolean }
  | { type: 'export' }
  | { type: 'plan'; fields: Record<string, string> }
  | { type: 'action'; payload: string[]; values?: string[] }
  | { type: 'submit'; payload: string[]; fields: Record<string, string> };

/** What a step may use besides the state: all of it handed in, so the step stays pure. */
export interface TrackerEnv {
  /** The member's id, carried in every button and form id. */
  owner: string;
  now: Date;
  nonce(): string;
  /** The guide, for the sources under an entry's warnings. */
  guide(): Guide;
  /** Forms are asked one field at a time (the terminal), so each field is checked as it is typed. */
  fieldByField: boolean;
  aside?: Aside;
}

export interface TrackerStep {
  /** The next tracker; undefined when nothing changed. */
  state?: TrackerData;
  replies: Reply[];
  /** What to log about the change: ids and counts only, never what the member wrote. */
  log?: { msg: string } & Record<string, unknown>;
}
