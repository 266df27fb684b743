import type { DraftInput, GapInput } from './fields.js';
import { type DraftLexicon, findTerms } from './lexicon.js';
import { type Overshare, oversharing } from './private.js';
import { countSentences, countWords, monthsSpanned, parseYearMonth } from './prose.js';
import { type ComposedDraft, type Note, TARGETS } from './types.js';

/**
 * The common mistakes, checked on every draft and shown as short notes under it. Each check
 * looks only where the mistake happens (over-sharing in the reason, blame in the exam story),
 * so clean drafts stay quiet.
 */

const quote = (hits: string[]) => hits.map((h) => `"${h}"`).join(', ');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function isLong(text: string): boolean {
  return countSentences(text) > 1 || countWords(text) > 30;
}

/** The over-sharing note: what was found and what the draft did about it (see private.ts). */
function overshareNote(found: Overshare): Note {
  const what = found.hits.length
    ? `${found.field} names private detail (${quote(found.hits)})`
    : `${found.field} runs past one sentence`;
  const done = found.instead ? `the draft says "${found.instead}" instead` : 'the draft leaves that detail out';
  return {
    id: 'overshare',
    text: `Over-sharing: the ${what}, so ${done}. Programs need the fact, not the story.`,
  };
}

function passiveNote(hits: string[]): Note {
  return {
    id: 'passive',
    text: `Passive time: ${quote(hits)} names no concrete step. Say what you did: a course, volunteering, a project, even structured reading.`,
  };
}

function blameNote(hits: string[]): Note {
  return {
    id: 'blame',
    text: `Blame-shifting: ${quote(hits)} can read as putting the cause on others or on chance. Keep to what you controlled and what you changed.`,
  };
}

function gapChecks(input: GapInput, lexicon: DraftLexicon): Note[] {
  const notes: Note[] = [];
  const personal = input.reasonKind === 'health' || input.reasonKind === 'family';
  if (!personal && isLong(input.reason)) {
    notes.push({
      id: 'reason-long',
      text: `Reason: ${plural(countSentences(input.reason), 'sentence')} and ${plural(countWords(input.reason), 'word')}. One short, factual sentence is enough.`,
    });
  }

  // "I was waiting for my visa" reads as time that passed, even beside real activities: say what you did.
  const passive = [
    ...new Set([input.reason, ...input.activities, input.after].flatMap((text) => findTerms(text, lexicon.passive))),
  ];
  if (passive.length) notes.push(passiveNote(passive));

  const months = monthsSpanned(parseYearMonth(input.start), parseYearMonth(input.end));
  if (months < 3) {
    notes.push({
      id: 'short-gap',
      text: `Short gap: about ${plural(months, 'month')}. A gap under 3 months may need no explanation at all; a clear CV date line can be enough.`,
    });
  }
  if (months > 6 && !input.activities.length) {
    notes.push({
      id: 'no-activities',
      text: `About ${months} months with no activities listed. Add what you did in that time, even small steps (reading, a course, volunteering), so the draft can show Responsibility and Relevance: press Edit.`,
    });
  }
  return notes;
}

function lengthChecks(composed: ComposedDraft): Note[] {
  const notes: Note[] = [];
  const { statement, interview, application } = composed.versions;
  const sw = countWords(statement);
  if (sw > TARGETS.statement.maxWords) {
    notes.push({
      id: 'length-statement',
      text: `Length: the statement paragraph has ${sw} words; aim for ${TARGETS.statement.maxWords} or fewer. Try Shorter, or trim the longest answer.`,
    });
  }
  for (const [id, name, text, t] of [
    ['length-interview', 'interview version', interview, TARGETS.interview],
    ['length-application', 'application version', application, TARGETS.application],
  ] as const) {
    const sentences = countSentences(text);
    const words = countWords(text);
    if (sentences > t.maxSentences || words > t.maxWords) {
      notes.push({
        id,
        text: `Length: the ${name} has ${plural(sentences, 'sentence')} and ${words} words; aim for at most ${t.maxSentences} sentences and ${t.maxWords} words. Shorten the first sentence of your answers.`,
      });
    }
  }
  return notes;
}

export function checkDraft(draft: DraftInput, composed: ComposedDraft, lexicon: DraftLexicon): Note[] {
  const notes: Note[] = [];
  const over = oversharing(draft, lexicon);
  if (over) notes.push(overshareNote(over));
  switch (draft.kind) {
    case 'gap':
      notes.push(...gapChecks(draft.input, lexicon));
      break;
    case 'failure': {
      const { context, insight, change, result } = draft.input;
      const passive = findTerms(change, lexicon.passive);
      if (passive.length) notes.push(passiveNote(passive));
      const blame = findTerms([context, insight, change, result].join('\n'), lexicon.blame);
      if (blame.length) notes.push(blameNote(blame));
      if (
        !/\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|daily|weekly|every)\b/i.test(
          change,
        )
      ) {
        notes.push({
          id: 'not-measurable',
          text: 'Measurable change: the change has no numbers. Add some, such as hours a week, questions a day, practice-test scores or weeks of a schedule.',
        });
      }
      break;
    }
    case 'disclosure': {
      const { what, ownership, actions, since } = draft.input;
      const passive = findTerms(`${actions}\n${since}`, lexicon.passive);
      if (passive.length) notes.push(passiveNote(passive));
      const blame = findTerms([what, ownership, actions, since].join('\n'), lexicon.blame);
      if (blame.length) notes.push(blameNote(blame));
      const n = countSentences(what);
      if (n > 3) {
        notes.push({
          id: 'what-long',
          text: `"What happened" runs ${n} sentences; keep it to 1-3 neutral sentences and let the rest of the draft carry the story.`,
        });
      }
      break;
    }
  }
  notes.push(...lengthChecks(composed));
  return notes;
}
