import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, type Db, openForRead } from '../src/features/sponsors/db.js';
import { importFile } from '../src/features/sponsors/import.js';
import { normalizeEmployer, roleOf } from '../src/features/sponsors/normalize.js';
import { searchSponsors, suggestEmployers, topEmployers } from '../src/features/sponsors/search.js';
import { writeSponsorFixtures } from './support/sponsor-files.js';

let dir: string;
let dbPath: string;
let db: Db;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'img-advisor-sponsors-'));
  dbPath = path.join(dir, 'sponsors.sqlite');
  const fx = await writeSponsorFixtures(dir);
  for (const f of [fx.lcaXlsx, fx.uscisOld, fx.uscisNew]) await importFile(dbPath, f);
  db = openForRead(dbPath) as Db;
});
afterAll(() => {
  closeDb(dbPath);
  rmSync(dir, { recursive: true, force: true });
});

describe('sponsor search', () => {
  it.each([
    'University of Lakemont',
    'Univ of Lakemont',
    'regents univ. lakemont',
    'Lakemnot University',
    'THE REGENTS OF THE UNIVERSITY OF LAKEMONT, INC.',
  ])('finds Lakemont from “%s” with the counts the fixture holds', (q) => {
    const [p] = searchSponsors(db, q);
    expect(p?.name).toBe('The Regents of the University of Lakemont');
    expect(p?.state).toBe('CA');
    expect(p?.lca.byYear).toEqual({ 2023: { Certified: 4, Withdrawn: 1 }, 2024: { Certified: 5, Denied: 1 } });
    expect(p?.lca.physicianRoles).toBe(7);
    expect(p?.uscis.byYear[2022]?.initialApprovals).toBe(12);
  });

  it('finds employers by an abbreviation or a typo, and narrows by state', () => {
    expect(searchSponsors(db, 'Brightwater Med Ctr')[0]?.name).toBe('Brightwater Medical Center, Inc.');
    expect(searchSponsors(db, 'quilfeather')[0]?.name).toBe('Quillfeather Analytics LLC');
    // A typo beside correctly spelled and abbreviated words: only the misspelled word is corrected.
    expect(searchSponsors(db, 'Univ of Lakemnot')[0]?.lca.total).toBe(11);
    expect(searchSponsors(db, 'Brightwatr Med Ctr')[0]?.name).toBe('Brightwater Medical Center, Inc.');
    expect(searchSponsors(db, 'Brightwater', { state: 'CA' })).toEqual([]);
    expect(searchSponsors(db, 'completely unrelated words')).toEqual([]);
  });

  it('counts physician, resident and fellow roles only, with their yearly wage range', () => {
    const p = searchSponsors(db, 'Lakemont')[0];
    // Not counted: the physician assistant, the pharmacy resident, the postdoctoral research fellow, the analyst.
    expect(p?.lca.byRole).toEqual({ resident: 3, fellow: 2, physician: 2 });
    expect(p?.lca.total).toBe(11);
    // The monthly house-staff wage becomes a yearly one: 5,800 x 12.
    expect(p?.lca.physicianWagesByYear[2024]).toEqual({ min: 69_600, max: 300_000 });
    expect(p?.lca.worksiteCities.map((c) => c.city)).toEqual(['LAKEMONT', 'HARBOR CITY']);
    expect(p?.sources.map((s) => s.file).sort()).toEqual([
      'Employer Information.csv',
      'LCA_Disclosure_Data_FY2024_Q4.xlsx',
      'h1b_datahubexport-2022.csv',
    ]);
  });

  it('labels the cap-exempt hint as inferred and gives its reasons', () => {
    const lakemont = searchSponsors(db, 'Lakemont')[0]?.capExemptHint;
    expect(lakemont).toMatchObject({ inferred: true, leaning: 'likely cap-exempt' });
    expect(lakemont?.label).toMatch(/Inferred.*not a fact/);
    expect(lakemont?.reasons.join(' ')).toMatch(/university/);
    expect(lakemont?.reasons.join(' ')).toMatch(/611310/);
    expect(lakemont?.reasons.join(' ')).toMatch(/spread over/);
    const brightwater = searchSponsors(db, 'Brightwater')[0]?.capExemptHint;
    expect(brightwater?.leaning).toBe('looks cap-subject');
    expect(brightwater?.reasons.join(' ')).toMatch(/4 of 4 filings were received January to March/);
  });

  it('ranks employers by physician-role filings, by state and role', () => {
    expect(topEmployers(db).map((r) => [r.name, r.filings])).toEqual([
      ['The Regents of the University of Lakemont', 7],
      ['Brightwater Medical Center, Inc.', 4],
    ]);
    expect(topEmployers(db, { state: 'TX', role: 'resident' }).map((r) => r.filings)).toEqual([4]);
    expect(topEmployers(db, { role: 'fellow' }).map((r) => r.name)).toEqual(['The Regents of the University of Lakemont']);
    expect(suggestEmployers(db, 'brig').map((e) => e.name)).toEqual(['Brightwater Medical Center, Inc.']);
  });

  it('folds legal forms and abbreviations, and tells trainee physicians from other trainees', () => {
    expect(normalizeEmployer('The Regents of the Univ. of Lakemont, Inc.')).toBe('university lakemont');
    expect(roleOf('29-1229', 'Resident Physician PGY-2')).toBe('resident');
    expect(roleOf('29-1229.00', 'Clinical Fellow')).toBe('fellow');
    expect(roleOf('29-1063', 'Internist')).toBe('physician');
    expect(roleOf('29-1071', 'Physician Assistant')).toBeNull();
    expect(roleOf('29-1292', 'Dental Hygienist')).toBeNull();
    expect(roleOf('29-1051', 'Pharmacy Resident')).toBeNull();
    expect(roleOf('19-1042', 'Postdoctoral Research Fellow')).toBeNull();
  });
});
