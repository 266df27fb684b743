import type { DisclosureInput } from './fields.js';
import { closeSentence, countWords, firstSentence, joinList, paragraph } from './prose.js';
import { afterLead, analyse, asClause, isPresentVerb, type Phrase, presentPerfect, withArticle } from './shape.js';
import { type DraftStyle, pick } from './tone.js';
import { type ComposedDraft, type Part, TARGETS } from './types.js';

/**
 * A disclosure (probation, warning, dismissal) in a calm, non-defensive order: what happened
 * in neutral words, ownership, corrective actions, and the sustained record since.
 */

function whatSentences(p: Phrase): string[] {
  switch (p.shape) {
    case 'verb':
      return [`I ${p.text}.`];
    case 'gerund':
      return [`The issue involved ${p.text}.`];
    case 'noun':
      return [`My record includes ${withArticle(p.text)}.`];
    case 'sentence':
      return p.sentences;
  }
}

function ownershipSentences(p: Phrase): string[] {
  switch (p.shape) {
    case 'verb':
      return [`I ${p.text}.`];
    case 'gerund':
      return [`I responded by ${p.text}.`];
    case 'noun':
      return [`I accept ${p.text}.`];
    case 'sentence':
      return p.sentences;
  }
}

function actionSentences(p: Phrase, style: DraftStyle): string[] {
  const lead = pick(style, { plain: 'I then', neutral: 'To put it right, I', warm: 'To put it right, I' });
  switch (p.shape) {
    case 'verb':
      return [`${lead} ${p.text}.`];
    case 'gerund':
      return [`I put it right by ${p.text}.`];
    case 'noun':
      return [`${lead} took on ${withArticle(p.text)}.`];
    case 'sentence':
      return afterLead(style.tone === 'plain' ? '' : 'To put it right', p);
  }
}

/** "I have kept a clean record", led by "Since then" unless the member already says since when. */
function sinceVerb(vp: string): string {
  const perfect = presentPerfect(vp);
  return /\bsince\b/i.test(vp) ? `I ${perfect}.` : `Since then, I ${perfect}.`;
}

function sinceSentences(p: Phrase): string[] {
  switch (p.shape) {
    case 'verb':
      return [p.present ? `I ${p.text}.` : sinceVerb(p.text)];
    case 'gerund':
      return [`Since then, I have been ${p.text}.`];
    case 'noun':
      return [
        /\brecord\b/i.test(p.text)
          ? `Since then, I have kept ${withArticle(p.text)}.`
          : `My record since then shows ${withArticle(p.text)}.`,
      ];
    case 'sentence':
      return p.sentences;
  }
}

/** One clause per field for the short versions; `vp` is set when the clause follows "I". */
interface Clause {
  vp?: string;
  text: string;
}

function clause(
  p: Phrase,
  forms: { gerund: (t: string) => string; noun: (t: string) => string; verb?: (t: string) => string },
): Clause {
  switch (p.shape) {
    case 'verb': {
      const vp = forms.verb ? forms.verb(p.text) : p.text;
      return { vp, text: `I ${vp}` };
    }
    case 'gerund':
      return { text: forms.gerund(p.text) };
    case 'noun':
      return { text: forms.noun(withArticle(p.text)) };
    case 'sentence':
      return { text: asClause(p) };
  }
}

/** "I accepted X, completed Y, and in the time since kept Z" when all follow "I"; otherwise clauses with semicolons. */
function joinClauses(clauses: Clause[]): string {
  if (clauses.every((c) => c.vp)) return `I ${joinList(clauses.map((c) => c.vp ?? ''))}`;
  if (clauses.length === 2) return `${clauses[0]?.text}, and ${clauses[1]?.text}`;
  const texts = clauses.map((c) => c.text);
  return `${texts.slice(0, -1).join('; ')}; and ${texts[texts.length - 1]}`;
}

export function composeDisclosure(input: DisclosureInput, style: DraftStyle): ComposedDraft {
  const opening = pick(style, {
    plain: [] as string[],
    neutral: ['I want to address one part of my record directly.'],
    warm: ['I want to be open about one part of my record.'],
  });
  const what = [...(style.short ? [] : opening), ...whatSentences(analyse(input.what))];
  const ownership = ownershipSentences(analyse(input.ownership));
  const actions = actionSentences(analyse(input.actions), style);
  const since = sinceSentences(analyse(input.since));
  const closing = [
    style.short
      ? pick(style, {
          plain: 'Informatics teams depend on reliability and clear communication, and I now put both first.',
          neutral: 'It taught me to put reliability and clear communication first, as informatics teams must.',
          warm: 'It taught me how much reliability and open communication matter, and I now put both first.',
        })
      : pick(style, {
          plain: 'It taught me to value reliability and clear communication, which informatics teams depend on.',
          neutral:
            'The experience showed me how much a team relies on each person being dependable and open, and I bring that to informatics work, where many groups share one timeline.',
          warm: 'I am grateful for what it taught me about reliability and open communication, and I now treat both as essential in informatics teams that depend on one another.',
        }),
  ];
  if (!style.short) {
    const pads = [
      'Handling sensitive health data and shared systems asks for exactly that kind of trust.',
      'I would rather explain it openly here than leave a program to wonder.',
      'I am glad to discuss any part of it in more detail.',
    ];
    const words = () => countWords([...what, ...ownership, ...actions, ...since, ...closing].join(' '));
    for (const pad of pads) {
      if (words() >= TARGETS.statement.minWords) break;
      closing.push(pad);
    }
  }
  const parts: Part[] = [
    { element: 'What happened', text: paragraph(what) },
    { element: 'Ownership', text: paragraph(ownership) },
    { element: 'Corrective actions', text: paragraph(actions) },
    { element: 'Sustained record', text: paragraph([...since, ...closing]) },
  ];

  const whatFirst = whatSentences(analyse(firstSentence(input.what)))[0] ?? '';
  const own = clause(analyse(firstSentence(input.ownership)), {
    gerund: (t) => `I responded by ${t}`,
    noun: (t) => `I accept ${t}`,
  });
  const act = clause(analyse(firstSentence(input.actions)), {
    gerund: (t) => `I put it right by ${t}`,
    noun: (t) => `I took on ${t}`,
  });
  const kept = clause(analyse(firstSentence(input.since)), {
    verb: (t) => (isPresentVerb(t) ? t : presentPerfect(t, { since: !/\bsince\b/i.test(t) })),
    gerund: (t) => `since then I have been ${t}`,
    noun: (t) => (/\brecord\b/i.test(t) ? `I have since kept ${t}` : `my record since then shows ${t}`),
  });
  const interview = [whatFirst, `${own.text}, and ${act.vp ? `then I ${act.vp}` : act.text}.`, `${kept.text}.`];
  const application = [whatFirst, `${joinClauses([own, act, kept])}.`];

  return {
    kind: 'disclosure',
    parts,
    versions: {
      statement: paragraph(parts.map((p) => p.text)),
      interview: paragraph(interview.map(closeSentence)),
      application: paragraph(application.map(closeSentence)),
    },
  };
}
