import type { DraftKind } from './fields.js';
import type { SkillId } from './lexicon.js';

export interface Versions {
  /** A personal-statement paragraph. */
  statement: string;
  /** What to say at interview: two or three sentences. */
  interview: string;
  /** For an application text field: one or two sentences. */
  application: string;
}

/** One element of the draft's framework (Reason, Responsibility, ...) and the statement text that carries it. */
export interface Part {
  element: string;
  text: string;
}

export interface ActivityMapping {
  activity: string;
  skills: SkillId[];
}

export interface ComposedDraft {
  kind: DraftKind;
  versions: Versions;
  /** In framework order; the statement is these texts joined. */
  parts: Part[];
  /** Gap drafts: which informatics skill each activity points to. */
  mapping?: ActivityMapping[];
}

export type NoteId =
  | 'overshare'
  | 'reason-long'
  | 'passive'
  | 'blame'
  | 'short-gap'
  | 'no-activities'
  | 'not-measurable'
  | 'what-long'
  | 'length-statement'
  | 'length-interview'
  | 'length-application';

export interface Note {
  id: NoteId;
  text: string;
}

/** Length targets for each version; the checks note anything over them. */
export const TARGETS = {
  statement: { minWords: 90, maxWords: 160 },
  interview: { minSentences: 2, maxSentences: 3, maxWords: 90 },
  application: { minSentences: 1, maxSentences: 2, maxWords: 80 },
} as const;
