import MiniSearch, { type AsPlainObject, type Query, type SearchResult } from 'minisearch';
import type { Guide } from '../../content/guide.js';
import type { Area, Section } from '../../content/schema.js';
import { compileFolding, type Folding, STOP_WORDS, stem, termsOfWords, words } from './text.js';

export interface Match {
  section: Section;
  score: number;
  /** Share of the question's meaningful terms this section matched (0-1). */
  coverage: number;
}

export interface Answer {
  answered: boolean;
  /** Best first; the first is the answer, the rest are close seconds worth a look. */
  matches: Match[];
  /** When not answered: the nearest topics the guide does cover. */
  suggestions: Section[];
  /** The question's meaningful terms, sorted: what gets recorded for advisors (never the text). */
  normalized: string;
}

export interface SerializedIndex {
  index: AsPlainObject;
  vocabulary: string[];
}

export interface AskOptions {
  /** Only sections this accepts may answer (e.g. the visa scope of `/visa`). */
  scope?: (section: Section) => boolean;
}

/**
 * How much each question term counts towards coverage: rare terms (inverse document frequency)
 * say what the question is about; a term the guide never uses, not even misspelt, weighs like the
 * rarest, because a question about something absent should not be answered by what is present.
 * Document frequency comes from the search results themselves (an OR query returns every section
 * that matches any term, fuzzy matches included), so no second index is needed.
 */
function termWeights(qTerms: string[], results: SearchResult[], documents: number): Map<string, number> {
  const df = new Map<string, number>();
  for (const r of results) for (const t of r.queryTerms) df.set(t, (df.get(t) ?? 0) + 1);
  const weights = new Map<string, number>();
  for (const t of qTerms) {
    const n = df.get(t) ?? 0;
    const idf = Math.log(1 + documents / Math.max(n, TUNING.foreignDf));
    weights.set(t, /^\d+$/.test(t) ? idf * TUNING.numberWeight : idf);
  }
  return weights;
}

/**
 * When to answer. Tuned on the whole evaluation set at once (test/eval), never on single phrasings.
 * minCoverage: the weighted share of the question's terms the best section must match.
 * foreignDf: a term no section uses counts as if this many sections had it (below 1: rarer
 * than any real term, because a question about something absent should not be answered).
 * numberWeight: bare numbers ("2 yr gap") rarely carry the topic.
 */
export const TUNING = { minCoverage: 0.45, minScore: 10, secondRatio: 0.55, foreignDf: 0.5, numberWeight: 0.3, coveragePower: 2 };
const MAX_MATCHES = 3;
/** Typo tolerance (one edit) and prefix matching start at these word lengths. */
export const SEARCH = { fuzzyFrom: 5, prefixFrom: 4 };
const RERANK_DEPTH = 20;

export const SEARCH_BOOSTS = { title: 3, aliases: 3, keywords: 2.5, questions: 2, summary: 1.5, text: 1 };

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

/** The answer engine: one MiniSearch index over the guide, with the field's jargon folded. */
export class AnswerEngine {
  readonly folding: Folding;
  readonly index: MiniSearch<Doc>;
  private readonly byId: Map<string, Section>;
  private readonly specifics: Set<string>;
  /** Each section's unstemmed words, made when first needed: a specific must appear as written. */
  private readonly wordsOf = new Map<string, Set<string>>();

  /** Every indexed term: a question's word found here needs no typo search, which is the costly part. */
  private readonly vocabulary: Set<string>;

  /** `serialized`: what `serialize()` made, to skip indexing (see cache.ts). */
  constructor(
    readonly guide: Guide,
    serialized?: SerializedIndex,
  ) {
    this.folding = compileFolding(guide.synonyms);
    this.byId = guide.byId;
    this.specifics = new Set(guide.specifics.map((w) => w.toLowerCase()));
    const folding = this.folding;
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
    if (serialized) {
      this.index = MiniSearch.loadJS<Doc>(serialized.index, options);
      this.vocabulary = new Set(serialized.vocabulary);
      return;
    }
    const docs = guide.sections.map((s) => ({
      id: s.id,
      title: s.title,
      aliases: s.aliases.join(' ; '),
      keywords: s.keywords.join(' ; '),
      questions: s.questions.join(' ; '),
      summary: s.summary,
      text: s.text,
      area: s.area,
    }));
    this.index = new MiniSearch<Doc>(options);
    this.index.addAll(docs);
    this.vocabulary = new Set(
      docs.flatMap((d) =>
        [d.title, d.aliases, d.keywords, d.questions, d.summary, d.text].flatMap((f) =>
          words(f, folding).flatMap((w) => options.processTerm(w) ?? []),
        ),
      ),
    );
  }

  private sectionWords(s: Section): Set<string> {
    let set = this.wordsOf.get(s.id);
    if (!set) {
      set = new Set(words([s.title, ...s.keywords, ...s.aliases, ...s.questions, s.summary, s.text].join(' '), this.folding));
      this.wordsOf.set(s.id, set);
    }
    return set;
  }

  /** The index and vocabulary as plain data, for the cache. */
  serialize(): SerializedIndex {
    return { index: this.index.toJSON(), vocabulary: [...this.vocabulary] };
  }

  /**
   * One query per question term: a term the guide uses is looked up as it is; only an unknown one
   * (a typo, a truncated word) gets typo tolerance and prefix matching.
   */
  private query(qTerms: string[]): Query {
    return {
      combineWith: 'OR',
      queries: qTerms.map((t) =>
        this.vocabulary.has(t)
          ? t
          : { queries: [t], fuzzy: t.length >= SEARCH.fuzzyFrom ? 0.2 : false, prefix: t.length >= SEARCH.prefixFrom },
      ),
    };
  }

  /** The bare library query on our index: the baseline our overhead is measured against. */
  rawSearch(question: string): SearchResult[] {
    return this.index.search(question);
  }

  ask(question: string, opts: AskOptions = {}): Answer {
    const questionWords = words(question, this.folding);
    const qTerms = [...new Set(termsOfWords(questionWords))];
    const normalized = [...qTerms].sort().join(' ');
    if (!qTerms.length) return { answered: false, matches: [], suggestions: [], normalized };
    // Search the whole guide, so how rare each term is reflects all of it, then keep the scope.
    // The terms are already processed: searching them must not fold, drop or stem them again.
    const results = this.index.search(this.query(qTerms), {
      tokenize: (t) => [t],
      processTerm: (t) => t,
      fuzzy: false,
      prefix: false,
    });
    const weights = termWeights(qTerms, results, this.index.documentCount);
    const total = qTerms.reduce((sum, t) => sum + (weights.get(t) ?? 0), 0);
    const matches: Match[] = [];
    for (const r of results) {
      if (matches.length >= RERANK_DEPTH) break;
      const section = this.byId.get(String(r.id));
      if (!section || (opts.scope && !opts.scope(section))) continue;
      const matched = r.queryTerms.reduce((sum, t) => sum + (weights.get(t) ?? 0), 0);
      const coverage = total ? matched / total : 0;
      matches.push({ section, score: r.score * coverage ** TUNING.coveragePower, coverage });
    }
    // BM25 favours common words in boosted titles; a section that matches the question's rare
    // words ("printer", "password") says more about it, so coverage reorders the candidates.
    matches.sort((a, b) => b.score - a.score);
    const top = matches[0];
    const wanted = questionWords.filter((w) => this.specifics.has(w));
    const sectionWords = top && wanted.length ? this.sectionWords(top.section) : undefined;
    const answered =
      !!top && top.coverage >= TUNING.minCoverage && top.score >= TUNING.minScore && wanted.every((w) => sectionWords?.has(w));
    if (!answered) {
      return { answered, matches: [], suggestions: matches.slice(0, 3).map((m) => m.section), normalized };
    }
    const close = matches
      .slice(1)
      .filter((m) => m.score >= top.score * TUNING.secondRatio && m.coverage >= TUNING.minCoverage / 2)
      .slice(0, MAX_MATCHES - 1);
    return { answered, matches: [top, ...close], suggestions: [], normalized };
  }
}
