import type { Db } from './db.js';
import { trigrams } from './normalize.js';

/**
 * The words of every stored employer name, in memory, for typo-tolerant search: a misspelled
 * word is corrected to the few known words that look like it, and the search then runs on exact
 * words through the word index. Matching trigrams of whole names instead meant OR-ing dozens of
 * trigrams that each hit thousands of employers; a word's trigrams hit only a few words.
 */
export interface Vocabulary {
  has(word: string): boolean;
  /** Whether some known word starts with `prefix`. */
  hasPrefix(prefix: string): boolean;
  /** Known words within a typo or two of `word`, closest first. */
  near(word: string, min: number, limit: number): string[];
}

const cache = new WeakMap<Db, { version: string; vocab: Vocabulary }>();

function build(words: string[]): Vocabulary {
  const sorted = [...words].sort();
  const set = new Set(sorted);
  const gramSize = new Map<string, number>();
  const byGram = new Map<string, string[]>();
  for (const w of sorted) {
    const grams = trigrams(w);
    gramSize.set(w, grams.size);
    for (const g of grams) {
      const list = byGram.get(g);
      if (list) list.push(w);
      else byGram.set(g, [w]);
    }
  }
  return {
    has: (word) => set.has(word),
    hasPrefix(prefix) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((sorted[mid] as string) < prefix) lo = mid + 1;
        else hi = mid;
      }
      return lo < sorted.length && (sorted[lo] as string).startsWith(prefix);
    },
    near(word, min, limit) {
      const grams = trigrams(word);
      const common = new Map<string, number>();
      for (const g of grams) for (const w of byGram.get(g) ?? []) common.set(w, (common.get(w) ?? 0) + 1);
      const scored: [string, number][] = [];
      for (const [w, n] of common) {
        const dice = (2 * n) / (grams.size + (gramSize.get(w) ?? 0));
        if (dice >= min) scored.push([w, dice]);
      }
      return scored
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, limit)
        .map(([w]) => w);
    },
  };
}

/** The vocabulary of this database, rebuilt when an import has changed the files since. */
export function vocabularyOf(db: Db): Vocabulary {
  const version = String(db.prepare("SELECT COUNT(*) || ':' || IFNULL(MAX(imported_at), '') FROM files").pluck().get());
  const known = cache.get(db);
  if (known && known.version === version) return known.vocab;
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.employer_vocab USING fts5vocab(main, 'employer_words', 'row')");
  const vocab = build(db.prepare('SELECT term FROM temp.employer_vocab').pluck().all() as string[]);
  cache.set(db, { version, vocab });
  return vocab;
}
