import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, spreadsheetSafe, trackerCsv } from '../src/features/tracker/csv.js';
import { blankEntry, type Entry } from '../src/features/tracker/entry.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const tricky: Entry = {
  ...blankEntry('t1', 'Mercy General, Inc.', NOW),
  location: 'Boston, MA',
  program: 'Internal Medicine "Categorical" residency',
  visa: 'both',
  cap: 'exempt',
  step3: 'before-ranking',
  step3By: '2027-02-01',
  usce: 'required, 3 months',
  grad: 'within 5 years',
  ci: 'yes',
  cmio: 'no',
  projects: 'EHR committee;\nsepsis dashboard',
  policy: 'H-1B considered case-by-case',
  notes: 'Coordinator said: "maybe, if budget allows".\nSecond line, with a comma\r\nand a CRLF line.\n- a list item',
};
const plain: Entry = { ...blankEntry('t2', 'Riverside', NOW), visa: 'j1' };

describe('CSV export', () => {
  it('round-trips commas, quotes and newlines through a CSV parser', () => {
    const csv = trackerCsv([tricky, plain], undefined);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(2);
    const [a, b] = rows;
    expect(a?.institution).toBe(tricky.institution);
    expect(a?.city_state).toBe(tricky.location);
    expect(a?.program).toBe(tricky.program);
    expect(a?.notes).toBe(tricky.notes);
    expect(a?.informatics_projects).toBe(tricky.projects);
    expect(a?.usce).toBe(tricky.usce);
    expect(a?.step3_required).toBe('before ranking 2027-02-01');
    expect(a?.visa_types).toBe('both');
    expect(a?.warnings).toBe('Case-by-case wording');
    expect(b?.institution).toBe('Riverside');
    expect(b?.notes).toBe('');
  });

  it('lists the warnings each entry has under the plan', () => {
    const csv = trackerCsv([plain], { need: 'h1b', status: 'none', step3: 'passed' });
    const [row] = parse(csv, { columns: true }) as Record<string, string>[];
    expect(row?.warnings).toBe('J-1 only');
  });

  it('keeps cells a spreadsheet would run as formulas as text', () => {
    const evil: Entry = {
      ...plain,
      id: 't3',
      notes: '=HYPERLINK("http://x.example","click")',
      policy: '+1+1',
      projects: '@SUM(A1)',
    };
    const [row] = parse(trackerCsv([evil], undefined), { columns: true }) as Record<string, string>[];
    expect(row?.notes).toBe(`'${evil.notes}`);
    expect(row?.visa_policy_wording).toBe("'+1+1");
    expect(row?.informatics_projects).toBe("'@SUM(A1)");
    expect(spreadsheetSafe('- a bullet')).toBe('- a bullet');
    expect(spreadsheetSafe('-2+3')).toBe("'-2+3");
  });

  it('is a header row alone when the tracker is empty', () => {
    expect(parse(trackerCsv([], undefined), { columns: true })).toEqual([]);
    expect(trackerCsv([], undefined).trim()).toBe(CSV_COLUMNS.join(','));
  });
});
