import type { Db } from './db.js';
import { type CapExemptHint, capExemptHint } from './hint.js';
import { normalizeEmployer, ROLE_CODE, ROLE_OF_CODE, type Role, trigrams } from './normalize.js';
import { vocabularyOf } from './vocab.js';

export interface Source {
  file: string;
  kind: 'lca' | 'uscis';
  fiscalYears: number[];
  importedAt: string;
  rows: number;
}

export interface EmployerProfile {
  name: string;
  state: string;
  naics: string;
  /** How closely the name matched the search, 0 to 1. */
  match: number;
  lca: {
    total: number;
    /** Fiscal year -> case status -> filings. */
    byYear: Record<string, Record<string, number>>;
    physicianRoles: number;
    byRole: Record<Role, number>;
    physicianRolesByYear: Record<string, number>;
    /** Yearly wage range offered in physician, resident and fellow filings, per fiscal year. */
    physicianWagesByYear: Record<string, { min: number; max: number }>;
    worksiteCities: { city: string; state: string; filings: number }[];
  };
  uscis: {
    byYear: Record<
      string,
      { initialApprovals: number; initialDenials: number; continuingApprovals: number; continuingDenials: number }
    >;
  };
  capExemptHint: CapExemptHint;
  sources: Source[];
}

interface Candidate {
  id: number;
  norm: string;
  state: string;
  name: string;
  naics: string;
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Trigram sets of words and names seen in searches, kept so re-scoring a candidate allocates nothing. */
const gramCache = new Map<string, Set<string>>();
function gramsOf(s: string): Set<string> {
  let g = gramCache.get(s);
  if (!g) {
    if (gramCache.size > 100_000) gramCache.clear();
    g = trigrams(s);
    gramCache.set(s, g);
  }
  return g;
}
function dice(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const t of a) if (b.has(t)) common++;
  return (2 * common) / (a.size + b.size || 1);
}

/** Best per-word similarity, averaged over the query's words: a typo in one word costs that word only. */
function scorer(queryNorm: string): (candNorm: string) => number {
  const qWords = queryNorm.split(' ');
  const qGrams = qWords.map(gramsOf);
  const whole = gramsOf(queryNorm);
  return (candNorm) => {
    const cWords = candNorm.split(' ');
    let sum = 0;
    qWords.forEach((q, i) => {
      let best = 0;
      for (const c of cWords) {
        best = Math.max(best, c.startsWith(q) && q.length >= 3 ? 1 : dice(qGrams[i] as Set<string>, gramsOf(c)));
        if (best === 1) break;
      }
      sum += best;
    });
    const words = sum / qWords.length;
    // Below this the whole-name term cannot lift it over the bar: skip it.
    if (0.8 * words + 0.2 < MIN_MATCH) return 0;
    // Prefer the candidate with no extra words: "university lakemont" over "university lakemont hospital".
    return 0.8 * words + 0.2 * dice(whole, trigrams(candNorm));
  };
}

const MIN_MATCH = 0.55;

export function hasData(db: Db | null): db is Db {
  return db !== null && (db.prepare('SELECT COUNT(*) FROM files').pluck().get() as number) > 0;
}

/** Dice on trigrams at which a known word counts as the same word misspelled (as in `score`). */
const NEAR = 0.5;
const CANDIDATES = 100;

/**
 * Employers whose normalized name matches: the exact normalized name first (indexed); else every
 * word through the word index, each word as typed (or as the start of a longer word) or, when no
 * stored name has it, as the known words it is a typo of; re-ranked by similarity.
 */
export function findEmployers(
  db: Db,
  query: string,
  opts: { state?: string; limit?: number } = {},
): (Candidate & { match: number })[] {
  const norm = normalizeEmployer(query);
  if (!norm) return [];
  const state = opts.state?.toUpperCase() ?? null;
  const limit = opts.limit ?? 5;
  // The normalized name itself first: most searches are a name as filed or as the member knows it.
  let found = db
    .prepare<[string, string | null, string | null], Candidate>(
      'SELECT id, norm, state, name, naics FROM employers WHERE norm = ? AND (? IS NULL OR state = ?)',
    )
    .all(norm, state, state);
  if (!found.length) {
    const vocab = vocabularyOf(db);
    const groups: string[] = [];
    for (const w of norm.split(' ')) {
      if (vocab.has(w) || (w.length >= 3 && vocab.hasPrefix(w))) groups.push(w.length >= 3 ? `${quote(w)}*` : quote(w));
      else if (w.length >= 3) {
        const near = vocab.near(w, NEAR, 5);
        // A word no stored name has anything like cannot match; the others still rank the candidates.
        if (near.length) groups.push(`(${near.map(quote).join(' OR ')})`);
      }
    }
    if (groups.length) {
      // No ORDER BY rank: bm25 over thousands of matches of a common word costs more than re-scoring a capped set.
      found = db
        .prepare<[string, string | null, string | null, number], Candidate>(
          `SELECT e.id, e.norm, e.state, e.name, e.naics FROM employer_words f JOIN employers e ON e.id = f.rowid
           WHERE employer_words MATCH ? AND (? IS NULL OR e.state = ?) LIMIT ?`,
        )
        .all(groups.join(' AND '), state, state, CANDIDATES);
    }
  }
  const score = scorer(norm);
  return found
    .map((c) => ({ ...c, match: score(c.norm) }))
    .filter((c) => c.match >= MIN_MATCH)
    .sort((a, b) => b.match - a.match || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** Employer names starting like what is typed, for Discord autocomplete. */
export function suggestEmployers(db: Db, partial: string, limit = 25): { name: string; state: string }[] {
  const norm = normalizeEmployer(partial);
  if (!norm) {
    return db
      .prepare<[number], { name: string; state: string }>(
        'SELECT e.name, e.state FROM physician_totals t JOIN employers e ON e.id = t.employer_id ORDER BY t.total DESC LIMIT ?',
      )
      .all(limit);
  }
  return findEmployers(db, partial, { limit }).map(({ name, state }) => ({ name, state }));
}

function sourcesOf(db: Db, fileIds: number[]): Source[] {
  if (!fileIds.length) return [];
  const rows = db
    .prepare<number[], { name: string; kind: 'lca' | 'uscis'; fiscal_years: string; imported_at: string; rows: number }>(
      `SELECT name, kind, fiscal_years, imported_at, rows FROM files WHERE id IN (${fileIds.map(() => '?').join(',')}) ORDER BY kind, name`,
    )
    .all(...fileIds);
  return rows.map((r) => ({
    file: r.name,
    kind: r.kind,
    fiscalYears: r.fiscal_years ? r.fiscal_years.split(',').map(Number) : [],
    importedAt: r.imported_at,
    rows: r.rows,
  }));
}

export function profileOf(db: Db, c: Candidate & { match: number }): EmployerProfile {
  const summary = db
    .prepare<
      [number],
      { file_id: number; fy: number; status: string; role: number; n: number; wage_min: number | null; wage_max: number | null }
    >('SELECT file_id, fy, status, role, n, wage_min, wage_max FROM lca_summary WHERE employer_id = ?')
    .all(c.id);
  const byYear: Record<string, Record<string, number>> = {};
  const byRole: Record<Role, number> = { physician: 0, resident: 0, fellow: 0 };
  const physicianRolesByYear: Record<string, number> = {};
  const wages: Record<string, { min: number; max: number }> = {};
  const files = new Set<number>();
  let total = 0;
  for (const s of summary) {
    files.add(s.file_id);
    total += s.n;
    const year = byYear[s.fy] ?? {};
    byYear[s.fy] = year;
    year[s.status] = (year[s.status] ?? 0) + s.n;
    const role = ROLE_OF_CODE[s.role];
    if (!role) continue;
    byRole[role] += s.n;
    physicianRolesByYear[s.fy] = (physicianRolesByYear[s.fy] ?? 0) + s.n;
    if (s.wage_min !== null && s.wage_max !== null) {
      const w = wages[s.fy];
      wages[s.fy] = w
        ? { min: Math.min(w.min, s.wage_min), max: Math.max(w.max, s.wage_max) }
        : { min: s.wage_min, max: s.wage_max };
    }
  }
  const byCity = new Map<string, { city: string; state: string; n: number }>();
  for (const json of db.prepare('SELECT cities FROM lca_cities WHERE employer_id = ?').pluck().all(c.id) as string[]) {
    for (const [city, state, n] of JSON.parse(json) as [string, string, number][]) {
      const key = `${city}\u0000${state}`;
      const known = byCity.get(key);
      if (known) known.n += n;
      else byCity.set(key, { city, state, n });
    }
  }
  const cities = [...byCity.values()].sort((a, b) => b.n - a.n || (a.city < b.city ? -1 : a.city > b.city ? 1 : 0)).slice(0, 5);
  const m = db
    .prepare<[number], number[]>(
      `SELECT ${Array.from({ length: 12 }, (_, i) => `COALESCE(SUM(m${i + 1}), 0)`).join(', ')} FROM lca_months WHERE employer_id = ?`,
    )
    .raw()
    .get(c.id);
  const months = [0, ...(m ?? new Array<number>(12).fill(0))];
  const uscisRows = db
    .prepare<[number], { file_id: number; fy: number; ia: number; id: number; ca: number; cd: number }>(
      `SELECT file_id, fy, SUM(initial_approvals) ia, SUM(initial_denials) id, SUM(continuing_approvals) ca, SUM(continuing_denials) cd
       FROM uscis WHERE employer_id = ? GROUP BY file_id, fy ORDER BY fy`,
    )
    .all(c.id);
  const uscis: EmployerProfile['uscis']['byYear'] = {};
  for (const u of uscisRows) {
    files.add(u.file_id);
    const prev = uscis[u.fy] ?? { initialApprovals: 0, initialDenials: 0, continuingApprovals: 0, continuingDenials: 0 };
    uscis[u.fy] = {
      initialApprovals: prev.initialApprovals + u.ia,
      initialDenials: prev.initialDenials + u.id,
      continuingApprovals: prev.continuingApprovals + u.ca,
      continuingDenials: prev.continuingDenials + u.cd,
    };
  }
  return {
    name: c.name,
    state: c.state,
    naics: c.naics,
    match: Math.round(c.match * 100) / 100,
    lca: {
      total,
      byYear,
      physicianRoles: byRole.physician + byRole.resident + byRole.fellow,
      byRole,
      physicianRolesByYear,
      physicianWagesByYear: wages,
      worksiteCities: cities.map((x) => ({ city: x.city, state: x.state, filings: x.n })),
    },
    uscis: { byYear: uscis },
    capExemptHint: capExemptHint(c.norm, c.naics, months),
    sources: sourcesOf(db, [...files]),
  };
}

export function searchSponsors(db: Db, query: string, opts: { state?: string; limit?: number } = {}): EmployerProfile[] {
  return findEmployers(db, query, opts).map((c) => profileOf(db, c));
}

export interface TopRow {
  name: string;
  state: string;
  filings: number;
  byRole: Record<Role, number>;
}

/** Employers with the most physician, resident and fellow filings, in one state or all. */
export function topEmployers(db: Db, opts: { state?: string; role?: Role; limit?: number } = {}): TopRow[] {
  const column = opts.role ? opts.role : 'total';
  const state = opts.state?.toUpperCase() ?? null;
  const rows = db
    .prepare<
      [string | null, string | null, number],
      { name: string; state: string; physician: number; resident: number; fellow: number; n: number }
    >(
      `SELECT e.name, e.state, t.physician, t.resident, t.fellow, t.${column} AS n FROM physician_totals t
       JOIN employers e ON e.id = t.employer_id WHERE (? IS NULL OR t.state = ?) AND t.${column} > 0
       ORDER BY t.${column} DESC, e.name LIMIT ?`,
    )
    .all(state, state, opts.limit ?? 10);
  return rows.map((r) => ({
    name: r.name,
    state: r.state,
    filings: r.n,
    byRole: { physician: r.physician, resident: r.resident, fellow: r.fellow },
  }));
}

/** All sources imported, for an answer that found nothing. */
export function allSources(db: Db): Source[] {
  const ids = db.prepare('SELECT id FROM files').pluck().all() as number[];
  return sourcesOf(db, ids);
}

export { ROLE_CODE };
