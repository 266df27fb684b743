import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureLcaRows, LCA_HEADERS, lcaTable, writeXlsx } from '../bench/sponsors-data.js';
import { closeDb, openForRead } from '../src/features/sponsors/db.js';
import { importFile } from '../src/features/sponsors/import.js';
import { LayoutError } from '../src/features/sponsors/layouts.js';
import { searchSponsors } from '../src/features/sponsors/search.js';
import { type SponsorFixtures, writeSponsorFixtures, writeTruncatedCsv, writeTruncatedXlsx } from './support/sponsor-files.js';

let dir: string;
let fx: SponsorFixtures;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'img-advisor-sponsors-'));
  fx = await writeSponsorFixtures(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** A fresh database file per test, closed after use so the next test opens its own. */
function freshDb(): string {
  n++;
  return path.join(dir, `db-${n}`, 'sponsors.sqlite');
}

/** What a member would see change: counts per table and the Lakemont profile. */
function snapshot(db: string) {
  const d = openForRead(db);
  if (!d) return null;
  const count = (t: string) => d.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get();
  return {
    lca: count('lca'),
    uscis: count('uscis'),
    employers: count('employers'),
    files: d.prepare('SELECT name, rows, fiscal_years FROM files ORDER BY name').all(),
    lakemont: searchSponsors(d, 'University of Lakemont').map(({ sources, ...p }) => ({
      ...p,
      sources: sources.map((s) => s.file),
    })),
  };
}

describe('sponsors import', () => {
  it('imports the LCA workbook, the LCA CSV and both Data Hub layouts', async () => {
    const db = freshDb();
    const xlsx = await importFile(db, fx.lcaXlsx);
    expect(xlsx).toMatchObject({ kind: 'lca', rows: 18, skipped: 1, otherVisa: 1, fiscalYears: [2023, 2024] });
    const csv = await importFile(db, fx.lcaCsv);
    // The same cases in another file: replaced, not counted twice.
    expect(csv).toMatchObject({ kind: 'lca', rows: 18, skipped: 1, replaced: 18 });
    expect(await importFile(db, fx.uscisOld)).toMatchObject({ kind: 'uscis', rows: 2, skipped: 1, fiscalYears: [2022] });
    expect(await importFile(db, fx.uscisNew)).toMatchObject({ kind: 'uscis', rows: 1, fiscalYears: [2023] });
    const s = snapshot(db);
    expect(s?.lca).toBe(18);
    expect(s?.lakemont[0]?.uscis.byYear).toEqual({
      2022: { initialApprovals: 12, initialDenials: 1, continuingApprovals: 30, continuingDenials: 2 },
      // New layout: 9 new + 1 concurrent + 4 change of employer initial; 20 + 3 same employer + 2 amended continuing.
      2023: { initialApprovals: 14, initialDenials: 1, continuingApprovals: 25, continuingDenials: 1 },
    });
    closeDb(db);
  });

  it('reads a workbook saved with inline strings like one saved with shared strings', async () => {
    const shared = freshDb();
    await importFile(shared, fx.lcaXlsx);
    const inline = freshDb();
    const file = path.join(dir, 'LCA_inline_strings.xlsx');
    await writeXlsx(file, lcaTable(fixtureLcaRows()), { sharedStrings: false });
    expect(await importFile(inline, file)).toMatchObject({ kind: 'lca', rows: 18, skipped: 1, otherVisa: 1 });
    const a = snapshot(shared);
    const b = snapshot(inline);
    expect(b?.lakemont.map((p) => p.lca)).toEqual(a?.lakemont.map((p) => p.lca));
    expect(b?.lakemont[0]?.lca.physicianRoles).toBe(7);
    closeDb(shared);
    closeDb(inline);
  });

  it('counts a case once when a newer file takes it over from an older one', async () => {
    const db = freshDb();
    await importFile(db, fx.lcaCsv);
    const single = snapshot(db)?.lakemont[0]?.lca;
    // The same cases again in another file (a newer cumulative download): they move, nothing doubles.
    await importFile(db, fx.lcaXlsx);
    const after = snapshot(db);
    expect(after?.lakemont[0]?.lca).toEqual(single);
    expect(after?.files).toEqual([
      { name: 'LCA_Disclosure_Data_FY2024_Q4.xlsx', rows: 18, fiscal_years: '2023,2024' },
      { name: 'lca-fy2024.csv', rows: 0, fiscal_years: '2023,2024' },
    ]);
    closeDb(db);
  });

  it('gives the same counts when the same file is imported twice', async () => {
    const db = freshDb();
    await importFile(db, fx.lcaXlsx);
    await importFile(db, fx.uscisOld);
    const once = snapshot(db);
    const again = await importFile(db, fx.lcaXlsx);
    await importFile(db, fx.uscisOld);
    expect(again.replaced).toBe(18);
    const twice = snapshot(db);
    expect(twice?.lca).toBe(once?.lca);
    expect(twice?.uscis).toBe(once?.uscis);
    expect(twice?.lakemont.map((p) => p.lca)).toEqual(once?.lakemont.map((p) => p.lca));
    expect(twice?.lakemont.map((p) => p.uscis)).toEqual(once?.lakemont.map((p) => p.uscis));
    closeDb(db);
  });

  it('refuses a spreadsheet of another layout, naming the missing columns, and changes nothing', async () => {
    const db = freshDb();
    await importFile(db, fx.lcaXlsx);
    const before = snapshot(db);
    const partial = path.join(dir, 'partial.xlsx');
    const headers = LCA_HEADERS.filter((h) => h !== 'SOC_CODE' && h !== 'WAGE_UNIT_OF_PAY');
    await writeXlsx(partial, lcaTable(fixtureLcaRows(), headers));
    const err = await importFile(db, partial).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LayoutError);
    expect((err as LayoutError).message).toMatch(/missing 2 columns: SOC_CODE, WAGE_UNIT_OF_PAY/);

    const other = path.join(dir, 'budget.xlsx');
    await writeXlsx(other, [
      ['Month', 'Rent', 'Food'],
      ['January', 1200, 300],
    ]);
    await expect(importFile(db, other)).rejects.toThrow(/neither a DOL LCA disclosure file nor a USCIS/);
    expect(snapshot(db)).toEqual(before);
    closeDb(db);
  });

  it('leaves the database as it was when a workbook is cut short', async () => {
    const db = freshDb();
    await importFile(db, fx.lcaXlsx);
    await importFile(db, fx.uscisNew);
    const before = snapshot(db);
    const cut = await writeTruncatedXlsx(dir);
    await expect(importFile(db, cut)).rejects.toThrow(/ends early or is damaged/);
    expect(snapshot(db)).toEqual(before);
    closeDb(db);
  });

  it('rolls the whole file back when reading fails after thousands of rows', async () => {
    const db = freshDb();
    await importFile(db, fx.lcaXlsx);
    const before = snapshot(db);
    const cut = await writeTruncatedCsv(dir);
    const seen: number[] = [];
    const progress = { start() {}, update: (_b: number, rows: number) => seen.push(rows), stop() {} };
    await expect(importFile(db, cut, { progress })).rejects.toThrow();
    expect(Math.max(...seen)).toBeGreaterThan(1000);
    expect(snapshot(db)).toEqual(before);
    closeDb(db);
  });
});
