import path from 'node:path';
import { type Db, openForWrite } from './db.js';
import { detectLayout, type FileKind, LAYOUT_NAME, type Layout } from './layouts.js';
import { count, fiscalYear, normalizeEmployer, parseDate, ROLE_CODE, roleOf, stateCode, yearlyWage } from './normalize.js';
import { openRows, type RowSource } from './read.js';

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

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

function lcaLoader(db: Db, fileId: number, ix: Layout['index']) {
  const employers = new EmployerIds(db);
  const insert = db.prepare(
    'INSERT OR REPLACE INTO lca (case_number, file_id, employer_id, fy, status, received_month, role, ws_city, ws_state, wage_min, wage_max) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const years = new Set<number>();
  const at = (row: unknown[], key: string) => row[ix[key] as number];
  return {
    years,
    /** 'ok', 'bad' or 'other' (another visa class). */
    row(row: unknown[]): 'ok' | 'bad' | 'other' {
      const visa = text(at(row, 'visa')).toUpperCase();
      if (visa && !visa.startsWith('H-1B')) return 'other';
      const caseNumber = text(at(row, 'case'));
      const name = text(at(row, 'employer'));
      const norm = normalizeEmployer(name);
      const decided = parseDate(at(row, 'decision')) ?? parseDate(at(row, 'received'));
      if (!caseNumber || !norm || !decided) return 'bad';
      const received = parseDate(at(row, 'received'));
      const role = roleOf(text(at(row, 'soc')), text(at(row, 'title')));
      const unit = at(row, 'wageUnit');
      const from = yearlyWage(at(row, 'wageFrom'), unit);
      const to = yearlyWage(at(row, 'wageTo'), unit);
      const fy = fiscalYear(decided);
      years.add(fy);
      const naics = text(at(row, 'naics')).replace(/\.0+$/, '');
      insert.run(
        caseNumber,
        fileId,
        employers.id(norm, stateCode(at(row, 'state')), name, naics),
        fy,
        text(at(row, 'status')) || 'Unknown',
        received ? received.getUTCMonth() + 1 : 0,
        role ? ROLE_CODE[role] : 0,
        text(at(row, 'wsCity')).toUpperCase(),
        stateCode(at(row, 'wsState')),
        from,
        to !== null && from !== null ? Math.max(from, to) : from,
      );
      return 'ok';
    },
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
  };
}

/** Summaries and name indexes, rebuilt whole: simpler than patching and still a second or two. */
function rebuildDerived(db: Db): void {
  db.exec(`
    DELETE FROM lca_summary;
    INSERT INTO lca_summary SELECT employer_id, file_id, fy, status, role, COUNT(*), MIN(wage_min), MAX(wage_max)
      FROM lca GROUP BY employer_id, file_id, fy, status, role;
    DELETE FROM lca_months;
    INSERT INTO lca_months SELECT employer_id, received_month, SUM(n) FROM (
      SELECT employer_id, received_month, COUNT(*) AS n FROM lca WHERE received_month > 0 GROUP BY employer_id, received_month
    ) GROUP BY employer_id, received_month;
    DELETE FROM lca_cities;
    INSERT INTO lca_cities SELECT employer_id, ws_city, ws_state, COUNT(*) FROM lca WHERE ws_city != '' GROUP BY employer_id, ws_city, ws_state;
    DELETE FROM employers WHERE id NOT IN (SELECT employer_id FROM lca_summary) AND id NOT IN (SELECT employer_id FROM uscis);
    DELETE FROM physician_totals;
    INSERT INTO physician_totals SELECT s.employer_id, e.state, SUM(CASE WHEN role = 1 THEN n ELSE 0 END),
        SUM(CASE WHEN role = 2 THEN n ELSE 0 END), SUM(CASE WHEN role = 3 THEN n ELSE 0 END), SUM(n)
      FROM lca_summary s JOIN employers e ON e.id = s.employer_id WHERE role > 0 GROUP BY s.employer_id;
    DELETE FROM employer_words;
    INSERT INTO employer_words (rowid, norm) SELECT id, norm FROM employers;
    DELETE FROM employer_grams;
    INSERT INTO employer_grams (rowid, norm) SELECT id, norm FROM employers;
    UPDATE files SET rows = (SELECT COUNT(*) FROM lca WHERE lca.file_id = files.id) WHERE kind = 'lca';
    UPDATE files SET rows = (SELECT COUNT(*) FROM uscis WHERE uscis.file_id = files.id) WHERE kind = 'uscis';
  `);
}

async function headerOf(rows: AsyncIterator<unknown[]>): Promise<unknown[]> {
  for (;;) {
    const next = await rows.next();
    if (next.done) return [];
    if (next.value.some((v) => text(v) !== '')) return next.value;
  }
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
  const it = source.rows[Symbol.asyncIterator]();
  let layout: Layout;
  try {
    layout = detectLayout((await headerOf(it)).map((h) => text(h)));
  } catch (err) {
    await it.return?.();
    throw err;
  }
  const db = openForWrite(dbPath);
  const name = path.basename(file);
  db.exec('BEGIN IMMEDIATE');
  const progress = opts.progress;
  try {
    const previous = db.prepare<[string], { id: number; kind: string }>('SELECT id, kind FROM files WHERE name = ?').get(name);
    let replaced = 0;
    let fileId: number;
    if (previous) {
      fileId = previous.id;
      replaced += db.prepare('DELETE FROM lca WHERE file_id = ?').run(fileId).changes;
      replaced += db.prepare('DELETE FROM uscis WHERE file_id = ?').run(fileId).changes;
    } else {
      fileId = Number(
        db
          .prepare("INSERT INTO files (name, kind, rows, skipped, fiscal_years, imported_at) VALUES (?, ?, 0, 0, '', '')")
          .run(name, layout.kind).lastInsertRowid,
      );
    }
    const before = layout.kind === 'lca' ? (db.prepare('SELECT COUNT(*) FROM lca').pluck().get() as number) : 0;
    const loader = layout.kind === 'lca' ? lcaLoader(db, fileId, layout.index) : uscisLoader(db, fileId, layout.index);
    let rows = 0;
    let skipped = 0;
    let otherVisa = 0;
    progress?.start(source.totalBytes);
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      const outcome = loader.row(next.value);
      if (outcome === 'ok') rows++;
      else if (outcome === 'bad') skipped++;
      else otherVisa++;
      if (progress && (rows + skipped + otherVisa) % PROGRESS_EVERY === 0) progress.update(source.bytesRead(), rows);
    }
    progress?.update(source.totalBytes, rows);
    const years = [...loader.years].sort((a, b) => a - b);
    if (layout.kind === 'lca') {
      // Cases already stored from another file were replaced by INSERT OR REPLACE: the newer status wins.
      const after = db.prepare('SELECT COUNT(*) FROM lca').pluck().get() as number;
      replaced += before + rows - after;
    } else if (years.length) {
      // A newer download of the same fiscal year replaces the older file's figures instead of doubling them.
      replaced += db
        .prepare(`DELETE FROM uscis WHERE file_id != ? AND fy IN (${years.map(() => '?').join(',')})`)
        .run(fileId, ...years).changes;
    }
    db.prepare('UPDATE files SET kind = ?, skipped = ?, fiscal_years = ?, imported_at = ? WHERE id = ?').run(
      layout.kind,
      skipped,
      years.join(','),
      (opts.now ?? new Date()).toISOString(),
      fileId,
    );
    rebuildDerived(db);
    db.exec('COMMIT');
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
    if (db.inTransaction) db.exec('ROLLBACK');
    await it.return?.().catch(() => undefined);
    throw err;
  } finally {
    progress?.stop();
  }
}

export { LAYOUT_NAME };
