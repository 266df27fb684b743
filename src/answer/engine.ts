import MiniSearch, { type SearchResult } from 'minisearch';
import type { Guide } from '../content/guide.js';
import type { Area, Section } from '../content/schema.js';
import { compileFolding, type Folding, STOP_WORDS, stem, terms, words } from './text.js';

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

export interface AskOptions {
  area?: Area;
}

/** Tuned on the whole evaluation set at once, never on single phrasings. */
const MIN_COVERAGE = 0.6;
const MIN_SCORE = 6;
const SECOND_RATIO = 0.55;
const MAX_MATCHES = 3;

export const SEARCH_BOOSTS = { title: 3, aliases: 3, keywords: 2.5, summary: 1.5, text: 1 };

interface Doc {
  id: string;
  title: string;
  aliases: string;
  keywords: string;
  summary: string;
  text: string;
  area: Area;
}

/** The answer engine: one MiniSearch index over the guide, with the field's jargon folded. */
export class AnswerEngine {
  readonly folding: Folding;
  readonly index: MiniSearch<Doc>;
  private readonly byId: Map<string, Section>;

  constructor(readonly guide: Guide) {
    this.folding = compileFolding(guide.synonyms);
    this.byId = guide.byId;
    const folding = this.folding;
    this.index = new MiniSearch<Doc>({
      fields: ['title', 'aliases', 'keywords', 'summary', 'text'],
      storeFields: ['area'],
      tokenize: (text) => words(text, folding),
      processTerm: (term) => (STOP_WORDS.has(term) || (term.length < 2 && !/\d/.test(term)) ? null : stem(term)),
      searchOptions: {
        boost: SEARCH_BOOSTS,
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        prefix: (term) => term.length >= 4,
        combineWith: 'OR',
      },
    });
    this.index.addAll(
      guide.sections.map((s) => ({
        id: s.id,
        title: s.title,
        aliases: s.aliases.join(' ; '),
        keywords: s.keywords.join(' ; '),
        summary: s.summary,
        text: s.text,
        area: s.area,
      })),
    );
  }

  /** The bare library query on our index: the baseline our overhead is measured against. */
  rawSearch(question: string): SearchResult[] {
    return this.index.search(question);
  }

  ask(question: string, opts: AskOptions = {}): Answer {
    const qTerms = [...new Set(terms(question, this.folding))];
    const normalized = [...qTerms].sort().join(' ');
    if (!qTerms.length) return { answered: false, matches: [], suggestions: [], normalized };
    const filter = opts.area ? (r: SearchResult) => r.area === opts.area : undefined;
    const results = this.index.search(question, filter ? { filter } : undefined);
    const matches: Match[] = [];
    for (const r of results.slice(0, 8)) {
      const section = this.byId.get(String(r.id));
      if (!section) continue;
      const matched = new Set(r.queryTerms);
      matches.push({ section, score: r.score, coverage: qTerms.filter((t) => matched.has(t)).length / qTerms.length });
    }
    const top = matches[0];
    const answered = !!top && top.coverage >= MIN_COVERAGE && top.score >= MIN_SCORE;
    if (!answered) {
      return { answered, matches: [], suggestions: matches.slice(0, 3).map((m) => m.section), normalized };
    }
    const close = matches
      .slice(1)
      .filter((m) => m.score >= top.score * SECOND_RATIO && m.coverage >= MIN_COVERAGE / 2)
      .slice(0, MAX_MATCHES - 1);
    return { answered, matches: [top, ...close], suggestions: [], normalized };
  }
}
