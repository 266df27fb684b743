import type { Db } from './db.js';

/**
 * The per-employer summaries a search reads (filings by year, status and role; receipt months;
 * worksite cities), kept per file. An import tallies its own file while it reads, with integer
 * keys and no per-row allocation, instead of re-sorting every stored filing three times: that
 * re-sort was most of a 600,000-row import.
 */
/** One employer's tallies in one file. */
interface EmployerTally {
  /** (fy - 1900) * 1024 + status * 4 + role -> [n, wage min, wage max]. */
  summary: Map<number, [number, number | null, number | null]>;
  months: number[];
  /** City index -> filings. */
  cities: Map<number, number>;
}

export class FileTally {
  private readonly statuses = new Map<string, number>();
  private readonly statusNames: string[] = [];
  /** City -> state -> index: two lookups, no key built per row. */
  private readonly cities = new Map<string, Map<string, number>>();
  private readonly cityNames: [string, string][] = [];
  /** Indexed by employer id: small integer keys all the way down, so no key is ever built from strings. */
  private readonly employers: (EmployerTally | undefined)[] = [];

  private statusId(status: string): number {
    let id = this.statuses.get(status);
    if (id === undefined) {
      id = this.statusNames.length;
      this.statusNames.push(status);
      this.statuses.set(Buffer.from(status).toString(), id);
    }
    return id;
  }

  private cityId(city: string, state: string): number {
    let states = this.cities.get(city);
    if (states === undefined) {
      states = new Map();
      this.cities.set(Buffer.from(city).toString(), states);
    }
    let id = states.get(state);
    if (id === undefined) {
      id = this.cityNames.length;
      this.cityNames.push([Buffer.from(city).toString(), Buffer.from(state).toString()]);
      states.set(this.cityNames[id]?.[1] as string, id);
    }
    return id;
  }

  add(
    employer: number,
    fy: number,
    status: string,
    role: number,
    month: number,
    city: string,
    state: string,
    wageMin: number | null,
    wageMax: number | null,
  ): void {
    let t = this.employers[employer];
    if (t === undefined) {
      t = { summary: new Map(), months: new Array<number>(13).fill(0), cities: new Map() };
      this.employers[employer] = t;
    }
    const key = (fy - 1900) * 1024 + this.statusId(status) * 4 + role;
    const s = t.summary.get(key);
    if (s === undefined) t.summary.set(key, [1, wageMin, wageMax]);
    else {
      s[0]++;
      if (wageMin !== null && (s[1] === null || wageMin < s[1])) s[1] = wageMin;
      if (wageMax !== null && (s[2] === null || wageMax > s[2])) s[2] = wageMax;
    }
    if (month > 0) (t.months[month] as number)++;
    if (city !== '') {
      const c = this.cityId(city, state);
      t.cities.set(c, (t.cities.get(c) ?? 0) + 1);
    }
  }

  /** Writes this file's summaries (the file's old ones must already be gone). */
  write(db: Db, fileId: number): void {
    const sums = batchInsert(db, 'lca_summary (employer_id, file_id, fy, status, role, n, wage_min, wage_max)', 8);
    const months = batchInsert(db, `lca_months (employer_id, file_id, ${MONTH_COLUMNS})`, 14);
    const cities = batchInsert(db, 'lca_cities (employer_id, file_id, cities)', 3);
    this.employers.forEach((t, employer) => {
      if (!t) return;
      for (const [key, [n, min, max]] of t.summary) {
        sums.add(employer, fileId, Math.floor(key / 1024) + 1900, this.statusNames[(key % 1024) >> 2], key % 4, n, min, max);
      }
      if (t.months.some((n) => n > 0)) months.add(employer, fileId, ...t.months.slice(1));
      if (t.cities.size) {
        const list = [...t.cities].map(([c, n]) => [...(this.cityNames[c] as [string, string]), n]);
        cities.add(employer, fileId, JSON.stringify(list));
      }
    });
    sums.finish();
    months.finish();
    cities.finish();
  }
}

const MONTH_COLUMNS = Array.from({ length: 12 }, (_, i) => `m${i + 1}`).join(', ');

/** INSERTs of many rows per statement, for the summaries an import writes. */
export function batchInsert(db: Db, into: string, columns: number, rowsPer = 100) {
  const sql = (n: number) =>
    `INSERT INTO ${into} VALUES ${Array.from({ length: n }, () => `(${new Array(columns).fill('?').join(', ')})`).join(', ')}`;
  const many = db.prepare(sql(rowsPer));
  const one = db.prepare(sql(1));
  const params: unknown[] = [];
  return {
    add(...values: unknown[]) {
      for (const v of values) params.push(v);
      if (params.length === rowsPer * columns) {
        many.run(params);
        params.length = 0;
      }
    },
    finish() {
      for (let i = 0; i < params.length; i += columns) one.run(params.slice(i, i + columns));
      params.length = 0;
    },
  };
}

/** Drops the summaries of these files. */
export function dropSummaries(db: Db, fileIds: number[]): void {
  if (!fileIds.length) return;
  const list = fileIds.map(Number).join(',');
  db.exec(`DELETE FROM lca_summary WHERE file_id IN (${list});
    DELETE FROM lca_months WHERE file_id IN (${list});
    DELETE FROM lca_cities WHERE file_id IN (${list});`);
}

/** Recounts the summaries of these files from their stored filings, in SQL (files that lost cases to a newer one). */
export function recountFiles(db: Db, fileIds: number[]): void {
  if (!fileIds.length) return;
  dropSummaries(db, fileIds);
  const list = fileIds.map(Number).join(',');
  db.exec(`
    INSERT INTO lca_summary SELECT employer_id, file_id, fy, status, role, COUNT(*), MIN(wage_min), MAX(wage_max)
      FROM lca WHERE file_id IN (${list}) GROUP BY employer_id, file_id, fy, status, role;
    INSERT INTO lca_months SELECT employer_id, file_id, ${Array.from({ length: 12 }, (_, i) => `SUM(received_month = ${i + 1})`).join(', ')}
      FROM lca WHERE file_id IN (${list}) AND received_month > 0 GROUP BY employer_id, file_id;
    INSERT INTO lca_cities SELECT employer_id, file_id, json_group_array(json_array(ws_city, ws_state, n)) FROM (
      SELECT employer_id, file_id, ws_city, ws_state, COUNT(*) AS n
      FROM lca WHERE file_id IN (${list}) AND ws_city != '' GROUP BY employer_id, file_id, ws_city, ws_state
    ) GROUP BY employer_id, file_id;
  `);
}

/**
 * What depends on every file: employers no file mentions any more leave (with their name index
 * entries), new employers enter the name indexes, physician totals are re-added from the summaries
 * (a few thousand rows), and each file's row count is refreshed.
 */
export function refreshTotals(db: Db, newEmployersFrom: number): void {
  const gone = db
    .prepare(
      'SELECT id FROM employers WHERE id NOT IN (SELECT employer_id FROM lca_summary) AND id NOT IN (SELECT employer_id FROM uscis)',
    )
    .pluck()
    .all() as number[];
  if (gone.length) {
    const list = gone.join(',');
    db.exec(`DELETE FROM employer_words WHERE rowid IN (${list});
      DELETE FROM employer_grams WHERE rowid IN (${list});
      DELETE FROM employers WHERE id IN (${list});`);
  }
  db.prepare('INSERT INTO employer_words (rowid, norm) SELECT id, norm FROM employers WHERE id >= ?').run(newEmployersFrom);
  db.prepare('INSERT INTO employer_grams (rowid, norm) SELECT id, norm FROM employers WHERE id >= ?').run(newEmployersFrom);
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS temp_file_counts (file_id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
    DELETE FROM temp_file_counts;
    INSERT INTO temp_file_counts SELECT file_id, COUNT(*) FROM lca GROUP BY file_id;
    DELETE FROM physician_totals;
    INSERT INTO physician_totals SELECT s.employer_id, e.state, SUM(CASE WHEN role = 1 THEN n ELSE 0 END),
        SUM(CASE WHEN role = 2 THEN n ELSE 0 END), SUM(CASE WHEN role = 3 THEN n ELSE 0 END), SUM(n)
      FROM lca_summary s JOIN employers e ON e.id = s.employer_id WHERE role > 0 GROUP BY s.employer_id;
    UPDATE files SET rows = IFNULL((SELECT n FROM temp_file_counts c WHERE c.file_id = files.id), 0) WHERE kind = 'lca';
    UPDATE files SET rows = (SELECT COUNT(*) FROM uscis WHERE uscis.file_id = files.id) WHERE kind = 'uscis';
  `);
}
