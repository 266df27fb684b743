import type { GapInput, ReasonKind } from './fields.js';
import type { DraftLexicon, Skill } from './lexicon.js';
import {
  capitalizeFirst,
  closeSentence,
  countWords,
  firstSentence,
  joinList,
  paragraph,
  parseYearMonth,
  periodPhrase,
  type YearMonth,
} from './prose.js';
import { afterLead, analyse, type Phrase, withArticle } from './shape.js';
import { mapActivities, skillsShown } from './skills.js';
import { type DraftStyle, pick } from './tone.js';
import { type ComposedDraft, type Part, TARGETS } from './types.js';

/**
 * A gap explanation in the 4R frame: Reason (brief, factual), Responsibility (what the member
 * took charge of), Relevance (the informatics skills the time built, mapped from the activities),
 * Recovery/Result (the return to structured work, stronger).
 */

interface KindWords {
  /** A neutral phrase for the reason, for the short versions ("because of ..."). */
  phrase(reason: string): string;
  /** How the member's own noun phrase joins the opening: "because of", "for", "during". */
  prep: string;
  /** Opens the Responsibility sentence. */
  lead: string;
  /** Spoken and application versions name only the kind, never the detail. */
  private: boolean;
}

const KINDS: Record<ReasonKind, KindWords> = {
  visa: {
    phrase: (reason) => {
      const visa = /visa|immigra/i.test(reason);
      const cred = /credential|ecfmg|licen[cs]|verif|certif/i.test(reason);
      if (visa && !cred) return 'visa delays';
      if (cred && !visa) return 'credentialing delays';
      return 'visa and credentialing delays';
    },
    prep: 'because of',
    lead: 'While the paperwork was processed',
    private: true,
  },
  family: {
    phrase: () => 'family responsibilities',
    prep: 'because of',
    lead: 'Alongside my family responsibilities',
    private: true,
  },
  health: { phrase: () => 'a personal health matter', prep: 'because of', lead: 'As my health allowed', private: true },
  research: { phrase: () => 'a research period', prep: 'for', lead: 'Alongside the research itself', private: false },
  exams: { phrase: () => 'exam preparation', prep: 'during', lead: 'Alongside my exam preparation', private: false },
  transition: { phrase: () => 'a career transition', prep: 'during', lead: 'As part of that change', private: false },
  other: { phrase: () => 'personal reasons', prep: 'because of', lead: 'During that period', private: false },
};

interface ActivityPlan {
  /** Follows "I": "completed X, volunteered at Y, and spent time shadowing Z". */
  clause?: string;
  /** Activities written as sentences with their own subject. */
  sentences: string[];
}

/** Groups activities by shape so they join into one natural clause. */
function planActivities(activities: string[]): ActivityPlan {
  const phrases = activities.map(analyse);
  const verbs = phrases.filter((p) => p.shape === 'verb').map((p) => p.text);
  const gerunds = phrases.filter((p) => p.shape === 'gerund').map((p) => p.text);
  const nouns = phrases.filter((p) => p.shape === 'noun').map((p) => withArticle(p.text));
  const parts = [...verbs];
  if (gerunds.length) parts.push(`spent time ${joinList(gerunds)}`);
  if (nouns.length) parts.push(`pursued ${joinList(nouns)}`);
  const sentences = phrases.filter((p) => p.shape === 'sentence').flatMap((p) => p.sentences);
  return { clause: parts.length ? joinList(parts) : undefined, sentences };
}

/** One or two of these words say no more than the kind of reason: "Visa", "family issues". */
const GENERIC_REASON = new Set(
  `visa visas delay delays immigration paperwork family caregiving health illness medical personal reason reasons research
  exam exams preparation prep career transition change other issue issues matter matters problem problems`.split(/\s+/),
);

/** How the member's reason joins "I was away from clinical training ..."; undefined for full sentences. */
function reasonLink(p: Phrase, kind: KindWords, kindPhrase: string): string | undefined {
  switch (p.shape) {
    case 'noun':
      if (p.text.split(/\s+/).length <= 2 && p.text.split(/\s+/).every((w) => GENERIC_REASON.has(w.toLowerCase()))) {
        return `${kind.prep} ${kindPhrase}`;
      }
      return `${kind.prep} ${withArticle(p.text)}`;
    case 'gerund':
      return `while ${p.text}`;
    case 'verb':
      return `because I ${p.text}`;
    case 'sentence':
      return undefined;
  }
}

/** The return to structured work, after a lead such as "After that". */
function recoverySentences(p: Phrase, lead: string): string[] {
  switch (p.shape) {
    case 'verb':
      return [p.present ? `I ${p.text}.` : `${lead}, I ${p.text}.`];
    case 'gerund':
      return [`${lead}, I returned to structured work by ${p.text}.`];
    case 'noun':
      return [`${lead}, I moved on to ${withArticle(p.text)}.`];
    case 'sentence':
      return afterLead(lead, p);
  }
}

function whichOf(n: number): string {
  if (n === 1) return 'which';
  if (n === 2) return 'both of which';
  return 'all of which';
}

/** What every part of a gap draft draws on, worked out once. */
interface GapFacts {
  input: GapInput;
  start: YearMonth;
  end: YearMonth;
  kind: KindWords;
  kindPhrase: string;
  plan: ActivityPlan;
  skills: Skill[];
}

// Reason: brief and factual.
function reasonPart(f: GapFacts, style: DraftStyle): string[] {
  const period = periodPhrase(f.start, f.end, 'from');
  const away = pick(style, {
    plain: 'I was not in clinical training',
    neutral: 'I was away from clinical training',
    warm: 'I stepped away from clinical training',
  });
  const reason = analyse(f.input.reason);
  const link = reasonLink(reason, f.kind, f.kindPhrase);
  if (link) return [`${period}, ${away} ${link}.`];
  if (f.input.reasonKind === 'other') return [`${period}, ${away}.`, ...reason.sentences];
  return [`${period}, ${away} because of ${f.kindPhrase}.`, ...reason.sentences];
}

// Responsibility: what the member took charge of.
function responsibilityPart(f: GapFacts, style: DraftStyle): string[] {
  const { lead } = f.kind;
  const { clause, sentences } = f.plan;
  if (clause && style.short) return [`${lead}, I ${clause}.`, ...sentences];
  if (clause) {
    const opening = pick(style, {
      plain: `${lead}, I ${clause}.`,
      neutral: `${lead}, I made the time count: I ${clause}.`,
      warm: `${lead}, I was determined to keep growing, so I ${clause}.`,
    });
    return [opening, ...sentences];
  }
  if (sentences.length) return [`${lead}, I kept working toward my goal.`, ...sentences];
  return [
    pick(style, {
      plain: `${lead}, I prepared to return to clinical work.`,
      neutral: `${lead}, I kept my goal of clinical informatics in view and prepared for my return to clinical work.`,
      warm: `${lead}, I held on to my goal of clinical informatics and prepared to return to clinical work.`,
    }),
  ];
}

const skillLabels = (f: GapFacts) => joinList(f.skills.map((s) => s.label.toLowerCase()));

// Relevance: what the time built that counts in informatics.
function relevancePart(f: GapFacts, style: DraftStyle): string[] {
  if (f.skills.length && style.short) {
    const labels = skillLabels(f);
    return [
      pick(style, {
        plain: `It built ${labels}.`,
        neutral: `That built ${labels} for informatics work.`,
        warm: `It gave me ${labels}, which I value in informatics.`,
      }),
    ];
  }
  if (f.skills.length) {
    const list = joinList(f.skills.map((s) => s.phrase));
    const which = whichOf(f.skills.length);
    return [
      pick(style, {
        plain: `It built ${list}, ${which} clinical informatics needs.`,
        neutral: `That work built ${list}, ${which} clinical informatics depends on.`,
        warm: `Looking back, it gave me ${list}, ${which} I now see as central to clinical informatics.`,
      }),
    ];
  }
  if (f.input.activities.length) {
    return [
      pick(style, {
        plain: 'Each step kept me learning, which a fast-changing field like clinical informatics requires.',
        neutral:
          'Each of these steps kept me learning, a habit that matters in a field that changes as quickly as clinical informatics.',
        warm: 'Each of these steps kept me learning, and I know how much that habit matters in a field that changes as quickly as clinical informatics.',
      }),
    ];
  }
  return [
    pick(style, {
      plain: 'It also made my goal clear: clinical informatics.',
      neutral: 'The time also made my direction clearer: clinical informatics, where clinical knowledge meets data and systems.',
      warm: 'The time also helped me see my direction clearly: clinical informatics, where clinical knowledge meets data and systems.',
    }),
  ];
}

// Recovery/Result: the return, stronger.
function recoveryPart(f: GapFacts, style: DraftStyle): string[] {
  const lead = pick(style, { plain: 'After that', neutral: 'When that period ended', warm: 'Once I was able to return' });
  const result = style.short
    ? pick(style, {
        plain: 'I came back better prepared.',
        neutral: 'I came back better prepared for informatics work.',
        warm: 'I came back more motivated than before.',
      })
    : pick(style, {
        plain: 'I came back better prepared for clinical informatics.',
        neutral: 'I came back better prepared, with skills I will carry into clinical informatics training.',
        warm: 'I came back more motivated than before, and with skills I look forward to using in clinical informatics.',
      });
  return [...recoverySentences(analyse(f.input.after), lead), result];
}

/** The short versions name only the kind of a private reason (health, family, visa), never its detail. */
function shortLink(f: GapFacts): string {
  const reason = analyse(firstSentence(f.input.reason));
  const own = f.kind.private ? undefined : reasonLink(reason, f.kind, f.kindPhrase);
  return own ?? (f.input.reasonKind === 'other' ? 'for personal reasons' : `because of ${f.kindPhrase}`);
}

function interviewVersion(f: GapFacts, style: DraftStyle): string[] {
  const out = [`${periodPhrase(f.start, f.end, 'between')}, I was out of clinical work ${shortLink(f)}.`];
  const { clause } = f.plan;
  if (clause) {
    const gave = f.skills.length && !style.short ? `, and that gave me ${skillLabels(f)}` : '';
    out.push(
      pick(style, {
        plain: `In that time I ${clause}${gave}.`,
        neutral: `I used that time well: I ${clause}${gave}.`,
        warm: `I made the most of that time: I ${clause}${gave}.`,
      }),
    );
  }
  const after = analyse(firstSentence(f.input.after));
  out.push(...recoverySentences(after, pick(style, { plain: 'Then', neutral: 'After that', warm: 'After that' })).slice(0, 1));
  return out;
}

function applicationVersion(f: GapFacts): string[] {
  const period = periodPhrase(f.start, f.end, 'from');
  const { clause } = f.plan;
  return [
    clause
      ? `${period}, I was away from clinical training ${shortLink(f)}, and during that time I ${clause}.`
      : `${period}, I was away from clinical training ${shortLink(f)}.`,
    applicationAfter(analyse(firstSentence(f.input.after))),
  ];
}

export function composeGap(input: GapInput, style: DraftStyle, lexicon: DraftLexicon): ComposedDraft {
  const kind = KINDS[input.reasonKind];
  const mapping = mapActivities(input.activities, lexicon);
  const f: GapFacts = {
    input,
    start: parseYearMonth(input.start),
    end: parseYearMonth(input.end),
    kind,
    kindPhrase: kind.phrase(input.reason),
    plan: planActivities(input.activities),
    skills: skillsShown(mapping, lexicon),
  };
  const reason = reasonPart(f, style);
  const responsibility = responsibilityPart(f, style);
  const relevance = relevancePart(f, style);
  const recovery = recoveryPart(f, style);

  // A brief draft gets the "why it counts" sentences of its skills until it reaches the target length.
  if (!style.short) {
    const pads = [...f.skills.map((s) => s.why), 'I am glad to go through this period in more detail at interview.'];
    const words = () => countWords([...reason, ...responsibility, ...relevance, ...recovery].join(' '));
    for (const pad of pads) {
      if (words() >= TARGETS.statement.minWords) break;
      relevance.push(pad);
    }
  }

  const parts: Part[] = [
    { element: 'Reason', text: paragraph(reason) },
    { element: 'Responsibility', text: paragraph(responsibility) },
    { element: 'Relevance', text: paragraph(relevance) },
    { element: 'Recovery/Result', text: paragraph(recovery) },
  ];
  return {
    kind: 'gap',
    parts,
    mapping,
    versions: {
      statement: paragraph(parts.map((p) => p.text)),
      interview: paragraph(interviewVersion(f, style).map(closeSentence)),
      application: paragraph(applicationVersion(f).map(closeSentence)),
    },
  };
}

function applicationAfter(p: Phrase): string {
  switch (p.shape) {
    case 'verb':
      return p.present ? `I ${p.text}.` : `I then ${p.text}.`;
    case 'gerund':
      return `I then returned to structured work by ${p.text}.`;
    case 'noun':
      return `I then moved on to ${withArticle(p.text)}.`;
    case 'sentence':
      return capitalizeFirst(p.sentences[0] ?? '');
  }
}
