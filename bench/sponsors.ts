import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeDb, openForRead } from '../src/features/sponsors/db.js';
import { findEmployers, searchSponsors } from '../src/features/sponsors/search.js';
import { generatedLcaRows, lcaTable, writeCsv, writeXlsx } from './sponsors-data.js';
import { type BenchResult, percentile, round, timeSync, versus } from './stats.js';

const CSV_ROWS = Number(process.env.SPONSORS_BENCH_ROWS ?? 600_000);
/** exceljs writes and reads 100-column rows at a few thousand a second; 600,000 takes minutes each way. */
const XLSX_ROWS = Number(process.env.SPONSORS_BENCH_XLSX_ROWS ?? 30_000);
const SEARCHES = 2000;

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sponsors-child.js');
type Measured = { rows: number; seconds: number; maxRssMb: number };
const run = (...args: string[]): Measured =>
  JSON.parse(execFileSync(process.execPath, [child, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim());

/**
 * p50 and p99 of the CPU time one call takes: on a shared machine the wall-clock p99 of a
 * sub-millisecond call is mostly the scheduler (the bare FTS5 query shows it too), so both are printed.
 */
function cpuTimes(fn: () => unknown, runs: number): { p50: number; p99: number } {
  for (let i = 0; i < runs / 10; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** Member-style searches: exact, abbreviated, misspelled, and one that matches nothing. */
function queries(): string[] {
  const names = [...generatedLcaRows(200, 99)].map((r) => String(r.EMPLOYER_NAME));
  return names.flatMap((n) => [
    n,
    n.replace('University', 'Univ').replace('Medical Center', 'Med Ctr'),
    n.replace(/([aeiou])([a-z])/, '$2$1'),
    `${n.split(' ')[0]} nowhere clinic`,
  ]);
}

/**
 * `/sponsors` import and search on a generated LCA file the size of a fiscal year: import speed
 * and peak memory against the bare parser reading the same file in the same way (each in its own
 * process), and search latency against a bare FTS5 query on the same database.
 */
export async function benchSponsors(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'img-advisor-bench-sponsors-'));
  const out: BenchResult[] = [];
  try {
    const csv = path.join(dir, 'LCA_Disclosure_Data_FY2024_Q4.csv');
    let t = performance.now();
    await writeCsv(csv, lcaTable(generatedLcaRows(CSV_ROWS)));
    const genSeconds = (performance.now() - t) / 1000;
    const mb = Math.round(statSync(csv).size / 1e6);
    out.push({
      name: `generate ${CSV_ROWS.toLocaleString('en-US')}-row LCA CSV (${mb} MB, 97 columns)`,
      value: round(genSeconds, 1),
      unit: 's',
    });

    const baseCsv = run('read', csv);
    const basePapa = run('read-papaparse', csv);
    const dbPath = path.join(dir, 'sponsors.sqlite');
    const impCsv = run('import', csv, dbPath);
    const rate = (m: Measured) => Math.round(m.rows / m.seconds);
    // Rates and peak RSS are whole numbers already, and today's ratios are taken from them as shown.
    const asIs = (n: number) => n;
    out.push(
      versus('import CSV: rows/s vs bare csv-parse read of the same file', 'rows/s', rate(impCsv), rate(baseCsv), { show: asIs }),
      versus('import CSV: rows/s vs bare papaparse read (the parser the import uses)', 'rows/s', rate(impCsv), rate(basePapa), {
        show: asIs,
      }),
      { name: 'import CSV: at least 50,000 rows/s', value: rate(impCsv), unit: 'rows/s', goal: 50_000, goalKind: 'min-value' },
      versus('import CSV: peak RSS vs bare read', 'MB', impCsv.maxRssMb, baseCsv.maxRssMb, { show: asIs }),
      { name: 'import CSV: peak RSS at most 300 MB', value: impCsv.maxRssMb, unit: 'MB', goal: 300, goalKind: 'max-value' },
      { name: 'import CSV: wall time', value: round(impCsv.seconds, 1), unit: 's' },
    );

    const db = openForRead(dbPath);
    if (!db) throw new Error('the import left no database');
    const qs = queries();
    let i = 0;
    const next = () => qs[i++ % qs.length] ?? '';
    const bare = db.prepare('SELECT rowid FROM employer_words WHERE employer_words MATCH ? ORDER BY rank LIMIT 5');
    const bareTimes = timeSync(() => bare.all(`"${next().toLowerCase().split(' ')[1] ?? 'x'}"*`), SEARCHES);
    const found = timeSync(() => findEmployers(db, next()), SEARCHES);
    const full = timeSync(() => searchSponsors(db, next()), SEARCHES);
    const bareCpu = cpuTimes(() => bare.all(`"${next().toLowerCase().split(' ')[1] ?? 'x'}"*`), SEARCHES);
    const fullCpu = cpuTimes(() => searchSponsors(db, next()), SEARCHES);
    // Each kind of query alone (every 4th query is the same kind): the typo and no-match paths are the slow ones.
    const byKind = ['exact name', 'abbreviated', 'misspelled', 'no such employer'].map((kind, k) => {
      const mine = qs.filter((_, j) => j % 4 === k);
      let m = 0;
      return { kind, t: timeSync(() => searchSponsors(db, mine[m++ % mine.length] ?? ''), SEARCHES / 4) };
    });
    out.push(
      versus('search (match + profiles), p99, vs bare FTS5 query', 'ms', full.p99, bareTimes.p99, { show: (n) => round(n, 3) }),
      { name: 'search, p99 under 5 ms', value: round(full.p99, 3), unit: 'ms', goal: 5, goalKind: 'max-value' },
      { name: 'search, p50', value: round(full.p50, 3), unit: 'ms' },
      versus('search, CPU time per search, p99, vs bare FTS5 query', 'ms', fullCpu.p99, bareCpu.p99, {
        show: (n) => round(n, 3),
      }),
      { name: 'search, CPU time p99 under 5 ms', value: round(fullCpu.p99, 3), unit: 'ms', goal: 5, goalKind: 'max-value' },
      { name: 'name matching alone (fuzzy included), p99', value: round(found.p99, 3), unit: 'ms' },
      ...byKind.map(({ kind, t: k }) => ({
        name: `search, ${kind}: p50 ${round(k.p50, 3)} ms, p99`,
        value: round(k.p99, 3),
        unit: 'ms',
      })),
    );
    closeDb(dbPath);

    const xlsx = path.join(dir, 'LCA_Disclosure_Data_FY2024_Q4.xlsx');
    t = performance.now();
    await writeXlsx(xlsx, lcaTable(generatedLcaRows(XLSX_ROWS)));
    out.push({
      name: `generate ${XLSX_ROWS.toLocaleString('en-US')}-row LCA xlsx (exceljs streaming writer)`,
      value: round((performance.now() - t) / 1000, 1),
      unit: 's',
    });
    const baseX = run('read', xlsx);
    const impX = run('import', xlsx, path.join(dir, 'sponsors-xlsx.sqlite'));
    out.push(
      versus('import xlsx: rows/s vs bare exceljs WorkbookReader read', 'rows/s', rate(impX), rate(baseX), { show: asIs }),
      { name: 'import xlsx: at least 50,000 rows/s', value: rate(impX), unit: 'rows/s', goal: 50_000, goalKind: 'min-value' },
      versus('import xlsx: peak RSS', 'MB', impX.maxRssMb, baseX.maxRssMb, { show: asIs, goal: 300, goalKind: 'max-value' }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
