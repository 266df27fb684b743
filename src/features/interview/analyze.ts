import { normalizeForCues } from './cues.js';
import { type Fillers, findFillers } from './fillers.js';
import { readStar, type Star } from './star.js';
import { countWords, NUMBER_RE, splitSentences, tokenize } from './text.js';

/**
 * Feedback on one typed interview answer, as observations: length, STAR coverage, the informatics
 * angle, specifics, filler words, talking points and most-used words. Pure and fast (well under a
 * millisecond for a two-minute answer), so it runs on every turn and in scripts.
 */

export interface AnalyzableQuestion {
  id?: string;
  text: string;
  /** Whether a Situation-Task-Action-Result story is the expected shape. */
  star: boolean;
  /** A short factual answer is right (visa questions): no advice to lengthen it or add an informatics angle. */
  brief?: boolean;
  points: { label: string; re: RegExp }[];
}

export type LengthVerdict = 'short' | 'ok' | 'long';

export interface Analysis {
  words: number;
  /** At 140 words a minute, the middle of a calm interview pace (130-150). */
  estimatedSeconds: number;
  /** The same at 150 (fast) and 130 (slow) words a minute. */
  secondsRange: [number, number];
  length: LengthVerdict;
  starApplies: boolean;
  /** The question wants a short factual answer; the length verdict is still against 1-2 minutes. */
  brief: boolean;
  star: Star;
  quantifiedResult: boolean;
  informaticsAngle: boolean;
  /** Which of workflow, data, systems, EHR / health IT, decision support, safety, quality it touched. */
  angleTopics: string[];
  specifics: { numbers: string[]; tools: string[]; outcomes: number };
  fillers: Fillers;
  /** Fillers per 100 words, one decimal. */
  fillerRate: number;
  points: { covered: string[]; missed: string[] };
  /** Indices of the covered talking points, for comparing attempts. */
  coveredIndex: number[];
  topWords: { word: string; count: number }[];
  tips: string[];
}

export const PACE = { slow: 130, mid: 140, fast: 150 } as const;
export const TARGET_SECONDS = { min: 60, max: 120 } as const;
/** Under a minute even spoken slowly / over two minutes even spoken fast. */
export const SHORT_BELOW_WORDS = (TARGET_SECONDS.min / 60) * PACE.slow;
export const LONG_ABOVE_WORDS = (TARGET_SECONDS.max / 60) * PACE.fast;

export function lengthVerdict(words: number): LengthVerdict {
  if (words < SHORT_BELOW_WORDS) return 'short';
  if (words > LONG_ABOVE_WORDS) return 'long';
  return 'ok';
}

const ANGLES: [topic: string, re: RegExp][] = [
  ['workflow', /\bwork ?flows?\b|\bhand-?offs?\b|\bprocess (?:map|design|change)/],
  [
    'data',
    /\bdata\b|\bdata ?sets?\b|\bdatabases?\b|\banalytics\b|\bspreadsheets?\b|\bexcel\b|\bdashboards?\b|\bregistr(?:y|ies)\b|\bsql\b|\bpython\b|\baudit(?:s|ed|ing)?\b|\bmetrics?\b/,
  ],
  [
    'systems',
    /(?<!\b(?:health|healthcare|health-care|medical|immune|nervous|school|education|educational|legal|visa|political|support|solar|justice|belief|value) )\bsystems?\b/,
  ],
  [
    'EHR and health IT',
    /\behrs?\b|\bemrs?\b|electronic (?:health |medical |patient )?records?|\bepic\b|\bcerner\b|\bmeditech\b|\bhealth it\b|\bit (?:team|staff|people|department|analysts?)\b|\btele(?:medicine|health)\b|\bpatient portals?\b|\bdigital\b|\bcpoe\b|\border entry\b|\bcomputeri[sz]ed\b|\binteroperab\w*|\bhl7\b|\bfhir\b|\bsnomed\b|\bloinc\b|\brxnorm\b|\btemplates?\b|\bdocumentation\b|\bvendors?\b|\bgo-live\b/,
  ],
  ['decision support', /decision support|\bcds\b|\balerts?\b|\border sets?\b|\breminders?\b|\bhard stops?\b|\bnotifications?\b/],
  [
    'safety',
    /\bsafety\b|\bsafer\b|\bnear[- ]miss(?:es)?\b|\bincident reports?\b|\bwrong[- ]patient\b|\bmedication errors?\b|\bchecklists?\b|\bidentifiers?\b/,
  ],
  ['quality', /\bquality\b|\bqi\b|\bpdsa\b/],
];

const TOOLS: [name: string, re: RegExp][] = [
  ['Epic', /\bEpic\b/],
  ['Cerner', /\bcerner\b/i],
  ['Oracle Health', /\boracle health\b/i],
  ['Meditech', /\bmeditech\b/i],
  ['Allscripts', /\ballscripts\b/i],
  ['athenahealth', /\bathena(?:health)?\b/i],
  ['eClinicalWorks', /\beclinicalworks\b/i],
  ['OpenMRS', /\bopenmrs\b/i],
  ['DHIS2', /\bdhis ?2\b/i],
  ['REDCap', /\bredcap\b/i],
  ['Excel', /\bexcel\b/i],
  ['Google Sheets', /\bgoogle sheets\b/i],
  ['SQL', /\bsql\b/i],
  ['Python', /\bpython\b/i],
  ['Tableau', /\btableau\b/i],
  ['Power BI', /\bpower ?bi\b/i],
  ['SPSS', /\bspss\b/i],
  ['Stata', /\bstata\b/i],
  ['FHIR', /\bfhir\b/i],
  ['HL7', /\bhl7\b/i],
  ['SNOMED CT', /\bsnomed(?: ct)?\b/i],
  ['LOINC', /\bloinc\b/i],
  ['RxNorm', /\brxnorm\b/i],
  ['ICD', /\bicd(?:-?\d+)?\b/i],
  ['CPT', /\bCPT\b/],
  ['Lean / Six Sigma', /\b(?:lean|six sigma)\b(?= (?:method|methods|approach|project|training|certification))/i],
];

const STOP = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being below between both but by
can cannot could couldn't did didn't do does doesn't doing don't down during each even ever every few first for from further get got
had hadn't has hasn't have haven't having he he'd he's her here hers herself him himself his how i i'd i'll i'm i've if in into is isn't
it it's its itself just let's lot lots made make many me more most much must my myself no nor not now of off on once one only or other
our ours ourselves out over own really same she she'd she's should shouldn't so some such than that that's the their theirs them
themselves then there there's these they they'd they're they've thing things this those through to too two under until up upon us
very was wasn't way we we'd we're we've well were weren't what what's when where which while who whom why will with won't would
wouldn't yes yet you you'd you're you've your yours yourself also okay ok like know think guess mean kind sort um uh basically
literally maybe able back went go going come came said say says see saw want wanted still always never really something anything
everything every time times day days year years ones sure`.split(/\s+/),
);

function topWords(tokens: readonly string[]): { word: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const t of tokens) {
    if (t.length < 3 || STOP.has(t) || !/^[a-z][a-z'-]*$/.test(t)) continue;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  // "result" and "results" are one word to a listener.
  for (const [w, n] of counts) {
    const singular = w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : undefined;
    if (singular && counts.has(singular)) {
      counts.set(singular, (counts.get(singular) ?? 0) + n);
      counts.delete(w);
    }
  }
  return [...counts]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([word, count]) => ({ word, count }));
}

function distinctNumbers(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(NUMBER_RE)) {
    seen.add(m[0]);
    if (seen.size >= 8) break;
  }
  return [...seen];
}

const STAR_ADVICE: Record<keyof Star, string> = {
  result:
    'Finish with the Result: what changed because of what you did, ideally with a number (errors per month before and after, minutes saved, how many patients).',
  action: 'Add the Action: say what you yourself did, step by step, in the first person ("I mapped...", "I proposed...").',
  situation: 'Open with one sentence of Situation: where and when this happened, and what was going wrong.',
  task: 'Add one sentence of Task: what you were responsible for, or the goal you set yourself.',
};
const STAR_ORDER: (keyof Star)[] = ['result', 'action', 'situation', 'task'];

function nextSteps(a: Omit<Analysis, 'tips'>): string[] {
  const tips: string[] = [];
  if (a.words < 25)
    tips.push(`Say more: a full answer runs about ${SHORT_BELOW_WORDS}-${LONG_ABOVE_WORDS} words, one to two minutes spoken.`);
  if (a.starApplies) {
    const missing = STAR_ORDER.find((k) => !a.star[k]);
    if (missing) tips.push(STAR_ADVICE[missing]);
    else if (!a.quantifiedResult) {
      tips.push(
        'Put a number on your Result: how many, how much faster, how often before and after. A measured result counts most.',
      );
    }
  }
  if (a.length === 'long') {
    tips.push(`Trim to under two minutes (about ${LONG_ABOVE_WORDS} words): keep one example and cut the background.`);
  }
  const missedPoint = a.points.missed[0];
  if (a.length === 'short' && a.words >= 25 && !a.brief) {
    tips.push(
      `Build it up to at least a minute (${SHORT_BELOW_WORDS}+ words)${missedPoint ? ` by covering ${missedPoint}` : ' with one concrete example'}.`,
    );
  }
  if (!a.informaticsAngle && !a.brief) {
    tips.push(
      'Add one sentence that ties this to workflow, data, systems, the EHR or patient safety: that is the informatics angle.',
    );
  }
  const [topFiller, topCount] = Object.entries(a.fillers.words).sort((x, y) => y[1] - x[1])[0] ?? [];
  // A couple of fillers in a long answer is normal speech; the advice starts when they add up.
  if (topFiller && a.fillers.count >= 3 && a.fillerRate >= 1.5) {
    tips.push(`Say it once more aloud without "${topFiller}" (${topCount}×): pause silently instead.`);
  }
  if (missedPoint) tips.push(`Cover ${missedPoint}: strong answers to this question include it.`);
  if (!a.specifics.numbers.length && !a.specifics.tools.length) {
    tips.push('Add one specific: a number, a named tool or a concrete outcome.');
  }
  if (!tips.length) tips.push('Say this answer aloud and time it: it reads well, so practise delivering it at the same length.');
  return tips;
}

export function analyzeAnswer(answer: string, question: AnalyzableQuestion): Analysis {
  const normalized = normalizeForCues(answer);
  const sentences = answer.split(/\n+/).flatMap((line) => splitSentences(normalizeForCues(line)));
  const tokens = tokenize(normalized);
  const words = countWords(answer);
  const reading = readStar(sentences);
  const fillers = findFillers(tokens);
  const angleTopics = ANGLES.filter(([, re]) => re.test(normalized)).map(([topic]) => topic);
  const coveredIndex: number[] = [];
  question.points.forEach((p, i) => {
    if (p.re.test(normalized)) coveredIndex.push(i);
  });
  const partial: Omit<Analysis, 'tips'> = {
    words,
    estimatedSeconds: Math.round((words / PACE.mid) * 60),
    secondsRange: [Math.round((words / PACE.fast) * 60), Math.round((words / PACE.slow) * 60)],
    length: lengthVerdict(words),
    starApplies: question.star,
    brief: question.brief === true,
    star: { situation: reading.situation, task: reading.task, action: reading.action, result: reading.result },
    quantifiedResult: reading.quantifiedResult,
    informaticsAngle: angleTopics.length > 0,
    angleTopics,
    specifics: {
      numbers: distinctNumbers(normalized),
      tools: TOOLS.filter(([, re]) => re.test(answer)).map(([name]) => name),
      outcomes: reading.quantifiedOutcomes,
    },
    fillers,
    fillerRate: words ? Math.round((fillers.count / words) * 1000) / 10 : 0,
    points: {
      covered: coveredIndex.map((i) => question.points[i]?.label ?? ''),
      missed: question.points.filter((_, i) => !coveredIndex.includes(i)).map((p) => p.label),
    },
    coveredIndex,
    topWords: topWords(tokens),
  };
  return { ...partial, tips: nextSteps(partial) };
}
