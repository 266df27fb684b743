import { capitalizeFirst, cleanText, joinList, lowerFirstIfSafe, splitSentences, stripEnd } from './prose.js';

/**
 * What grammatical shape a member's answer has, so a draft can fit it into its own sentence:
 * - `verb`: a phrase that follows "I" ("completed a SQL course", or "I completed..." with the I removed),
 * - `gerund`: "volunteering at a free clinic",
 * - `noun`: "an online course in health data analytics",
 * - `sentence`: a full sentence with its own subject ("My visa took 14 months."), or several.
 */
export type Shape = 'verb' | 'gerund' | 'noun' | 'sentence';

export interface Phrase {
  shape: Shape;
  /** Ready to embed: no final punctuation, first letter lowered when that is safe. */
  text: string;
  /** The member's text as one or more proper sentences (for `sentence`, and as a fallback). */
  sentences: string[];
  /** The member typed the first letter in lower case, so lowering it again after a lead is safe. */
  startsLower: boolean;
  /** A verb phrase in the present ("am currently an observer"): it takes no "after that" lead. */
  present?: boolean;
}

const IRREGULAR_PAST = new Set(
  `was were had did took made got went came became began kept led left lost met paid put read ran sat saw
  sent set spent spoke stood taught thought told understood won wrote built brought bought caught chose drew
  drove fell felt fought found gave grew heard held hurt knew laid learnt lent let rode rose said sold shot
  showed shut slept sought split struck swam took tore threw woke wore withdrew undertook overcame oversaw
  retook rewrote rebuilt redid resat`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words ending in -ed that are not past-tense verbs at the start of a phrase. */
const ED_NOT_VERB = new Set(
  `need seed bed red shed speed feed hundred sacred naked wicked based limited related advanced supervised
  structured unpaid automated integrated unmatched guided detailed dedicated skilled varied mixed combined
  extended accelerated blended self-paced self-directed focused`
    .split(/\s+/)
    .filter(Boolean),
);

/** Participles that describe a state the member reached: "certified in Epic" reads as "was certified in Epic". */
const STATE_PARTICIPLES = new Set(
  'certified licensed registered trained qualified accepted selected hired promoted employed enrolled admitted matched invited appointed awarded'.split(
    ' ',
  ),
);

/** "accepted into", "certified in", "hired as": a state; "accepted the warning" is an action. */
const STATE_FOLLOWERS = new Set('in into for to as at by on with'.split(' '));

const NOT_GERUND = new Set(
  'during nothing something anything everything morning evening spring string thing king ring bring sing swing sibling ceiling pudding wedding'.split(
    ' ',
  ),
);

/** Base-form verbs members start a line with ("Volunteer at a clinic"), and their past tense. */
const BASE_TO_PAST: Record<string, string> = {
  volunteer: 'volunteered',
  work: 'worked',
  study: 'studied',
  complete: 'completed',
  finish: 'finished',
  take: 'took',
  learn: 'learned',
  attend: 'attended',
  join: 'joined',
  shadow: 'shadowed',
  teach: 'taught',
  tutor: 'tutored',
  help: 'helped',
  build: 'built',
  write: 'wrote',
  do: 'did',
  run: 'ran',
  lead: 'led',
  publish: 'published',
  assist: 'assisted',
  map: 'mapped',
  develop: 'developed',
  create: 'created',
  design: 'designed',
  manage: 'managed',
  organize: 'organized',
  organise: 'organised',
  coordinate: 'coordinated',
  prepare: 'prepared',
  analyze: 'analyzed',
  analyse: 'analysed',
  collect: 'collected',
  earn: 'earned',
  pass: 'passed',
  start: 'started',
  begin: 'began',
  switch: 'switched',
  use: 'used',
  practice: 'practiced',
  practise: 'practised',
  seek: 'sought',
  get: 'got',
  keep: 'kept',
  set: 'set',
  spend: 'spent',
  support: 'supported',
  improve: 'improved',
  apply: 'applied',
  accept: 'accepted',
  meet: 'met',
  maintain: 'maintained',
  schedule: 'scheduled',
  care: 'cared',
  present: 'presented',
  review: 'reviewed',
  audit: 'audited',
  research: 'researched',
  serve: 'served',
  translate: 'translated',
};

/** Words after which an ambiguous base word is a verb: "volunteer at", "review the", "tutor two students". */
const VERB_FOLLOWERS = new Set(
  `at in on for with as a an the my our two three four five six several some many weekly daily full part
  under alongside remotely online every each to from through into over`
    .split(/\s+/)
    .filter(Boolean),
);
/** Base words that are nouns at least as often as verbs; they need a follower above to count as verbs. */
const AMBIGUOUS_BASE = new Set(
  'volunteer work study help review audit research present care support map use practice practise set schedule pass start switch tutor shadow run lead'.split(
    ' ',
  ),
);

const SUBJECTS = new Set(
  'we he she they it there this that these those my our his her their the a an its one both each'.split(' '),
);
const AUX = new Set(
  `was were is are am had has have did does do will would could can should might must took became got went
  came made kept began lasted meant left lost delayed required needed prevented stopped ended started
  took brought gave forced moved caused`
    .split(/\s+/)
    .filter(Boolean),
);
/** Words before a verb that mark a relative or subordinate clause, not the main verb. */
const CLAUSE_MARKERS = new Set('that which who whom whose i we he she they you to a an the my our his her their its'.split(' '));

function words(text: string): string[] {
  return text.split(/\s+/).map((w) => w.toLowerCase().replace(/^[("'“‘]+|[)"'”’.,;:!?]+$/g, ''));
}

function isPastVerb(w: string): boolean {
  if (IRREGULAR_PAST.has(w)) return true;
  return /^[a-z-]{2,}ed$/.test(w) && !ED_NOT_VERB.has(w);
}

function isGerund(w: string): boolean {
  return /^[a-z-]{2,}ing$/.test(w) && !NOT_GERUND.has(w);
}

function baseVerbPast(ws: string[]): string | undefined {
  const [first = '', next = ''] = ws;
  const past = Object.hasOwn(BASE_TO_PAST, first) ? BASE_TO_PAST[first] : undefined;
  if (!past) return undefined;
  if (AMBIGUOUS_BASE.has(first) && !VERB_FOLLOWERS.has(next)) return undefined;
  if (next === 'of') return undefined;
  return past;
}

/**
 * A main verb after the first word, so "My visa was delayed" is a sentence while "The EHR rollout
 * I supported" and "a health issue, now resolved" are not.
 */
function hasMainVerb(ws: string[], raw: string[]): boolean {
  // After an opening like "During my internship", "I received" is the main clause, not a relative one.
  const opener = INTRO_WORDS.has(ws[0] ?? '');
  let afterComma = false;
  // Verbs after "before", "after", "that" and the like belong to a subordinate clause.
  const cut = ws.findIndex((w, i) => i > 0 && SUBORDINATORS.has(w));
  const end = cut < 0 ? ws.length : cut;
  for (let i = 1; i < end; i++) {
    const w = ws[i] ?? '';
    if (/,$/.test(raw[i - 1] ?? '')) afterComma = !opener;
    const prev = ws[i - 1] ?? '';
    // "No excuses, I was underprepared": a pronoun right after a comma starts the main clause.
    const mainPronoun = PRONOUNS.has(prev) && (opener || /,$/.test(raw[i - 2] ?? ''));
    if (mainPronoun) afterComma = false;
    if (CLAUSE_MARKERS.has(prev) && !mainPronoun) continue;
    if (AUX.has(w)) return true;
    // "-ed" before a noun is an adjective ("timed practice exams"); a verb is followed by its object or nothing.
    const next = ws[i + 1];
    if (isPastVerb(w) && !afterComma && (next === undefined || VERB_NEXT.has(next) || /^\d/.test(next))) return true;
  }
  return false;
}

const INTRO_WORDS = new Set(
  'during in after while when as at before since because although following on over from between last throughout'.split(' '),
);
const PRONOUNS = new Set(['i', 'we', 'he', 'she', 'they']);
const SUBORDINATORS = new Set(
  'before after while when because since until unless if although though whereas that which who whom whose where'.split(' '),
);

/** Words that typically follow a verb (an object's determiner, a preposition, an adverb), not an adjective. */
const VERB_NEXT = new Set(
  `my our his her their your its me us him them it the a an this that these those to for by in on at with from until
  after before because and so longer more over up out down back about through during several some all every each
  two three four five six seven eight nine ten twice once again`
    .split(/\s+/)
    .filter(Boolean),
);

function replaceFirstWord(text: string, word: string): string {
  return text.replace(/^\S+/, word);
}

/** Reads the shape of one answer. Several sentences always stay sentences. */
export function analyse(raw: string): Phrase {
  const cleaned = cleanText(raw);
  const shaped = { ...shapeOf(cleaned), startsLower: /^\p{Ll}/u.test(cleaned) };
  // "agreed a schedule; took a course" is a list the member separated with semicolons: join it as prose.
  if (shaped.shape !== 'sentence' && shaped.text.includes(';')) {
    const items = shaped.text.split(/\s*;\s*/).filter(Boolean);
    const rest = items.slice(1).map((i) => {
      const p = shapeOf(i);
      return p.shape === 'verb' || p.shape === 'gerund' ? p.text : lowerFirstIfSafe(i);
    });
    return { ...shaped, text: joinList([items[0] ?? '', ...rest]) };
  }
  return shaped;
}

const PRESENT_ADVERBS = new Set(['currently', 'now', 'presently', 'still']);

/** "-ing" words that name a thing more often than an action: "coaching with a mentor", "training in SQL". */
const NOUNISH_ING = new Set(
  'coaching training counseling counselling mentoring onboarding meeting meetings learning funding housing nursing testing screening'.split(
    ' ',
  ),
);
const NOUN_PREPS = new Set('in on for with from about at during through by of and'.split(' '));

export function isPresentVerb(vp: string): boolean {
  const first = vp.split(/\s+/)[0]?.toLowerCase() ?? '';
  if (first === 'am' || PRESENT_ADVERBS.has(first)) return true;
  return Object.hasOwn(BASE_TO_PAST, first) && BASE_TO_PAST[first] !== first && !IRREGULAR_PAST.has(first);
}

function shapeOf(cleaned: string): Omit<Phrase, 'startsLower'> {
  const sentences = splitSentences(cleaned).map((s) => {
    const body = capitalizeFirst(s.replace(/[;:,]+$/, ''));
    return /[.!?]["'”’)]*$/.test(body) ? body : `${body}.`;
  });
  const body = stripEnd(cleaned);
  if (sentences.length > 1) return { shape: 'sentence', text: body, sentences };
  const ws = words(body);
  const [first = '', second = ''] = ws;

  if (first === 'i' && ws.length > 1) {
    // "I completed a course" -> "completed a course": the draft supplies its own "I".
    const rest = body.replace(/^\S+\s+/, '');
    return { shape: 'verb', text: lowerFirstIfSafe(rest, true), sentences, present: isPresentVerb(rest) };
  }
  if (first === "i'm" || first === 'i’m') {
    return { shape: 'verb', text: `am ${body.replace(/^\S+\s+/, '')}`, sentences, present: true };
  }
  if (PRESENT_ADVERBS.has(first) && ws.length > 1 && !isPastVerb(second)) {
    // "currently doing an observership" -> "am currently doing an observership".
    return { shape: 'verb', text: `am ${lowerFirstIfSafe(body, true)}`, sentences, present: true };
  }
  if (['have', 'has', 'had', 'was', 'am'].includes(first) && ws.length > 1) {
    // "have kept a clean record": a verb phrase missing its "I".
    const text = first === 'has' ? replaceFirstWord(body, 'have') : lowerFirstIfSafe(body, true);
    return { shape: 'verb', text, sentences, present: first === 'am' };
  }
  if (STATE_PARTICIPLES.has(first) && (second === '' || STATE_FOLLOWERS.has(second))) {
    return { shape: 'verb', text: `was ${lowerFirstIfSafe(body, true)}`, sentences };
  }
  if (isPastVerb(first)) return { shape: 'verb', text: lowerFirstIfSafe(body, true), sentences };
  const past = baseVerbPast(ws);
  if (past) return { shape: 'verb', text: replaceFirstWord(body, past), sentences };
  const nounish = NOUNISH_ING.has(first) && (ws.length === 1 || NOUN_PREPS.has(second));
  if (isGerund(first) && second !== 'of' && !nounish) return { shape: 'gerund', text: lowerFirstIfSafe(body, true), sentences };
  if (hasMainVerb(ws, body.split(/\s+/)) && (SUBJECTS.has(first) || ws.length > 2))
    return { shape: 'sentence', text: body, sentences };
  return { shape: 'noun', text: lowerFirstIfSafe(body), sentences };
}

const PARTICIPLES: Record<string, string> = {
  took: 'taken',
  did: 'done',
  went: 'gone',
  wrote: 'written',
  began: 'begun',
  became: 'become',
  gave: 'given',
  got: 'gotten',
  ran: 'run',
  grew: 'grown',
  knew: 'known',
  saw: 'seen',
  spoke: 'spoken',
  chose: 'chosen',
  drove: 'driven',
  rode: 'ridden',
  rose: 'risen',
  swam: 'swum',
  threw: 'thrown',
  tore: 'torn',
  wore: 'worn',
  woke: 'woken',
  was: 'been',
  fell: 'fallen',
  drew: 'drawn',
  undertook: 'undertaken',
  overcame: 'overcome',
  oversaw: 'overseen',
  retook: 'retaken',
  rewrote: 'rewritten',
  redid: 'redone',
  withdrew: 'withdrawn',
  showed: 'shown',
  am: 'been',
};

/**
 * A past verb phrase in the present perfect, for "Since then, I have ...": "kept a clean record"
 * becomes "have kept a clean record", "took two rotations" "have taken two rotations".
 */
export function presentPerfect(vp: string, opts: { since?: boolean } = {}): string {
  const have = opts.since ? 'have since' : 'have';
  const [first = '', ...rest] = vp.split(' ');
  if (first === 'have' || first === 'had') return [have, ...rest].join(' ');
  const participle = PARTICIPLES[first.toLowerCase()] ?? first;
  return [have, participle, ...rest].join(' ');
}

const DETERMINERS = new Set(
  `a an the my our his her their its this that these those some several many most all each every both no any
  one two three four five six seven eight nine ten another more less much few`
    .split(/\s+/)
    .filter(Boolean),
);
const MASS = new Set(
  `work research experience training volunteering coursework study self-study data analytics informatics teaching
  tutoring learning education practice reading preparation prep employment shadowing care caregiving support
  programming coding english python sql help time writing analysis abstraction documentation quality improvement
  management outreach translation service feedback mentorship guidance coaching counseling counselling therapy
  responsibility accountability recall review revision probation leave`
    .split(/\s+/)
    .filter(Boolean),
);
const HEAD_STOPS = new Set(
  'in at on for with of as during about from to and while under through via using by including including, or'.split(' '),
);
const AN_LETTERS = new Set(['A', 'E', 'F', 'H', 'I', 'L', 'M', 'N', 'O', 'R', 'S', 'X']);

function indefiniteArticle(word: string): 'a' | 'an' {
  if (/^[A-Z]{2,}/.test(word)) return AN_LETTERS.has(word.charAt(0)) ? 'an' : 'a';
  const w = word.toLowerCase();
  if (/^(hour|honest|honou?r|heir)/.test(w)) return 'an';
  if (/^(uni|use|usu|ure|uro|uti|one|once|eu)/.test(w)) return 'a';
  return /^[aeiou]/.test(w) ? 'an' : 'a';
}

/**
 * Adds "a" or "an" to a singular noun phrase that needs one ("part-time scribe job" becomes
 * "a part-time scribe job"); plural, mass and already-determined phrases stay as they are.
 */
export function withArticle(np: string): string {
  const ws = np.split(/\s+/);
  const first = (ws[0] ?? '').toLowerCase().replace(/[^a-z0-9-]/g, '');
  if (!first || DETERMINERS.has(first) || /^\d/.test(first)) return np;
  const headWords: string[] = [];
  for (const [i, w] of ws.entries()) {
    const lw = w.toLowerCase();
    if (HEAD_STOPS.has(lw) || (i > 0 && (DETERMINERS.has(lw) || /^\d/.test(lw)))) break;
    headWords.push(w);
  }
  const head = (headWords[headWords.length - 1] ?? '').replace(/[^A-Za-z-]/g, '');
  const lower = head.toLowerCase();
  if (!head || MASS.has(lower)) return np;
  if (/^[A-Z][a-z]+$/.test(ws[0] ?? '') && headWords.length === 1) return np;
  if (/s$/.test(lower) && !/(ss|us|is)$/.test(lower)) return np;
  if (/^[A-Z]+s$/.test(head)) return np;
  // "birth of my second child" is one particular thing: "the birth of my second child".
  const after = ws.slice(headWords.length, headWords.length + 2).map((w) => w.toLowerCase());
  if (after[0] === 'of' && /^(my|our|his|her|their)$/.test(after[1] ?? '')) return `the ${np}`;
  return `${indefiniteArticle(ws[0] ?? '')} ${np}`;
}

/** How each shape fits one slot of a draft; every slot gives all four so nothing comes out broken. */
export interface Frame {
  verb(vp: string): string;
  gerund(g: string): string;
  noun(np: string): string;
  /** Receives the member's sentences (already capitalized and closed). */
  sentence(sentences: string[]): string;
}

export function fit(p: Phrase, frame: Frame): string {
  switch (p.shape) {
    case 'verb':
      return frame.verb(p.text);
    case 'gerund':
      return frame.gerund(p.text);
    case 'noun':
      return frame.noun(p.text);
    case 'sentence':
      return frame.sentence(p.sentences);
  }
}

/** The first sentence lowered for the middle of a sentence: forced when the member typed it that way, else only if safe. */
function lowered(p: Phrase, sentence: string): string {
  if (/^I\b/.test(sentence)) return sentence;
  return p.startsLower ? sentence.charAt(0).toLowerCase() + sentence.slice(1) : lowerFirstIfSafe(sentence);
}

/** The member's first sentence as a clause, ready to follow "and looking back, ". */
export function asClause(p: Phrase): string {
  return lowered(p, stripEnd(p.sentences[0] ?? ''));
}

/**
 * The member's sentences after a lead such as "After that": "After that, my observership began."
 * A first word that must keep its capital (a name) means the lead is left out.
 */
export function afterLead(lead: string, p: Phrase): string[] {
  const [first = '', ...rest] = p.sentences;
  if (!lead) return p.sentences;
  const low = lowered(p, first);
  return low !== first || /^I\b/.test(first) ? [`${lead}, ${low}`, ...rest] : p.sentences;
}
