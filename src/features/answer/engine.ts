import MiniSearch, { type Options, type Query, type SearchResult } from 'minisearch';
import type { Guide } from '../../content/guide.js';
import type { Area, Section } from '../../content/schema.js';
import { choosePassages, leadPassage, makeRoom, passageScore } from './choose.js';
import { AMOUNT, type Passage, splitSection } from './passages.js';
import {
  ASKS_AMOUNT,
  CENSUS,
  COMPARISON,
  COUNT_WORDS,
  DATE_WORDS,
  FOLLOW_UP_CUE,
  LISTY,
  MEASURE,
  NOT_A_QUESTION,
  PLACES,
  POINTS_BACK,
  piecesOf,
  RULE_TERMS,
  RULE_WORDS,
  TIME_TERMS,
  TIME_UNIT,
  VERDICT,
  WANTS_DATE,
  WANTS_NUMBER,
  WANTS_PRODUCT,
  WANTS_RULES,
  WH_QUESTION,
  withoutTerms,
} from './question.js';
import { compileFolding, dropPadding, type Folding, STOP_WORDS, stem, termsOfWords, words } from './text.js';
import { TUNING } from './tuning.js';

export interface Match {
  section: Section;
  score: number;
  /** Weighted share of the question's terms this section matched (0-1). */
  coverage: number;
}

/**
 * answer: quoted passages. did-you-mean: one topic stands out but covers too little of the
 * question to answer it. decline: the guide does not cover it. not-a-question: a command or menu
 * word ("quit", "2"), which never gets a guide answer.
 */
export type Outcome = 'answer' | 'did-you-mean' | 'decline' | 'not-a-question';

/** What a follow-up is read with: the previous question's topic (sections and key terms), never its words. */
export interface Topic {
  sections: string[];
  terms: string[];
}

export interface Answer {
  answered: boolean;
  outcome: Outcome;
  /** Sections quoted, best first: the sources. */
  matches: Match[];
  /** Passages quoted, in the order to show them: the direct answer first. */
  passages: Passage[];
  /** Parts of a multi-part question the guide does not cover (shown back to the member, never stored). */
  uncovered: string[];
  /** When not answered: the nearest topics the guide does cover. */
  suggestions: Section[];
  /** When not answered: how near they came (for measuring the engine, never shown). */
  nearest?: Match[];
  /** The question's meaningful terms, sorted: what gets recorded for advisors (never the text). */
  normalized: string;
  /** The topic of this answer, for reading a follow-up in the same conversation. */
  topic?: Topic;
  /** The question was read as a follow-up of the previous one. */
  followUp: boolean;
}

export interface SerializedIndex {
  /**
   * MiniSearch's index as its JSON text, or what reads it (undefined: it cannot, and the index is
   * built again from the guide); used only when a question needs typo or prefix search.
   */
  index: string | (() => string | undefined);
  /** Each indexed term's sections and BM25 scores, flattened: [section, score, section, score, ...]. */
  postings: Record<string, number[]>;
  passages: Passage[];
}

/** A section the question's terms found: its score and which of the terms it matched. */
interface Hit {
  doc: number;
  score: number;
  queryTerms: string[];
}

export interface AskOptions {
  /** Only sections this accepts may answer (e.g. the visa scope of `/visa`). */
  scope?: (section: Section) => boolean;
  /** The previous question's topic in this conversation, if it is still fresh. */
  context?: Topic;
}

/** Typo tolerance (one edit) and prefix matching start at these word lengths. */
export const SEARCH = { fuzzyFrom: 5, prefixFrom: 4 };
/** How many of the search's best sections are weighed again for the answer. */
const RERANK_DEPTH = 20;

export const SEARCH_BOOSTS = { title: 3, aliases: 3, keywords: 2.5, questions: 2, summary: 1.5, text: 0.7 };

interface Doc {
  id: string;
  title: string;
  aliases: string;
  keywords: string;
  questions: string;
  summary: string;
  text: string;
  area: Area;
}

/** The guide's sections as MiniSearch documents. */
function documentsOf(guide: Guide): Doc[] {
  return guide.sections.map((s) => ({
    id: s.id,
    title: s.title,
    aliases: s.aliases.join(' ; '),
    keywords: s.keywords.join(' ; '),
    questions: s.questions.join(' ; '),
    summary: s.summary,
    text: s.text,
    area: s.area,
  }));
}

/** The items of a group of alternatives (each as its terms) whose every term is among `terms`. */
const namedIn = (group: string[][], terms: Set<string>) => group.filter((item) => item.every((t) => terms.has(t)));

function indexOf(docs: Doc[], options: Options<Doc>): MiniSearch<Doc> {
  const index = new MiniSearch<Doc>(options);
  index.addAll(docs);
  return index;
}

/** The answer engine: one MiniSearch index over the guide's sections, and the guide cut into passages. */
export class AnswerEngine {
  readonly folding: Folding;
  private readonly indexOptions: Options<Doc>;
  /** Made from `indexJson` on first use (see `index`). */
  private miniSearch?: MiniSearch<Doc>;
  private readonly indexJson?: SerializedIndex['index'];
  private readonly byId: Map<string, Section>;
  private readonly position: Map<string, number>;
  private readonly specifics: Set<string>;
  /** The guide's groups of alternatives (content/synonyms.yaml), each item as its terms. */
  private readonly alternatives: string[][][];
  /** Each section's unstemmed words, made when first needed: a specific must appear as written. */
  private readonly wordsOf = new Map<string, Set<string>>();
  /** Each section's title terms, made when first needed: a compared item's own section names it there. */
  private readonly titleTermsOf = new Map<string, Set<string>>();
  /**
   * Every indexed term's sections and BM25 scores, made once with the index: a question's term the
   * guide uses is a table lookup, not a search (typo search, the costly part, is only for the rest).
   */
  private readonly postings: Record<string, number[]>;
  readonly passages: Passage[];
  /** Passages of each section, by its position in the guide. */
  private readonly passagesOf: Passage[][];
  /** Each section's member questions as term sets, by position: the nearest one breaks ties. */
  private readonly questionTerms: Set<string>[][];

  /** `serialized`: what `serialize()` made, to skip indexing (see cache.ts). */
  constructor(
    readonly guide: Guide,
    serialized?: SerializedIndex,
  ) {
    this.folding = compileFolding(guide.synonyms);
    this.byId = guide.byId;
    this.position = new Map(guide.sections.map((s, i) => [s.id, i]));
    this.specifics = new Set(guide.specifics.map((w) => w.toLowerCase()));
    const folding = this.folding;
    this.alternatives = guide.alternatives.map((g) => g.map((item) => [...new Set(termsOfWords(words(item, folding)))]));
    const options = {
      fields: ['title', 'aliases', 'keywords', 'questions', 'summary', 'text'],
      storeFields: ['area'],
      tokenize: (text: string) => words(text, folding),
      processTerm: (term: string) => (STOP_WORDS.has(term) || (term.length < 2 && !/\d/.test(term)) ? null : stem(term)),
      searchOptions: {
        boost: SEARCH_BOOSTS,
        fuzzy: (term: string) => (term.length >= SEARCH.fuzzyFrom ? 0.2 : false),
        maxFuzzy: 1,
        prefix: (term: string) => term.length >= SEARCH.prefixFrom,
        combineWith: 'OR' as const,
      },
    };
    this.indexOptions = options;
    if (serialized) {
      this.indexJson = serialized.index;
      this.postings = serialized.postings;
      this.passages = serialized.passages;
    } else {
      const docs = documentsOf(guide);
      this.miniSearch = indexOf(docs, options);
      const vocabulary = new Set(
        docs.flatMap((d) =>
          [d.title, d.aliases, d.keywords, d.questions, d.summary, d.text].flatMap((f) =>
            words(f, folding).flatMap((w) => options.processTerm(w) ?? []),
          ),
        ),
      );
      // MiniSearch's own scores for each term alone, so a query sums them exactly as its OR would.
      this.postings = Object.create(null) as Record<string, number[]>;
      for (const t of vocabulary) {
        const found = this.miniSearch.search(t, { tokenize: (x) => [x], processTerm: (x) => x, fuzzy: false, prefix: false });
        const list: number[] = [];
        for (const r of found) {
          const doc = this.position.get(String(r.id));
          if (doc !== undefined) list.push(doc, r.score);
        }
        this.postings[t] = list;
      }
      this.passages = guide.sections.flatMap((s, i) => splitSection(s, i, folding));
    }
    this.passagesOf = guide.sections.map(() => []);
    this.questionTerms = guide.sections.map((s) => s.questions.map((q) => new Set(termsOfWords(words(q, folding)))));
    for (const p of this.passages) this.passagesOf[p.section]?.push(p);
  }

  /**
   * MiniSearch's index, which only typo and prefix search need (every term the guide uses is in
   * `postings`). From the cache it is parsed on the first such question: a one-shot run that needs
   * none skips it, and so does the start-up snapshot's heap, where its thousands of small maps
   * would cost every run time to restore.
   */
  get index(): MiniSearch<Doc> {
    if (!this.miniSearch) {
      const json = typeof this.indexJson === 'function' ? this.indexJson() : this.indexJson;
      this.miniSearch = json
        ? MiniSearch.loadJSON<Doc>(json, this.indexOptions)
        : indexOf(documentsOf(this.guide), this.indexOptions);
    }
    return this.miniSearch;
  }

  private sectionWords(s: Section): Set<string> {
    let set = this.wordsOf.get(s.id);
    if (!set) {
      set = new Set(words([s.title, ...s.keywords, ...s.aliases, ...s.questions, s.summary, s.text].join(' '), this.folding));
      this.wordsOf.set(s.id, set);
    }
    return set;
  }

  /** The index, the term table and the passages as plain data, for the cache. */
  serialize(): SerializedIndex & { index: string } {
    return { index: JSON.stringify(this.index), postings: this.postings, passages: this.passages };
  }

  /**
   * The typo and prefix query for question terms the guide does not use (a typo, a truncated word).
   */
  private query(unknown: string[]): Query {
    return {
      combineWith: 'OR',
      queries: unknown.map((t) => ({
        queries: [t],
        fuzzy: t.length >= SEARCH.fuzzyFrom ? 0.2 : false,
        prefix: t.length >= SEARCH.prefixFrom,
      })),
    };
  }

  /**
   * The OR query over the question's terms, scored as MiniSearch scores it (the sum of each term's
   * BM25 score, times the number of terms matched). Terms the guide uses are read from the table
   * made at index time; only the rest (typos, truncations) go to MiniSearch's typo and prefix search.
   */
  private search(qTerms: string[], factors: Map<string, number>): Hit[] {
    const hits = new Map<number, Hit>();
    const add = (doc: number, raw: number, term: string) => {
      const hit = hits.get(doc);
      if (!hit) hits.set(doc, { doc, score: raw, queryTerms: [term] });
      else {
        hit.score += raw;
        if (!hit.queryTerms.includes(term)) hit.queryTerms.push(term);
      }
    };
    const unknown: string[] = [];
    for (const t of qTerms) {
      const list = this.postings[t];
      if (list) for (let i = 0; i < list.length; i += 2) add(list[i] ?? 0, list[i + 1] ?? 0, t);
      // Story words the guide does not use (names, places) get no typo search: it is the costly part.
      else if ((factors.get(t) ?? 1) >= 1 && t.length >= SEARCH.prefixFrom) unknown.push(t);
    }
    if (unknown.length) {
      const fuzzy = this.index.search(this.query(unknown), { tokenize: (t) => [t], processTerm: (t) => t });
      for (const r of fuzzy) {
        const doc = this.position.get(String(r.id));
        if (doc === undefined) continue;
        const raw = r.score / (r.queryTerms.length || 1);
        // Split evenly: each unknown term's share (only the sum and the terms matched are used).
        for (const t of r.queryTerms) add(doc, raw / r.queryTerms.length, t);
      }
    }
    const out = [...hits.values()];
    for (const h of out) h.score *= h.queryTerms.length || 1;
    return out.sort((a, b) => b.score - a.score);
  }

  /** The bare library query on our index: the baseline our overhead is measured against. */
  rawSearch(question: string): SearchResult[] {
    return this.index.search(question);
  }

  sectionById(id: string): Section | undefined {
    return this.byId.get(id);
  }

  sectionPassages(section: Section): Passage[] {
    return this.passagesOf[this.position.get(section.id) ?? -1] ?? [];
  }

  ask(question: string, opts: AskOptions = {}): Answer {
    const plain = question
      .trim()
      .toLowerCase()
      .replace(/[!?.,;:'"`*_~()[\]\s]+/g, ' ')
      .trim();
    const none = (outcome: Outcome, normalized = ''): Answer => ({
      answered: false,
      outcome,
      matches: [],
      passages: [],
      uncovered: [],
      suggestions: [],
      normalized,
      followUp: false,
    });
    if (!plain || NOT_A_QUESTION.test(plain)) return none('not-a-question');

    const cleaned = dropPadding(question);
    const pieces = piecesOf(cleaned).map((p) => {
      const ws = words(p.text, this.folding);
      return { ...p, words: ws, terms: [...new Set(termsOfWords(ws))] };
    });
    const allTerms = [...new Set(pieces.flatMap((p) => p.terms))];
    const normalized = [...allTerms].sort().join(' ');
    // No words of its own ("why?", "how long should it be?"): only a follow-up can be answered.
    if (!allTerms.length && !opts.context?.terms.length) return none('decline', normalized);

    // Parts: each asking piece with terms of its own; a bare "by when?" joins the part before it.
    const parts: (typeof pieces)[number][] = [];
    for (const p of pieces) {
      if (!p.asks) continue;
      const last = parts.at(-1);
      if (last && p.terms.length === 0) {
        last.text += ` ${p.text}`;
        last.words = [...last.words, ...p.words];
      } else parts.push({ ...p });
    }
    const story = pieces.filter((p) => !p.asks);
    if (!parts.length) {
      // Nothing asks in so many words: the whole message is the question.
      parts.push({ text: cleaned, asks: true, words: pieces.flatMap((p) => p.words), terms: allTerms });
      story.length = 0;
    }
    const storyTerms = [...new Set(story.flatMap((p) => p.terms))];
    const partTermCount = new Set(parts.flatMap((p) => p.terms)).size;

    // A short question that points back ("and for fellowship?"), or one of a word or two ("how much
    // though, like a whole page?"), is read with the previous topic.
    const firstText = (parts[0]?.text ?? '').toLowerCase().trim();
    const followUp =
      !!opts.context?.terms.length &&
      parts.length === 1 &&
      !story.length &&
      partTermCount <= 4 &&
      (FOLLOW_UP_CUE.test(firstText) || partTermCount <= 2);

    // "And for pathology?" after a question about internal medicine asks the same about pathology:
    // the previous topic's words for the one it swaps out are left behind, and so are its sections.
    const swappedOut = followUp ? this.swappedOut(allTerms, opts.context?.terms ?? []) : new Set<string>();
    const context: Topic | undefined =
      followUp && opts.context
        ? swappedOut.size
          ? { sections: [], terms: opts.context.terms.filter((t) => !swappedOut.has(t)) }
          : opts.context
        : undefined;
    const results = parts.map((part) => {
      const factors = new Map<string, number>();
      for (const t of part.terms) factors.set(t, 1);
      // The story around the question says who is asking and why; it counts, but less. When the
      // asking sentence is bare ("What should I do first?"), the story carries the topic.
      const storyWeight = part.terms.length >= 3 ? TUNING.contextWeight : TUNING.contextWeight * 2;
      for (const t of storyTerms) if (!factors.has(t)) factors.set(t, storyWeight);
      for (const t of context?.terms ?? []) if (!factors.has(t)) factors.set(t, TUNING.followUpWeight);
      return this.answerPart(part.text, part.words, factors, opts, context, storyTerms.length >= 3);
    });

    // A part that points back ("..., and is it 5 years?", "can any of them ...") asks about the part
    // before it: when that one is not covered, neither is this.
    const pointsBack = (i: number) => i > 0 && POINTS_BACK.test(results[i]?.text.toLowerCase() ?? '');
    for (let i = 1; i < results.length; i++) {
      const r = results[i];
      const before = results[i - 1];
      if (r?.answered && before && !before.answered && parts[i - 1]?.terms.length && pointsBack(i))
        results[i] = { ...r, answered: false };
    }
    // When the guide cannot answer one part, the message is often about something it does not hold
    // at all ("how many positions ..., and which programs ...?"): another part answers only if it
    // stands on its own, its section matching most of that part's own words (not the story's).
    const declinedSome = results.some((r, i) => !r.answered && parts[i]?.terms.length);
    // A part of one word ("need a list") cannot stand on its own.
    const answeredParts = results.filter(
      (r, i) => r.answered && (!declinedSome || (r.askedCoverage >= TUNING.besideDeclined && (parts[i]?.terms.length ?? 0) >= 2)),
    );
    if (!answeredParts.length) {
      const best = results[0];
      return {
        ...none(best?.didYouMean ? 'did-you-mean' : 'decline', normalized),
        suggestions: best?.suggestions ?? [],
        nearest: best?.nearest,
        followUp,
      };
    }
    // Several parts: each one's passages, once; the sections in the order they are quoted.
    const passages: Passage[] = [];
    const seen = new Set<Passage>();
    const matches: Match[] = [];
    for (const r of answeredParts) {
      for (const p of r.passages) {
        if (seen.has(p)) continue;
        seen.add(p);
        passages.push(p);
      }
      for (const m of r.matches) if (!matches.some((x) => x.section.id === m.section.id)) matches.push(m);
    }
    const used = matches.filter((m) => passages.some((p) => this.guide.sections[p.section]?.id === m.section.id));
    const top = used[0];
    // A follow-up keeps the topic it was read with, so the next one ("why?") still has it.
    const carried = context?.terms ?? [];
    const topicTerms = top
      ? [...new Set([...allTerms, ...carried])]
          .filter((t) => this.sectionPassages(top.section).some((p) => p.terms.includes(t)))
          .slice(0, 12)
      : [];
    return {
      answered: true,
      outcome: 'answer',
      matches: used,
      passages,
      uncovered: results.filter((r) => !r.answered).map((r) => r.text),
      suggestions: [],
      normalized,
      topic: top ? { sections: used.map((m) => m.section.id).slice(0, 3), terms: topicTerms } : undefined,
      followUp,
    };
  }

  /** Ranks sections for one question (its terms weighted), decides, and picks the passages to quote. */
  private answerPart(
    text: string,
    partWords: string[],
    factors: Map<string, number>,
    opts: AskOptions,
    context?: Topic,
    hasStory = false,
  ) {
    const qTerms = [...factors.keys()];
    const results = this.search(qTerms, factors);
    // How much each term counts: rare terms (inverse document frequency) say what the question is
    // about; a term the guide never uses weighs like the rarest. Document frequency comes from the
    // OR query's own results, fuzzy matches included, so no second index is needed.
    const df = new Map<string, number>();
    for (const r of results) for (const t of r.queryTerms) df.set(t, (df.get(t) ?? 0) + 1);
    const documents = this.guide.sections.length;
    const weights = new Map<string, number>();
    let total = 0;
    for (const t of qTerms) {
      // A story word the guide never uses (a name, a place) says nothing about the topic.
      if (!df.get(t) && (factors.get(t) ?? 1) < 1) {
        weights.set(t, 0);
        continue;
      }
      const idf = Math.log(1 + documents / Math.max(df.get(t) ?? 0, TUNING.foreignDf));
      const w = (/^\d+$/.test(t) ? idf * TUNING.numberWeight : idf) * (factors.get(t) ?? 1);
      weights.set(t, w);
    }
    // The story around a question must not outweigh the question: a long message has many words
    // the guide never uses (names, places), and they would sink every section's coverage.
    let asked = 0;
    let around = 0;
    for (const [t, w] of weights) {
      if ((factors.get(t) ?? 1) >= 1) asked += w;
      else around += w;
    }
    const askedTerms = [...factors.values()].filter((f) => f >= 1).length;
    // Likewise the previous topic in a follow-up: it says where we are, the new words say what is asked.
    if (context && askedTerms >= 1 && around > asked * TUNING.followUpShare) {
      const scale = (asked * TUNING.followUpShare) / around;
      for (const [t, w] of weights) if ((factors.get(t) ?? 1) < 1) weights.set(t, w * scale);
    } else if (askedTerms >= 2 && around > asked * TUNING.storyShare) {
      const scale = (asked * TUNING.storyShare) / around;
      for (const [t, w] of weights) if ((factors.get(t) ?? 1) < 1) weights.set(t, w * scale);
    }
    for (const w of weights.values()) total += w;
    const lower = text.toLowerCase();
    const wantsNumber = WANTS_NUMBER.test(lower);
    const asksAmount = wantsNumber || ASKS_AMOUNT.test(lower);
    const comparison = COMPARISON.test(lower);
    const listy = LISTY.test(lower);

    const askedSet = new Set([...factors.entries()].filter(([, f]) => f >= 1).map(([t]) => t));
    // Asked words the guide never uses cannot tell its sections apart.
    const knownAsked = [...askedSet].filter((t) => df.get(t)).length;
    let askedTotal = 0;
    for (const t of askedSet) askedTotal += weights.get(t) ?? 0;
    const scored: (Match & { best: Passage | undefined; passageCoverage: number; askedCoverage: number })[] = [];
    for (const r of results) {
      if (scored.length >= RERANK_DEPTH) break;
      const section = this.guide.sections[r.doc];
      if (!section || (opts.scope && !opts.scope(section))) continue;
      let matched = 0;
      for (const t of r.queryTerms) matched += weights.get(t) ?? 0;
      const coverage = total ? matched / total : 0;
      // The passage that holds most of the question: a section saying it in one place beats one
      // that scatters the words.
      let best: Passage | undefined;
      let bestScore = -1;
      const qt = new Set(r.queryTerms);
      for (const p of this.sectionPassages(section)) {
        const s = passageScore(p, qt, weights, total, wantsNumber);
        if (s > bestScore) {
          bestScore = s;
          best = p;
        }
      }
      const passageCoverage = Math.max(0, bestScore);
      const inContext = context?.sections.includes(section.id) ? 1.15 : 1;
      // In a story, the asking sentence says what is wanted: the story's words only tell apart
      // sections that the question itself matches about as well.
      let askedMatched = 0;
      for (const t of r.queryTerms) if (askedSet.has(t)) askedMatched += weights.get(t) ?? 0;
      const askedCoverage = askedTotal ? askedMatched / askedTotal : coverage;
      const storyFocus = hasStory && knownAsked >= 2 ? askedCoverage ** TUNING.askedPower : 1;
      const score =
        r.score *
        (1 + TUNING.questionLift * this.nearestQuestion(r.doc, askedSet)) *
        coverage ** TUNING.coveragePower *
        (1 - TUNING.passageWeight / 2 + TUNING.passageWeight * passageCoverage) *
        inContext *
        storyFocus;
      scored.push({ section, score, coverage, best, passageCoverage, askedCoverage });
    }
    scored.sort((a, b) => b.score - a.score);
    // The number must be about what was asked, and of what it measures: "the passing score" wants
    // a passage with a number and the word score, not any number on the topic. Likewise a date.
    const measure = MEASURE.exec(lower)?.[1];
    const measured = measure ? termsOfWords([measure.replace(/-/g, '')]) : [];
    // Scores, fees, rates and pay are stated in digits: "passed on the second try with a score" states none.
    const inDigits = !!measure && !/^attempt/.test(measure);
    const wantsDate = WANTS_DATE.test(lower.trim());
    const wantsRules = WANTS_RULES.test(lower);
    // "How many X are there": a count of things in the world, which only a number that counts X gives.
    const census = CENSUS.exec(lower);
    // What is counted is the last word, unless it only says "places" ("H-1B slots", "spots").
    const counted = census
      ? termsOfWords(words(census[1] ?? '', this.folding))
          .filter((t) => !PLACES.test(t))
          .at(-1)
      : undefined;
    const gives = (m: Match) =>
      (!wantsNumber ||
        this.onTopic(
          m.section,
          factors,
          weights,
          (p) =>
            p.number &&
            measured.every((t) => p.terms.includes(t)) &&
            (!inDigits || AMOUNT.test(p.text)) &&
            (!counted || this.counts(p, counted)),
          counted,
        )) &&
      (!wantsDate || this.onTopic(m.section, withoutTerms(factors, TIME_TERMS), weights, (p) => DATE_WORDS.test(p.text))) &&
      (!wantsRules || this.onTopic(m.section, withoutTerms(factors, RULE_TERMS), weights, (p) => RULE_WORDS.test(p.text)));
    // Two sections all but tied: the one that holds the kind of fact asked for answers ("how many
    // more years of training after IM": the fellowship's length, not the IM lifestyle section).
    const [first, runner] = scored;
    let topGives = first ? gives(first) : false;
    if (first && runner && !topGives && runner.score >= first.score * TUNING.nearTie && gives(runner)) {
      scored[0] = runner;
      scored[1] = first;
      topGives = true;
    }
    const top = scored[0];
    // A number or date about something the guide never mentions ("how many weeks of vacation")
    // cannot come from a number about something else. Only words long enough for typo search
    // count as unheard of (a short typo finds nothing either); adverbs and "slots" name nothing.
    const unheardOf =
      (wantsNumber || wantsDate) &&
      [...askedSet].some(
        (t) => !df.get(t) && /^[a-z]+$/.test(t) && t.length >= SEARCH.fuzzyFrom && !/ly$/.test(t) && !PLACES.test(t),
      );
    const factOk = topGives && !unheardOf;
    const specificWords = partWords.filter((w) => this.specifics.has(w));
    const names = this.unknownNames(text);
    const sectionWords = top && specificWords.length ? this.sectionWords(top.section) : undefined;
    // A long message whose story names many things the guide never mentions covers little of itself,
    // yet one section can still stand far ahead of the rest: that is the answer.
    // Sections that point to each other (`related`) are one topic told in parts: the lead that
    // matters is over the best section of another topic.
    const linked = (a: Section, b: Section) => a.related.includes(b.id) || b.related.includes(a.id);
    const runnerUp = top ? scored.slice(1).find((m) => !linked(top.section, m.section)) : undefined;
    const storyClear =
      hasStory &&
      !!top &&
      ((top.coverage >= TUNING.suggestCoverage && (!runnerUp || top.score >= runnerUp.score * TUNING.storyLead)) ||
        (askedSet.size >= 2 &&
          top.askedCoverage >= TUNING.minCoverage &&
          top.coverage >= TUNING.suggestCoverage &&
          (!runnerUp || top.score >= runnerUp.score * TUNING.clearLead)));
    const answered =
      !!top &&
      (top.coverage >= TUNING.minCoverage || storyClear) &&
      top.score >= TUNING.minScore &&
      specificWords.every((w) => sectionWords?.has(w)) &&
      names.length === 0 &&
      !WANTS_PRODUCT.test(lower) &&
      factOk;
    if (!top || !answered) {
      const second = scored[1];
      const didYouMean =
        !!top &&
        specificWords.length === 0 &&
        factOk &&
        top.coverage >= TUNING.suggestCoverage &&
        (!second || top.score >= second.score * TUNING.clearLead);
      return {
        answered: false,
        didYouMean,
        text,
        matches: [] as Match[],
        passages: [] as Passage[],
        suggestions: scored.slice(0, 3).map((m) => m.section),
        nearest: scored.slice(0, 3).map(({ section, score, coverage }) => ({ section, score, coverage })),
        askedCoverage: 0,
      };
    }
    const chosen = choosePassages(this.sectionPassages(top.section), weights, total, asksAmount, listy || comparison, comparison);
    // A bare verdict ("Yes.", "Not necessarily.") answers the section's own question: quoted to
    // another question ("the cap is like 65k, right?") it would say yes to what was not asked.
    const verdict = chosen.length > 1 ? chosen.findIndex((p) => VERDICT.test(p.text)) : -1;
    const verdictFits = () =>
      !WH_QUESTION.test(lower.trim()) &&
      (!scored[1] || top.score >= scored[1].score * TUNING.clearLead) &&
      this.nearestQuestion(this.position.get(top.section.id) ?? -1, askedSet) >= TUNING.verdictQuestion;
    if (verdict >= 0 && !verdictFits()) chosen.splice(verdict, 1);
    const matches: Match[] = [top];
    // A close second section (the question sits between two topics): its best passage too.
    const second = scored[1];
    if (
      !comparison &&
      second &&
      second.score >= top.score * TUNING.secondRatio &&
      second.coverage >= TUNING.minCoverage &&
      second.passageCoverage >= TUNING.minPassage
    ) {
      const extra = leadPassage(this.sectionPassages(second.section), weights, total, asksAmount);
      if (extra && !chosen.some((p) => p.text === extra.text)) {
        // Room for it: the top section's least relevant passages go first (never the lead).
        makeRoom(chosen, extra, weights, total, asksAmount);
        chosen.push(extra);
        matches.push(second);
      }
    }
    // A comparison names items the top section does not: add the verdict of each named item's section.
    if (comparison) {
      const topTerms = new Set(this.sectionPassages(top.section).flatMap((p) => p.terms));
      const rare = [...weights.entries()].filter(([t, w]) => w >= total / qTerms.length && !topTerms.has(t)).map(([t]) => t);
      for (const other of scored.slice(1, 6)) {
        if (matches.length >= 3 || !rare.length) break;
        if (other.coverage < TUNING.minCoverage * 0.8) continue;
        const otherTerms = new Set(this.sectionPassages(other.section).flatMap((p) => p.terms));
        const names = rare.filter((t) => otherTerms.has(t));
        if (!names.length) continue;
        for (const n of names) rare.splice(rare.indexOf(n), 1);
        const picked = leadPassage(this.sectionPassages(other.section), weights, total, asksAmount);
        if (picked) chosen.push(picked);
        matches.push(other);
      }
      // Items of one kind compared by name ("peds or psych?"): each item's own section gives its
      // verdict, first, even when a general section that lists them all leads the ranking.
      const verdicts: Passage[] = [];
      for (const item of this.comparedItems(askedSet)) {
        if (matches.length >= 3) break;
        const own = scored.find((m) => item.every((t) => this.titleTerms(m.section).has(t)));
        if (!own || matches.some((m) => m.section.id === own.section.id)) continue;
        const picked = leadPassage(this.sectionPassages(own.section), weights, total, asksAmount);
        if (!picked) continue;
        verdicts.push(picked);
        matches.push(own);
      }
      chosen.unshift(...verdicts);
    }
    return {
      answered: true,
      didYouMean: false,
      text,
      matches,
      passages: chosen,
      suggestions: [] as Section[],
      askedCoverage: top.askedCoverage,
    };
  }

  /**
   * The previous topic's terms for the alternatives a follow-up swaps out: the follow-up names one
   * item of a group (all its terms), the topic another; that other item's own terms go.
   */
  private swappedOut(own: string[], carried: string[]): Set<string> {
    const out = new Set<string>();
    const mine = new Set(own);
    const before = new Set(carried);
    for (const group of this.alternatives) {
      if (!namedIn(group, mine).length) continue;
      // Terms an item shares with the one named ("medicine") are the follow-up's own, and stay.
      for (const item of group) {
        if (!item.every((t) => before.has(t))) continue;
        for (const t of item) if (!mine.has(t)) out.add(t);
      }
    }
    return out;
  }

  /** The items of one group of alternatives that a question names two or more of, each as its terms. */
  private comparedItems(asked: Set<string>): string[][] {
    for (const group of this.alternatives) {
      const named = namedIn(group, asked);
      if (named.length >= 2) return named;
    }
    return [];
  }

  private titleTerms(section: Section): Set<string> {
    let set = this.titleTermsOf.get(section.id);
    if (!set) {
      set = new Set(termsOfWords(words(section.title, this.folding)));
      this.titleTermsOf.set(section.id, set);
    }
    return set;
  }

  /**
   * Names in the question the guide never uses ("is the Stanford fellowship malignant", "which
   * hospitals in NYC"): the guide cannot know about a particular program, place or product, so a
   * question about one is not answered from general advice. Where someone is from is not asked about.
   */
  private unknownNames(text: string): string[] {
    const tokens = text.match(/[A-Za-z][A-Za-z0-9'’-]*/g) ?? [];
    return tokens.filter(
      (tok, i) =>
        i > 0 &&
        /^[A-Z]/.test(tok) &&
        !/^I(?:['’]|$)/.test(tok) &&
        tokens[i - 1]?.toLowerCase() !== 'from' &&
        !termsOfWords(words(tok, this.folding)).every((t) => t in this.postings),
    );
  }

  /**
   * Whether a passage of the section that gives the wanted kind of fact (a number, a date) is about
   * what was asked: it names one of the asked terms that weigh most in this section, not only a
   * word of the question's setting. What a "how many" question counts is always what was asked,
   * however common the word ("how many H-1Bs per year for private companies": the H-1Bs).
   */
  private onTopic(
    section: Section,
    factors: Map<string, number>,
    weights: Map<string, number>,
    gives: (p: Passage) => boolean,
    counted?: string,
  ): boolean {
    const passages = this.sectionPassages(section);
    const inSection = new Set(passages.flatMap((p) => p.terms));
    let heaviest = 0;
    for (const [t, f] of factors) if (f >= 1 && inSection.has(t)) heaviest = Math.max(heaviest, weights.get(t) ?? 0);
    const key = (t: string) =>
      t === counted || ((factors.get(t) ?? 0) >= 1 && (weights.get(t) ?? 0) >= heaviest * TUNING.numberTopic);
    return passages.some((p) => gives(p) && p.terms.some(key));
  }

  /**
   * Whether a passage counts the term: it names it and holds a number that is a count, not a
   * length of time ("85,000 new visas" counts H-1Bs; "two-year programs" does not count programs).
   */
  private counts(p: Passage, term: string): boolean {
    if (!p.terms.includes(term)) return false;
    const tokens = p.text.toLowerCase().match(/[a-z0-9][a-z0-9,.']*/g) ?? [];
    return tokens.some((tok, i) => COUNT_WORDS.test(tok.replace(/[,.]$/, '')) && !TIME_UNIT.test(tokens[i + 1] ?? ''));
  }

  /**
   * How closely one of the section's member questions says what was asked (the share of terms the
   * two have in common, over all terms of either): two sections with the same words tell apart by
   * which one was written for this question.
   */
  private nearestQuestion(doc: number, asked: Set<string>): number {
    if (!asked.size) return 0;
    let best = 0;
    for (const q of this.questionTerms[doc] ?? []) {
      let common = 0;
      for (const t of q) if (asked.has(t)) common++;
      const j = common / (q.size + asked.size - common || 1);
      if (j > best) best = j;
    }
    return best;
  }
}
