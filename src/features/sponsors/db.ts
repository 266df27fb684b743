import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Bumped when the tables change: an older file is rebuilt by the next import, never misread. */
export const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  rows INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  fiscal_years TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS employers (
  id INTEGER PRIMARY KEY,
  norm TEXT NOT NULL,
  state TEXT NOT NULL,
  name TEXT NOT NULL,
  naics TEXT NOT NULL DEFAULT '',
  UNIQUE (norm, state)
);
CREATE VIRTUAL TABLE IF NOT EXISTS employer_words USING fts5(norm, tokenize = 'unicode61');
CREATE VIRTUAL TABLE IF NOT EXISTS employer_grams USING fts5(norm, tokenize = 'trigram');
CREATE TABLE IF NOT EXISTS lca (
  case_number TEXT PRIMARY KEY,
  file_id INTEGER NOT NULL,
  employer_id INTEGER NOT NULL,
  fy INTEGER NOT NULL,
  status TEXT NOT NULL,
  received_month INTEGER NOT NULL,
  role INTEGER NOT NULL,
  ws_city TEXT NOT NULL,
  ws_state TEXT NOT NULL,
  wage_min INTEGER,
  wage_max INTEGER
) WITHOUT ROWID;
-- No index on file_id: its entries (file_id, case_number) land all over the tree, which doubled the
-- insert time; the few per-file questions an import asks read the table once instead.
DROP INDEX IF EXISTS lca_file;
CREATE TABLE IF NOT EXISTS uscis (
  file_id INTEGER NOT NULL,
  employer_id INTEGER NOT NULL,
  fy INTEGER NOT NULL,
  initial_approvals INTEGER NOT NULL,
  initial_denials INTEGER NOT NULL,
  continuing_approvals INTEGER NOT NULL,
  continuing_denials INTEGER NOT NULL,
  city TEXT NOT NULL,
  zip TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS uscis_employer ON uscis (employer_id, fy);
CREATE INDEX IF NOT EXISTS uscis_file ON uscis (file_id);
-- Summaries per file: an import adds its own from the rows it read and recounts only the files it
-- took cases from, so a search reads a few rows instead of every filing.
CREATE TABLE IF NOT EXISTS lca_summary (
  employer_id INTEGER NOT NULL,
  file_id INTEGER NOT NULL,
  fy INTEGER NOT NULL,
  status TEXT NOT NULL,
  role INTEGER NOT NULL,
  n INTEGER NOT NULL,
  wage_min INTEGER,
  wage_max INTEGER
);
CREATE INDEX IF NOT EXISTS lca_summary_employer ON lca_summary (employer_id);
CREATE INDEX IF NOT EXISTS lca_summary_file ON lca_summary (file_id);
-- Filings received in each calendar month (m1 = January), one row per employer and file.
CREATE TABLE IF NOT EXISTS lca_months (employer_id INTEGER NOT NULL, file_id INTEGER NOT NULL,
  m1 INTEGER NOT NULL, m2 INTEGER NOT NULL, m3 INTEGER NOT NULL, m4 INTEGER NOT NULL, m5 INTEGER NOT NULL, m6 INTEGER NOT NULL,
  m7 INTEGER NOT NULL, m8 INTEGER NOT NULL, m9 INTEGER NOT NULL, m10 INTEGER NOT NULL, m11 INTEGER NOT NULL, m12 INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS lca_months_employer ON lca_months (employer_id);
CREATE INDEX IF NOT EXISTS lca_months_file ON lca_months (file_id);
-- Worksite cities, one row per employer and file: a JSON list of [city, state, filings].
CREATE TABLE IF NOT EXISTS lca_cities (employer_id INTEGER NOT NULL, file_id INTEGER NOT NULL, cities TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS lca_cities_employer ON lca_cities (employer_id);
CREATE INDEX IF NOT EXISTS lca_cities_file ON lca_cities (file_id);
CREATE TABLE IF NOT EXISTS physician_totals (employer_id INTEGER PRIMARY KEY, state TEXT NOT NULL, physician INTEGER NOT NULL, resident INTEGER NOT NULL, fellow INTEGER NOT NULL, total INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS physician_totals_total ON physician_totals (total);
CREATE INDEX IF NOT EXISTS physician_totals_state ON physician_totals (state, total);
`;

const open = new Map<string, Db>();

function prepare(db: Db): Db {
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const current = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema'").get()?.value;
  if (current !== undefined && current !== String(SCHEMA_VERSION)) {
    // Reference data only: an older layout is dropped and re-imported, nothing a member wrote is lost.
    for (const t of [
      'files',
      'employers',
      'employer_words',
      'employer_grams',
      'lca',
      'uscis',
      'lca_summary',
      'lca_months',
      'lca_cities',
      'physician_totals',
    ])
      db.exec(`DROP TABLE IF EXISTS ${t}`);
  }
  db.exec(SCHEMA);
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)").run(String(SCHEMA_VERSION));
  return db;
}

/** The database for writing (import): created when missing. One connection per file per process. */
export function openForWrite(file: string): Db {
  const known = open.get(file);
  if (known?.open) return known;
  mkdirSync(path.dirname(file), { recursive: true });
  const db = prepare(new Database(file));
  open.set(file, db);
  return db;
}

/** The database for lookups, or null when nothing was ever imported (no file yet). */
export function openForRead(file: string): Db | null {
  const known = open.get(file);
  if (known?.open) return known;
  if (!existsSync(file)) return null;
  return openForWrite(file);
}

export function closeDb(file: string): void {
  const db = open.get(file);
  open.delete(file);
  if (db?.open) db.close();
}
