import path from 'node:path';
import { type Db, openForWrite } from './db.js';
import { detectLayout, type FileKind, LAYOUT_NAME, type Layout } from './layouts.js';
import { count, fiscalYear, normalizeEmployer, parseDate, ROLE_CODE, roleOf, stateCode, yearlyWage } from './normalize.js';
import { openRows, type RowSource } from './read.js';
import { dropSummaries, FileTally, recountFiles, refreshTotals } from './summary.js';

export interface ImportResult {
  file: string;
  kind: FileKind;
  /** Rows stored from this file. */
  rows: number;
  /** Rows that could not be read (no employer, no date, unreadable counts): counted, never fatal. */
  skipped: number;
  /** LCA rows for other visa classes (E-3, H-1B1 kept): read but not counted as H-1B filings. */
  otherVisa: number;
  /** Rows of earlier imports this file replaced (the same file again, or a newer cumulative file). */
  replaced: number;
  fiscalYears: number[];
  seconds: number;
}

export interface Progress {
  start(totalBytes: number): void;
  update(bytes: number, rows: number): void;
  stop(): void;
}

const PROGRESS_EVERY = 1000;

class EmployerIds {
  private readonly ids = new Map<string, number>();
  private readonly insert;
  private readonly setNaics;

  constructor(db: Db) {
    for (const r of db.prepare<[], { id: number; norm: string; state: string }>('SELECT id, norm, state FROM employers').all()) {
      this.ids.set(`${r.norm}\u0000${r.state}`, r.id);
    }
    this.insert = db.prepare<[string, string, string, string]>(
      'INSERT INTO employers (norm, state, name, naics) VALUES (?, ?, ?, ?)',
    );
    this.setNaics = db.prepare<[string, number]>("UPDATE employers SET naics = ? WHERE id = ? AND naics = ''");
  }

  id(norm: string, state: string, name: string, naics: string): number {
    const key = `${norm}\u0000${state}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = Number(this.insert.run(norm, state, name.trim().replace(/\s+/g, ' '), naics).lastInsertRowid);
    this.ids.set(key, id);
    if (naics) this.setNaics.run(naics, id);
    return id;
  }
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v).trim());

/**
 * A cache key that holds no reference to the parser's chunk: cells are slices of a 64 KiB string,
 * and a cached slice would keep its whole chunk (and so, over 40,000 employers, the whole file) alive.
 */
const own = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

/** Rows per INSERT statement: one bind-and-step per 100 rows instead of per row. */
const BATCH = 100;
const LCA_COLUMNS = 11;

/**
 * A fiscal year and receipt month from the decision and received cells, packed as fy * 16 + month
 * (-1 when unreadable). A year's file holds a few hundred distinct dates, so text dates are parsed
 * once each.
 */
function dateKeys() {
  const cache = new Map<string, number>();
  const compute = (decision: unknown, received: unknown) => {
    const decided = parseDate(decision) ?? parseDate(received);
    if (!decided) return -1;
    const r = parseDate(received);
    return fiscalYear(decided) * 16 + (r ? r.getUTCMonth() + 1 : 0);
  };
  return (decision: unknown, received: unknown): number => {
    if (typeof decision !== 'string' || typeof received !== 'string') return compute(decision, received);
    const key = `${decision}\u0000${received}`;
    let v = cache.get(key);
    if (v === undefined) {
      v = compute(decision, received);
      if (cache.size < 100_000) cache.set(own(key), v);
    }
    return v;
  };
}

function lcaLoader(db: Db, fileId: number, ix: Layout['index']) {
  const employers = new EmployerIds(db);
  const sql = (n: number) =>
    `INSERT OR REPLACE INTO lca (case_number, file_id, employer_id, fy, status, received_month, role, ws_city, ws_state, wage_min, wage_max) VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
  const insertMany = db.prepare(sql(BATCH));
  const insertOne = db.prepare(sql(1));
  const params: unknown[] = new Array(BATCH * LCA_COLUMNS);
  let pending = 0;
  const years = new Set<number>();
  const tally = new FileTally();
  const dates = dateKeys();
  // Names, states and roles repeat across hundreds of thousands of rows: each is worked out once.
  const employerOf = new Map<string, number>();
  const roleCache = new Map<string, number>();
  const col = (key: string) => ix[key] as number;
  const [
    iVisa,
    iCase,
    iEmployer,
    iDecision,
    iReceived,
    iSoc,
    iTitle,
    iUnit,
    iFrom,
    iTo,
    iNaics,
    iState,
    iStatus,
    iWsCity,
    iWsState,
  ] = [
    'visa',
    'case',
    'employer',
    'decision',
    'received',
    'soc',
    'title',
    'wageUnit',
    'wageFrom',
    'wageTo',
    'naics',
    'state',
    'status',
    'wsCity',
    'wsState',
  ].map(col) as number[];
  const flush = () => {
    if (pending === BATCH) insertMany.run(params);
    else for (let i = 0; i < pending; i++) insertOne.run(params.slice(i * LCA_COLUMNS, (i + 1) * LCA_COLUMNS));
    pending = 0;
  };
  return {
    years,
    /** 'ok', 'bad' or 'other' (another visa class). */
    row(row: unknown[]): 'ok' | 'bad' | 'other' {
      const visa = text(row[iVisa as number]);
      if (visa && !visa.toUpperCase().startsWith('H-1B')) return 'other';
      const caseNumber = text(row[iCase as number]);
      const rawName = row[iEmployer as number];
      const rawState = row[iState as number];
      const nameKey = `${String(rawName ?? '')}\u0000${String(rawState ?? '')}`;
      let employer = employerOf.get(nameKey);
      if (employer === undefined) {
        const name = text(rawName);
        const norm = normalizeEmployer(name);
        employer = norm ? employers.id(norm, stateCode(rawState), name, text(row[iNaics as number]).replace(/\.0+$/, '')) : 0;
        employerOf.set(own(nameKey), employer);
      }
      const when = dates(row[iDecision as number], row[iReceived as number]);
      if (!caseNumber || !employer || when < 0) return 'bad';
      const soc = text(row[iSoc as number]);
      const title = text(row[iTitle as number]);
      const roleKey = `${soc}\u0000${title}`;
      let role = roleCache.get(roleKey);
      if (role === undefined) {
        const r = roleOf(soc, title);
        role = r ? ROLE_CODE[r] : 0;
        if (roleCache.size < 200_000) roleCache.set(own(roleKey), role);
      }
      const unit = row[iUnit as number];
      const from = yearlyWage(row[iFrom as number], unit);
      const to = yearlyWage(row[iTo as number], unit);
      const fy = when >> 4;
      years.add(fy);
      const status = text(row[iStatus as number]) || 'Unknown';
      const wsCity = text(row[iWsCity as number]).toUpperCase();
      const wsState = stateCode(row[iWsState as number]);
      const max = to !== null && from !== null ? Math.max(from, to) : from;
      const o = pending * LCA_COLUMNS;
      params[o] = caseNumber;
      params[o + 1] = fileId;
      params[o + 2] = employer;
      params[o + 3] = fy;
      params[o + 4] = status;
      params[o + 5] = when & 15;
      params[o + 6] = role;
      params[o + 7] = wsCity;
      params[o + 8] = wsState;
      params[o + 9] = from;
      params[o + 10] = max;
      if (++pending === BATCH) flush();
      tally.add(employer, fy, status, role, when & 15, wsCity, wsState, from, max);
      return 'ok';
    },
    finish: flush,
    tally,
  };
}

function uscisLoader(db: Db, fileId: number, ix: Layout['index']) {
  const employers = new EmployerIds(db);
  const insert = db.prepare(
    'INSERT INTO uscis (file_id, employer_id, fy, initial_approvals, initial_denials, continuing_approvals, continuing_denials, city, zip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const years = new Set<number>();
  const at = (row: unknown[], key: string) => (ix[key] === undefined ? undefined : row[ix[key] as number]);
  const sum = (row: unknown[], keys: string[]): number | null => {
    let total = 0;
    for (const k of keys) {
      const n = count(at(row, k));
      if (n === null) return null;
      total += n;
    }
    return total;
  };
  return {
    years,
    row(row: unknown[]): 'ok' | 'bad' {
      const fy = Number(text(at(row, 'fy')));
      const name = text(at(row, 'employer'));
      const norm = normalizeEmployer(name);
      const ia = sum(row, ['initialApproval', 'concurrentApproval', 'changeEmployerApproval']);
      const id = sum(row, ['initialDenial', 'concurrentDenial', 'changeEmployerDenial']);
      const ca = sum(row, ['continuingApproval', 'sameEmployerApproval', 'amendedApproval']);
      const cd = sum(row, ['continuingDenial', 'sameEmployerDenial', 'amendedDenial']);
      if (!Number.isInteger(fy) || fy < 2000 || fy > 2100 || !norm || ia === null || id === null || ca === null || cd === null) {
        return 'bad';
      }
      years.add(fy);
      const naics = text(at(row, 'naics')).replace(/\.0+$/, '');
      const employer = employers.id(norm, stateCode(at(row, 'state')), name, naics);
      insert.run(fileId, employer, fy, ia, id, ca, cd, text(at(row, 'city')).toUpperCase(), text(at(row, 'zip')));
      return 'ok';
    },
    finish() {},
    tally: undefined,
  };
}

/**
 * One file into the database, as one transaction: a file of another layout is refused before
 * anything is written, a bad row is counted and skipped, and any failure (a truncated workbook,
 * a full disk) rolls the whole file back, leaving the database as it was.
 */
export async function importFile(
  dbPath: string,
  file: string,
  opts: { progress?: Progress; now?: Date } = {},
): Promise<ImportResult> {
  const started = performance.now();
  const source: RowSource = await openRows(file);
  const name = path.basename(file);
  const progress = opts.progress;
  let db: Db | undefined;
  let state:
    | {
        layout: Layout;
        fileId: number;
        replaced: number;
        before: number;
        loader: ReturnType<typeof lcaLoader> | ReturnType<typeof uscisLoader>;
      }
    | undefined;
  let rows = 0;
  let skipped = 0;
  let otherVisa = 0;
  let nextProgress = PROGRESS_EVERY;
  let syncWas = 2;
  let newEmployersFrom = 1;

  /** After the header: the layout is known, so the transaction opens and the loader is set up. */
  const begin = (header: unknown[]) => {
    const layout = detectLayout(header.map((h) => text(h)));
    source.keepOnly?.(Object.values(layout.index));
    const w = openForWrite(dbPath);
    db = w;
    // Speed for the bulk load: this connection only, restored after. The transaction keeps it all-or-nothing.
    syncWas = w.pragma('synchronous', { simple: true }) as number;
    w.pragma('synchronous = OFF');
    w.pragma('cache_size = -65536');
    w.pragma('temp_store = MEMORY');
    w.exec('BEGIN IMMEDIATE');
    const previous = w.prepare<[string], { id: number; kind: string }>('SELECT id, kind FROM files WHERE name = ?').get(name);
    let replaced = 0;
    let fileId: number;
    if (previous) {
      fileId = previous.id;
      replaced += w.prepare('DELETE FROM lca WHERE file_id = ?').run(fileId).changes;
      replaced += w.prepare('DELETE FROM uscis WHERE file_id = ?').run(fileId).changes;
      dropSummaries(w, [fileId]);
    } else {
      fileId = Number(
        w
          .prepare("INSERT INTO files (name, kind, rows, skipped, fiscal_years, imported_at) VALUES (?, ?, 0, 0, '', '')")
          .run(name, layout.kind).lastInsertRowid,
      );
    }
    const before = layout.kind === 'lca' ? (w.prepare('SELECT COUNT(*) FROM lca').pluck().get() as number) : 0;
    newEmployersFrom = ((w.prepare('SELECT MAX(id) FROM employers').pluck().get() as number | null) ?? 0) + 1;
    const loader = layout.kind === 'lca' ? lcaLoader(w, fileId, layout.index) : uscisLoader(w, fileId, layout.index);
    state = { layout, fileId, replaced, before, loader };
    progress?.start(source.totalBytes);
  };

  try {
    await source.each((batch) => {
      for (const row of batch) {
        if (!state) {
          if (row.some((v) => text(v) !== '')) begin(row);
          continue;
        }
        const outcome = state.loader.row(row);
        if (outcome === 'ok') rows++;
        else if (outcome === 'bad') skipped++;
        else otherVisa++;
      }
      if (progress && rows + skipped + otherVisa >= nextProgress) {
        nextProgress = rows + skipped + otherVisa + PROGRESS_EVERY;
        progress.update(source.bytesRead(), rows);
      }
    });
    if (!state || !db) detectLayout([]);
    const w = db as Db;
    const { layout, fileId, loader, before } = state as NonNullable<typeof state>;
    let { replaced } = state as NonNullable<typeof state>;
    loader.finish();
    progress?.update(source.totalBytes, rows);
    const years = [...loader.years].sort((a, b) => a - b);
    if (layout.kind === 'lca') {
      // Cases already stored from another file were replaced by INSERT OR REPLACE: the newer status wins.
      const after = w.prepare('SELECT COUNT(*) FROM lca').pluck().get() as number;
      replaced += before + rows - after;
    } else if (years.length) {
      // A newer download of the same fiscal year replaces the older file's figures instead of doubling them.
      replaced += w
        .prepare(`DELETE FROM uscis WHERE file_id != ? AND fy IN (${years.map(() => '?').join(',')})`)
        .run(fileId, ...years).changes;
    }
    w.prepare('UPDATE files SET kind = ?, skipped = ?, fiscal_years = ?, imported_at = ? WHERE id = ?').run(
      layout.kind,
      skipped,
      years.join(','),
      (opts.now ?? new Date()).toISOString(),
      fileId,
    );
    if (layout.kind === 'lca') {
      const counts = new Map(
        w
          .prepare<[], [number, number]>('SELECT file_id, COUNT(*) FROM lca GROUP BY file_id')
          .raw()
          .all()
          .map(([f, n]) => [f, n]),
      );
      const stored = counts.get(fileId) ?? 0;
      // A case twice in one file was stored once: the tally counted it twice, so count from the table.
      if (stored === rows) loader.tally?.write(w, fileId);
      else recountFiles(w, [fileId]);
      // Files this one took cases from (a newer cumulative download of the year) are recounted.
      const shrunk = w
        .prepare<[], { id: number; rows: number }>("SELECT id, rows FROM files WHERE kind = 'lca'")
        .all()
        .filter((f) => f.id !== fileId && f.rows !== (counts.get(f.id) ?? 0))
        .map((f) => f.id);
      recountFiles(w, shrunk);
    }
    refreshTotals(w, newEmployersFrom);
    w.exec('COMMIT');
    return {
      file: name,
      kind: layout.kind,
      rows,
      skipped,
      otherVisa,
      replaced,
      fiscalYears: years,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (err) {
    if (db?.inTransaction) db.exec('ROLLBACK');
    throw err;
  } finally {
    if (db?.open) db.pragma(`synchronous = ${syncWas}`);
    if (state) progress?.stop();
  }
}

export { LAYOUT_NAME };
