/**
 * The answer engine's knobs, in one place: when to answer, how the story around a question and a
 * follow-up's carried topic count, and how long an answer runs.
 */

/**
 * When to answer. Tuned on the evaluation sets marked for tuning (old, dev, dev3 to dev6), never on single
 * phrasings and never on the held-out set.
 * minCoverage: the weighted share of the question's terms the best section must match.
 * suggestCoverage: below minCoverage but at least this, with a clear leader: "Did you mean ...?".
 * foreignDf: a term no section uses counts as if this many sections had it (below 1: rarer
 * than any real term, because a question about something absent should not be answered).
 * numberWeight: bare numbers ("2 yr gap") rarely carry the topic.
 * contextWeight: terms from the story around a question (sentences that ask nothing).
 * followUpWeight: terms carried over from the previous question in a follow-up.
 * followUpShare: those terms together weigh at most this times the follow-up's own words.
 * verdictQuestion: how close the question must come to one the section was written for (shared
 * terms over all terms) before its bare "Yes." or "Not necessarily." is quoted.
 * besideDeclined: the share of its own words a part must match when another part of the message is declined.
 * nearTie: a runner-up within this share of the top section's score that holds the kind of fact
 * asked for (a number, a date) answers instead of a top section that does not.
 */
export const TUNING = {
  minCoverage: 0.45,
  suggestCoverage: 0.25,
  clearLead: 1.3,
  minScore: 10,
  foreignDf: 0.5,
  numberWeight: 0.3,
  coveragePower: 2,
  contextWeight: 0.35,
  followUpWeight: 0.6,
  passageWeight: 0.8,
  secondRatio: 0.4,
  minPassage: 0.12,
  storyShare: 0.6,
  questionLift: 2,
  numberTopic: 0.5,
  askedPower: 1,
  bodyLead: 0.3,
  summaryBonus: 0.1,
  secondSlack: 10,
  storyLead: 2,
  besideDeclined: 0.7,
  followUpShare: 1,
  verdictQuestion: 0.3,
  nearTie: 0.95,
};

/** About how long a chat answer may be, in words, before the More button takes over. */
export const ANSWER_WORDS = 100;
/** The most passages one section gives an answer (a list asked for may add two). */
export const MAX_PASSAGES = 4;
