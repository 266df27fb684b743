import { checkDraft } from './checks.js';
import { composeDisclosure } from './disclosure.js';
import { composeFailure } from './failure.js';
import type { DraftInput, DraftKind } from './fields.js';
import { composeGap } from './gap.js';
import type { DraftLexicon } from './lexicon.js';
import { withoutOvershare } from './private.js';
import type { DraftStyle } from './tone.js';
import type { ComposedDraft, Note } from './types.js';

export interface Drafted {
  composed: ComposedDraft;
  notes: Note[];
}

/**
 * Drafts the three versions for any kind and runs the checks on them. The versions are written
 * from the facts without what the over-sharing check flags; the checks read what was entered.
 */
export function draft(input: DraftInput, style: DraftStyle, lexicon: DraftLexicon): Drafted {
  let composed: ComposedDraft;
  const safe = withoutOvershare(input, lexicon);
  switch (safe.kind) {
    case 'gap':
      composed = composeGap(safe.input, style, lexicon);
      break;
    case 'failure':
      composed = composeFailure(safe.input, style);
      break;
    case 'disclosure':
      composed = composeDisclosure(safe.input, style);
      break;
  }
  return { composed, notes: checkDraft(input, composed, lexicon) };
}

export const KIND_TITLES: Record<DraftKind, string> = {
  gap: 'Gap explanation',
  failure: 'Exam-failure explanation',
  disclosure: 'Disclosure',
};

export const VERSION_TITLES = {
  statement: 'Personal statement paragraph',
  interview: 'Interview (spoken)',
  application: 'Application field',
} as const;

/** The draft as plain text: what Copy gives and what a script prints. */
export function draftToText(kind: DraftKind, d: Drafted, opts: { notes?: boolean } = {}): string {
  const { versions } = d.composed;
  const blocks = [
    `${KIND_TITLES[kind]}`,
    `${VERSION_TITLES.statement}:\n${versions.statement}`,
    `${VERSION_TITLES.interview}:\n${versions.interview}`,
    `${VERSION_TITLES.application}:\n${versions.application}`,
  ];
  if (opts.notes !== false) {
    blocks.push(
      d.notes.length
        ? `Notes:\n${d.notes.map((n) => `- ${n.text}`).join('\n')}`
        : 'Notes: none; the checks found nothing to fix.',
    );
  }
  return blocks.join('\n\n');
}
