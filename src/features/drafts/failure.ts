import type { FailureInput } from './fields.js';
import { capitalizeFirst, closeSentence, countWords, firstSentence, ordinal, paragraph } from './prose.js';
import { afterLead, analyse, asClause, type Phrase, withArticle } from './shape.js';
import { type DraftStyle, pick } from './tone.js';
import { type ComposedDraft, type Part, TARGETS } from './types.js';

/**
 * An exam-failure explanation in three layers: Context (brief, no excuses), Insight (what the
 * result showed about the preparation), Change (specific and measurable, with the result), closed
 * by a line that ties the improvement loop to informatics-style thinking.
 */

const ACRONYMS = /\b(usmle|comlex|mccqe|plab|amc|nbme|ecfmg|oet|ielts|toefl|ck|cs|cbse|nclex|mrcp|mrcs|fmge|neet|pg)\b/gi;

/** "usmle step 1" reads "USMLE Step 1"; the member's own capitals are kept. */
export function examName(raw: string): string {
  return raw
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.;:,]+$/, '')
    .replace(ACRONYMS, (m) => m.toUpperCase())
    .replace(
      /\b(step|level|part|paper)\s+(\d|i{1,3}v?|iv)\b/gi,
      (_m, w: string, n: string) => `${capitalizeFirst(w.toLowerCase())} ${/\d/.test(n) ? n : n.toUpperCase()}`,
    );
}

function contextSentences(p: Phrase): string[] {
  switch (p.shape) {
    case 'verb':
      return [`At the time, I ${p.text}.`];
    case 'gerund':
      return [`At the time, I was ${p.text}.`];
    case 'noun':
      return [`At the time, I was dealing with ${withArticle(p.text)}.`];
    case 'sentence':
      return p.sentences;
  }
}

function insightSentences(p: Phrase, style: DraftStyle): string[] {
  const lead = pick(style, { plain: '', neutral: 'Looking back', warm: 'When I looked at it honestly' });
  const seeLead = pick(style, { plain: 'The result showed', neutral: `${lead}, I can see`, warm: `${lead}, I could see` });
  switch (p.shape) {
    case 'verb':
      return [`${seeLead} that I ${p.text}.`];
    case 'gerund':
      return [`${seeLead} that I was ${p.text}.`];
    case 'noun':
      return [`${lead ? `${lead}, the` : 'The'} weak point in my preparation was ${withArticle(p.text)}.`];
    case 'sentence':
      return afterLead(lead, p);
  }
}

function changeSentences(p: Phrase, style: DraftStyle): string[] {
  const lead = pick(style, { plain: 'I then', neutral: 'To fix that, I', warm: 'So I' });
  switch (p.shape) {
    case 'verb':
      return [`${lead} ${p.text}.`];
    case 'gerund':
    case 'noun':
      return [`${lead} rebuilt my preparation around ${p.shape === 'noun' ? withArticle(p.text) : p.text}.`];
    case 'sentence':
      return afterLead(pick(style, { plain: '', neutral: 'To fix that', warm: 'So' }), p);
  }
}

function resultSentences(p: Phrase): string[] {
  switch (p.shape) {
    case 'verb':
      return [`I ${p.text}.`];
    case 'gerund':
      return [`That led to ${p.text}.`];
    case 'noun':
      return [`The outcome was ${/^\d+$/.test(p.text) ? `a score of ${p.text}` : withArticle(p.text)}.`];
    case 'sentence':
      return p.sentences;
  }
}

/** A clause for the short versions: "I switched to...", "the weak point was ...". */
function clauseOf(
  p: Phrase,
  forms: { verb: (t: string) => string; gerund: (t: string) => string; noun: (t: string) => string },
): string {
  switch (p.shape) {
    case 'verb':
      return forms.verb(p.text);
    case 'gerund':
      return forms.gerund(p.text);
    case 'noun':
      return forms.noun(withArticle(p.text));
    case 'sentence':
      return asClause(p);
  }
}

const CHANGE_CLAUSE = {
  verb: (t: string) => `I ${t}`,
  gerund: (t: string) => `I rebuilt my preparation around ${t}`,
  noun: (t: string) => `I rebuilt my preparation around ${t}`,
};
const RESULT_CLAUSE = {
  verb: (t: string) => `I ${t}`,
  gerund: (t: string) => `that led to ${t}`,
  noun: (t: string) => `the outcome was ${/^\d+$/.test(t) ? `a score of ${t}` : t}`,
};

export function composeFailure(input: FailureInput, style: DraftStyle): ComposedDraft {
  const exam = examName(input.exam);
  const attempt = ordinal(input.attempt);
  const didNotPass = pick(style, {
    plain: `I failed ${exam} on my ${attempt} attempt in ${input.year}.`,
    neutral: `I did not pass ${exam} on my ${attempt} attempt in ${input.year}.`,
    warm: `I want to be open about one part of my record: I did not pass ${exam} on my ${attempt} attempt in ${input.year}.`,
  });
  const context = [didNotPass, ...contextSentences(analyse(input.context))];
  const insight = insightSentences(analyse(input.insight), style);
  const change = [...changeSentences(analyse(input.change), style), ...resultSentences(analyse(input.result))];
  const closing = [
    style.short
      ? pick(style, {
          plain: 'I now use the same loop in informatics work: review the data, adjust, check again.',
          neutral: 'I now bring the same loop of feedback, data and iteration to informatics work.',
          warm: 'That loop of feedback, data and iteration still shapes how I work.',
        })
      : pick(style, {
          plain: 'I now use the same loop in informatics work: look at the data, adjust the plan, and check the result.',
          neutral:
            'The same cycle of reviewing results, adjusting the plan and measuring again is how I now approach quality improvement and informatics work.',
          warm: 'It taught me to treat a result as feedback rather than a verdict, and that loop of data, reflection and iteration now shapes how I approach informatics projects.',
        }),
  ];
  if (!style.short) {
    const pads = [
      /score|self-assess|practice (test|exam)|nbme|uworld|question bank|qbank|percent|%/i.test(`${input.change} ${input.result}`)
        ? 'My practice scores became a kind of dashboard, showing me where to focus next.'
        : 'I learned to read my own results as data to act on.',
      'I take full responsibility for that result and for the work it took to turn it around.',
      'I would rather show what that result taught me than leave it unexplained.',
    ];
    const words = () => countWords([...context, ...insight, ...change, ...closing].join(' '));
    for (const pad of pads) {
      if (words() >= TARGETS.statement.minWords) break;
      closing.unshift(pad);
    }
  }
  const parts: Part[] = [
    { element: 'Context', text: paragraph(context) },
    { element: 'Insight', text: paragraph(insight) },
    { element: 'Change', text: paragraph(change) },
    { element: 'Informatics link', text: paragraph(closing) },
  ];

  const insightClause = clauseOf(analyse(firstSentence(input.insight)), {
    verb: (t) => `I ${t}`,
    gerund: (t) => `I was ${t}`,
    noun: (t) => `the weak point was ${t}`,
  });
  const changeClause = clauseOf(analyse(firstSentence(input.change)), CHANGE_CLAUSE);
  const resultClause = clauseOf(analyse(firstSentence(input.result)), RESULT_CLAUSE);
  const notPassed = `I didn't pass ${exam} on my ${attempt} attempt in ${input.year}`;
  const interview = [
    pick(style, {
      plain: `${notPassed}, because ${insightClause}.`.replace(/because the weak point/, 'and the weak point'),
      neutral: `${notPassed}, and looking back, ${insightClause}.`,
      warm: `${notPassed}, and when I looked at it honestly, ${insightClause}.`,
    }),
    `${changeClause}, and ${resultClause}.`,
    pick(style, {
      plain: 'I use the same feedback loop in informatics work now.',
      neutral: 'That loop of feedback, data and iteration is how I approach informatics work now.',
      warm: 'That loop of feedback, data and iteration is something I now bring to every informatics project.',
    }),
  ];
  const application = [
    `I did not pass ${exam} on my ${attempt} attempt in ${input.year}.`,
    `${changeClause}, and ${resultClause}.`,
  ];

  return {
    kind: 'failure',
    parts,
    versions: {
      statement: paragraph(parts.map((p) => p.text)),
      interview: paragraph(interview.map(closeSentence)),
      application: paragraph(application.map(closeSentence)),
    },
  };
}
