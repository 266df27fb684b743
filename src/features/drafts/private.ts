import type { DraftInput, ReasonKind } from './fields.js';
import { type DraftLexicon, findTerms, type Matcher } from './lexicon.js';
import { countSentences, countWords, splitSentences } from './prose.js';

/**
 * The over-sharing check and what it does to the draft, in one place: the note under the draft
 * and the composers read the same verdict, so a detail the check flags never reaches any version
 * (statement, interview, application) nor a saved draft's title.
 */
export interface Overshare {
  /** The field as the note names it: `reason`, `context`, `"what happened"`. */
  field: string;
  /** The private words found, as the member wrote them. */
  hits: string[];
  /** A personal reason (health, family) told in more than one plain sentence: all of it is flagged. */
  long: boolean;
  /** The words the draft uses instead, when the whole field is replaced. */
  instead?: string;
}

/** How a gap's reason reads once its detail is left out: the kind, never the story. */
const NEUTRAL_REASON: Record<ReasonKind, string> = {
  visa: 'visa and credentialing delays',
  family: 'family responsibilities',
  health: 'a personal health matter',
  research: 'a research period',
  exams: 'exam preparation',
  transition: 'a career transition',
  other: 'personal reasons',
};

/** What a cut sentence ends with, and what stands in for a field with nothing left. */
const CUT_TAIL = 'during a difficult personal period';
const NEUTRAL_CONTEXT = 'a difficult personal period';
const NEUTRAL_WHAT = 'I went through a difficult personal period that affected my training.';

function isLong(text: string): boolean {
  return countSentences(text) > 1 || countWords(text) > 30;
}

export function oversharing(d: DraftInput, lexicon: DraftLexicon): Overshare | undefined {
  let found: Overshare;
  switch (d.kind) {
    case 'gap': {
      const personal = d.input.reasonKind === 'health' || d.input.reasonKind === 'family';
      const { reason } = d.input;
      found = {
        field: 'reason',
        hits: findTerms(reason, lexicon.overshare),
        long: personal && isLong(reason),
        instead: NEUTRAL_REASON[d.input.reasonKind],
      };
      break;
    }
    case 'failure':
      found = { field: 'context', hits: findTerms(d.input.context, lexicon.overshare), long: false };
      break;
    case 'disclosure':
      found = { field: '"what happened"', hits: findTerms(d.input.what, lexicon.overshare), long: false };
      break;
  }
  return found.hits.length || found.long ? found : undefined;
}

/** Where the first private word starts, if any. */
function firstHit(text: string, matchers: Matcher[]): number | undefined {
  let at: number | undefined;
  for (const m of matchers) {
    const hit = m.re.exec(text);
    if (hit && (at === undefined || hit.index < at)) at = hit.index;
  }
  return at;
}

/** A clause that can be cut away with what follows it: after a comma, or from "during", "after", ... on. */
const BOUNDARY = /(?:[,;:]\s*|\s(?:during|after|following|because|due to|while|when|as|since|with|from|amid|and|but)\s)/gi;

/**
 * Each sentence without private words is kept; one with them keeps what comes before the clause
 * that holds them ("I received a warning for absences" + "during a difficult personal period"),
 * or goes when nothing of it can stand alone. `fallback` stands in for a field with nothing left.
 */
export function leaveOut(text: string, matchers: Matcher[], fallback: string): string {
  const kept: string[] = [];
  for (const sentence of splitSentences(text.trim())) {
    const at = firstHit(sentence, matchers);
    if (at === undefined) {
      kept.push(sentence);
      continue;
    }
    const head = sentence.slice(0, at);
    const cut = [...head.matchAll(BOUNDARY)].at(-1)?.index;
    const prefix = cut === undefined ? '' : head.slice(0, cut).trim();
    if (countWords(prefix) >= 3) kept.push(`${prefix} ${CUT_TAIL}.`);
  }
  return kept.length ? kept.join(' ') : fallback;
}

/** The same facts without what the over-sharing check flagged. */
export function withoutOvershare(d: DraftInput, lexicon: DraftLexicon): DraftInput {
  const found = oversharing(d, lexicon);
  if (!found) return d;
  switch (d.kind) {
    case 'gap':
      return { kind: 'gap', input: { ...d.input, reason: found.instead ?? NEUTRAL_REASON.other } };
    case 'failure':
      return { kind: 'failure', input: { ...d.input, context: leaveOut(d.input.context, lexicon.overshare, NEUTRAL_CONTEXT) } };
    case 'disclosure':
      return { kind: 'disclosure', input: { ...d.input, what: leaveOut(d.input.what, lexicon.overshare, NEUTRAL_WHAT) } };
  }
}
