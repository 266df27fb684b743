import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  fixtureLcaRows,
  fixtureUscisNew,
  fixtureUscisOld,
  generatedLcaRows,
  LCA_HEADERS,
  lcaTable,
  writeCsv,
  writeXlsx,
} from '../../bench/sponsors-data.js';

export interface SponsorFixtures {
  lcaXlsx: string;
  lcaCsv: string;
  uscisOld: string;
  uscisNew: string;
}

/**
 * The fixtures in the published layouts, written fresh into `dir`: the LCA filings as a workbook
 * and as CSV (columns shuffled, an unknown column added), the Data Hub in its old comma layout
 * and its new UTF-16 tab-separated one.
 */
export async function writeSponsorFixtures(dir: string): Promise<SponsorFixtures> {
  const files: SponsorFixtures = {
    lcaXlsx: path.join(dir, 'LCA_Disclosure_Data_FY2024_Q4.xlsx'),
    lcaCsv: path.join(dir, 'lca-fy2024.csv'),
    uscisOld: path.join(dir, 'h1b_datahubexport-2022.csv'),
    uscisNew: path.join(dir, 'Employer Information.csv'),
  };
  await writeXlsx(files.lcaXlsx, lcaTable(fixtureLcaRows()));
  const shuffled = ['SOMETHING_NEW', ...[...LCA_HEADERS].reverse()];
  await writeCsv(files.lcaCsv, lcaTable(fixtureLcaRows(), shuffled));
  await writeCsv(files.uscisOld, fixtureUscisOld());
  await writeCsv(files.uscisNew, fixtureUscisNew(), { delimiter: '\t', utf16: true });
  return files;
}

/** A larger workbook cut short, as an interrupted download leaves it. */
export async function writeTruncatedXlsx(dir: string, rows = 3000): Promise<string> {
  const whole = path.join(dir, 'whole.xlsx');
  await writeXlsx(whole, lcaTable(generatedLcaRows(rows, 7)));
  const bytes = readFileSync(whole);
  const cut = path.join(dir, 'LCA_Disclosure_Data_FY2025_Q1.xlsx');
  writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
  return cut;
}

/** A CSV cut inside a quoted field after thousands of good rows: the failure comes mid-import. */
export async function writeTruncatedCsv(dir: string, rows = 3000): Promise<string> {
  const whole = path.join(dir, 'whole.csv');
  await writeCsv(whole, lcaTable(generatedLcaRows(rows, 9)));
  const text = readFileSync(whole, 'utf8');
  const cut = path.join(dir, 'LCA_Disclosure_Data_FY2025_Q2.csv');
  writeFileSync(cut, text.slice(0, text.lastIndexOf('"') - 3));
  return cut;
}
