import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';

/**
 * Files in the exact published layouts with invented employers: the small fixtures the tests
 * import and the large LCA file the benchmark imports. No real filing is shipped.
 */

/** DOL OFLC LCA disclosure data, FY2020 layout onward: every column, in the published order. */
export const LCA_HEADERS = [
  'CASE_NUMBER',
  'CASE_STATUS',
  'RECEIVED_DATE',
  'DECISION_DATE',
  'ORIGINAL_CERT_DATE',
  'VISA_CLASS',
  'JOB_TITLE',
  'SOC_CODE',
  'SOC_TITLE',
  'FULL_TIME_POSITION',
  'BEGIN_DATE',
  'END_DATE',
  'TOTAL_WORKER_POSITIONS',
  'NEW_EMPLOYMENT',
  'CONTINUED_EMPLOYMENT',
  'CHANGE_PREVIOUS_EMPLOYMENT',
  'NEW_CONCURRENT_EMPLOYMENT',
  'CHANGE_EMPLOYER',
  'AMENDED_PETITION',
  'EMPLOYER_NAME',
  'TRADE_NAME_DBA',
  'EMPLOYER_ADDRESS1',
  'EMPLOYER_ADDRESS2',
  'EMPLOYER_CITY',
  'EMPLOYER_STATE',
  'EMPLOYER_POSTAL_CODE',
  'EMPLOYER_COUNTRY',
  'EMPLOYER_PROVINCE',
  'EMPLOYER_PHONE',
  'EMPLOYER_PHONE_EXT',
  'NAICS_CODE',
  'EMPLOYER_POC_LAST_NAME',
  'EMPLOYER_POC_FIRST_NAME',
  'EMPLOYER_POC_MIDDLE_NAME',
  'EMPLOYER_POC_JOB_TITLE',
  'EMPLOYER_POC_ADDRESS1',
  'EMPLOYER_POC_ADDRESS2',
  'EMPLOYER_POC_CITY',
  'EMPLOYER_POC_STATE',
  'EMPLOYER_POC_POSTAL_CODE',
  'EMPLOYER_POC_COUNTRY',
  'EMPLOYER_POC_PROVINCE',
  'EMPLOYER_POC_PHONE',
  'EMPLOYER_POC_PHONE_EXT',
  'EMPLOYER_POC_EMAIL',
  'AGENT_REPRESENTING_EMPLOYER',
  'AGENT_ATTORNEY_LAST_NAME',
  'AGENT_ATTORNEY_FIRST_NAME',
  'AGENT_ATTORNEY_MIDDLE_NAME',
  'AGENT_ATTORNEY_ADDRESS1',
  'AGENT_ATTORNEY_ADDRESS2',
  'AGENT_ATTORNEY_CITY',
  'AGENT_ATTORNEY_STATE',
  'AGENT_ATTORNEY_POSTAL_CODE',
  'AGENT_ATTORNEY_COUNTRY',
  'AGENT_ATTORNEY_PROVINCE',
  'AGENT_ATTORNEY_PHONE',
  'AGENT_ATTORNEY_PHONE_EXT',
  'AGENT_ATTORNEY_EMAIL_ADDRESS',
  'LAWFIRM_NAME_BUSINESS_NAME',
  'STATE_OF_HIGHEST_COURT',
  'NAME_OF_HIGHEST_STATE_COURT',
  'WORKSITE_WORKERS',
  'SECONDARY_ENTITY',
  'SECONDARY_ENTITY_BUSINESS_NAME',
  'WORKSITE_ADDRESS1',
  'WORKSITE_ADDRESS2',
  'WORKSITE_CITY',
  'WORKSITE_COUNTY',
  'WORKSITE_STATE',
  'WORKSITE_POSTAL_CODE',
  'WAGE_RATE_OF_PAY_FROM',
  'WAGE_RATE_OF_PAY_TO',
  'WAGE_UNIT_OF_PAY',
  'PREVAILING_WAGE',
  'PW_UNIT_OF_PAY',
  'PW_TRACKING_NUMBER',
  'PW_WAGE_LEVEL',
  'PW_OES_YEAR',
  'PW_OTHER_SOURCE',
  'PW_OTHER_YEAR',
  'PW_SURVEY_PUBLISHER',
  'PW_SURVEY_NAME',
  'TOTAL_WORKSITE_LOCATIONS',
  'AGREE_TO_LC_STATEMENT',
  'H_1B_DEPENDENT',
  'WILLFUL_VIOLATOR',
  'SUPPORT_H1B',
  'STATUTORY_BASIS',
  'APPENDIX_A_ATTACHED',
  'PUBLIC_DISCLOSURE',
  'PREPARER_LAST_NAME',
  'PREPARER_FIRST_NAME',
  'PREPARER_MIDDLE_INITIAL',
  'PREPARER_BUSINESS_NAME',
  'PREPARER_EMAIL',
];

/** USCIS H-1B Employer Data Hub download up to FY2022. */
export const USCIS_OLD_HEADERS = [
  'Fiscal Year',
  'Employer',
  'Initial Approval',
  'Initial Denial',
  'Continuing Approval',
  'Continuing Denial',
  'NAICS',
  'Tax ID',
  'State',
  'City',
  'ZIP',
];

/** The same after the 2023 redesign (the download pads "Fiscal Year" with spaces). */
export const USCIS_NEW_HEADERS = [
  'Line by line',
  'Fiscal Year   ',
  'Employer (Petitioner) Name',
  'Tax ID',
  'Industry (NAICS) Code',
  'Petitioner City',
  'Petitioner State',
  'Petitioner Zip Code',
  'New Employment Approval',
  'New Employment Denial',
  'Continuation Approval',
  'Continuation Denial',
  'Change with Same Employer Approval',
  'Change with Same Employer Denial',
  'New Concurrent Approval',
  'New Concurrent Denial',
  'Change of Employer Approval',
  'Change of Employer Denial',
  'Amended Approval',
  'Amended Denial',
];

export type LcaRow = Record<string, string | number | Date>;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

let caseSeq = 0;
/** One filing with the columns a real one fills; `over` sets the ones a test cares about. */
export function lcaRow(over: Partial<LcaRow> & { employer: string; received: Date }): LcaRow {
  caseSeq++;
  const decided = new Date(over.received.getTime() + 7 * 86_400_000);
  const { employer, received, ...rest } = over;
  return {
    CASE_NUMBER: `I-200-${String(24000 + (caseSeq % 900)).padStart(5, '0')}-${String(caseSeq).padStart(6, '0')}`,
    CASE_STATUS: 'Certified',
    RECEIVED_DATE: received,
    DECISION_DATE: decided,
    ORIGINAL_CERT_DATE: '',
    VISA_CLASS: 'H-1B',
    JOB_TITLE: 'Software Developer',
    SOC_CODE: '15-1252',
    SOC_TITLE: 'Software Developers',
    FULL_TIME_POSITION: 'Y',
    BEGIN_DATE: day(decided.getUTCFullYear(), 7, 1),
    END_DATE: day(decided.getUTCFullYear() + 3, 6, 30),
    TOTAL_WORKER_POSITIONS: 1,
    NEW_EMPLOYMENT: 1,
    CONTINUED_EMPLOYMENT: 0,
    CHANGE_PREVIOUS_EMPLOYMENT: 0,
    NEW_CONCURRENT_EMPLOYMENT: 0,
    CHANGE_EMPLOYER: 0,
    AMENDED_PETITION: 0,
    EMPLOYER_NAME: employer,
    TRADE_NAME_DBA: '',
    EMPLOYER_ADDRESS1: '100 Example Way',
    EMPLOYER_ADDRESS2: '',
    EMPLOYER_CITY: 'Springfield',
    EMPLOYER_STATE: 'IL',
    EMPLOYER_POSTAL_CODE: '62701',
    EMPLOYER_COUNTRY: 'UNITED STATES OF AMERICA',
    EMPLOYER_PROVINCE: '',
    EMPLOYER_PHONE: '+12175550100',
    EMPLOYER_PHONE_EXT: '',
    NAICS_CODE: '541511',
    EMPLOYER_POC_LAST_NAME: 'Doe',
    EMPLOYER_POC_FIRST_NAME: 'Alex',
    EMPLOYER_POC_MIDDLE_NAME: '',
    EMPLOYER_POC_JOB_TITLE: 'HR Manager',
    EMPLOYER_POC_ADDRESS1: '100 Example Way',
    EMPLOYER_POC_ADDRESS2: '',
    EMPLOYER_POC_CITY: 'Springfield',
    EMPLOYER_POC_STATE: 'IL',
    EMPLOYER_POC_POSTAL_CODE: '62701',
    EMPLOYER_POC_COUNTRY: 'UNITED STATES OF AMERICA',
    EMPLOYER_POC_PROVINCE: '',
    EMPLOYER_POC_PHONE: '+12175550101',
    EMPLOYER_POC_PHONE_EXT: '',
    EMPLOYER_POC_EMAIL: 'hr@example.org',
    AGENT_REPRESENTING_EMPLOYER: 'Yes',
    AGENT_ATTORNEY_LAST_NAME: 'Roe',
    AGENT_ATTORNEY_FIRST_NAME: 'Sam',
    AGENT_ATTORNEY_MIDDLE_NAME: '',
    AGENT_ATTORNEY_ADDRESS1: '1 Counsel Plaza',
    AGENT_ATTORNEY_ADDRESS2: 'Suite 400',
    AGENT_ATTORNEY_CITY: 'Chicago',
    AGENT_ATTORNEY_STATE: 'IL',
    AGENT_ATTORNEY_POSTAL_CODE: '60601',
    AGENT_ATTORNEY_COUNTRY: 'UNITED STATES OF AMERICA',
    AGENT_ATTORNEY_PROVINCE: '',
    AGENT_ATTORNEY_PHONE: '+13125550199',
    AGENT_ATTORNEY_PHONE_EXT: '',
    AGENT_ATTORNEY_EMAIL_ADDRESS: 'counsel@example.com',
    LAWFIRM_NAME_BUSINESS_NAME: 'Example Immigration LLP',
    STATE_OF_HIGHEST_COURT: 'IL',
    NAME_OF_HIGHEST_STATE_COURT: 'Supreme Court of Illinois',
    WORKSITE_WORKERS: 1,
    SECONDARY_ENTITY: 'No',
    SECONDARY_ENTITY_BUSINESS_NAME: '',
    WORKSITE_ADDRESS1: '100 Example Way',
    WORKSITE_ADDRESS2: '',
    WORKSITE_CITY: 'Springfield',
    WORKSITE_COUNTY: 'Sangamon',
    WORKSITE_STATE: 'IL',
    WORKSITE_POSTAL_CODE: '62701',
    WAGE_RATE_OF_PAY_FROM: 95000,
    WAGE_RATE_OF_PAY_TO: '',
    WAGE_UNIT_OF_PAY: 'Year',
    PREVAILING_WAGE: 90000,
    PW_UNIT_OF_PAY: 'Year',
    PW_TRACKING_NUMBER: '',
    PW_WAGE_LEVEL: 'II',
    PW_OES_YEAR: '7/1/2023 - 6/30/2024',
    PW_OTHER_SOURCE: '',
    PW_OTHER_YEAR: '',
    PW_SURVEY_PUBLISHER: '',
    PW_SURVEY_NAME: '',
    TOTAL_WORKSITE_LOCATIONS: 1,
    AGREE_TO_LC_STATEMENT: 'Yes',
    H_1B_DEPENDENT: 'No',
    WILLFUL_VIOLATOR: 'No',
    SUPPORT_H1B: '',
    STATUTORY_BASIS: '',
    APPENDIX_A_ATTACHED: '',
    PUBLIC_DISCLOSURE: 'Disclose Business',
    PREPARER_LAST_NAME: '',
    PREPARER_FIRST_NAME: '',
    PREPARER_MIDDLE_INITIAL: '',
    PREPARER_BUSINESS_NAME: '',
    PREPARER_EMAIL: '',
    ...rest,
  };
}

// ---- the small fixture: three invented employers ----------------------------------------

const LAKEMONT = 'The Regents of the University of Lakemont';
const lakemontSite = { EMPLOYER_CITY: 'Lakemont', EMPLOYER_STATE: 'CA', NAICS_CODE: '611310', WORKSITE_STATE: 'CA' };
const physicianYear = { WAGE_UNIT_OF_PAY: 'Year', WAGE_RATE_OF_PAY_TO: '' };

/**
 * What the tests expect from the fixture, in one place:
 * Lakemont (CA): FY2023 4 Certified + 1 Withdrawn, FY2024 5 Certified + 1 Denied; physician roles 7
 * (3 residents, 2 fellows, 2 physicians); not counted as physician roles: a physician assistant,
 * a pharmacy resident, a research fellow, a software developer. Filings spread over the year.
 * Brightwater (TX): 4 resident LCAs, all received in March (the cap season pattern).
 * Quillfeather (NY): 3 software LCAs. Plus one E-3 filing and one row with no employer.
 */
export function fixtureLcaRows(): LcaRow[] {
  caseSeq = 0;
  const rows: LcaRow[] = [];
  const lk = (received: Date, over: Partial<LcaRow>) =>
    rows.push(lcaRow({ employer: LAKEMONT, received, ...lakemontSite, ...over }));
  // FY2023 (October 2022 to September 2023)
  lk(day(2022, 10, 12), {
    JOB_TITLE: 'Resident Physician PGY-1',
    SOC_CODE: '29-1229',
    SOC_TITLE: 'Physicians, All Other',
    WAGE_RATE_OF_PAY_FROM: 68000,
    WORKSITE_CITY: 'Lakemont',
    ...physicianYear,
  });
  lk(day(2022, 12, 5), {
    JOB_TITLE: 'Clinical Fellow - Cardiology',
    SOC_CODE: '29-1229',
    SOC_TITLE: 'Physicians, All Other',
    WAGE_RATE_OF_PAY_FROM: 78000,
    WORKSITE_CITY: 'Lakemont',
    ...physicianYear,
  });
  lk(day(2023, 5, 20), {
    JOB_TITLE: 'Hospitalist',
    SOC_CODE: '29-1216',
    SOC_TITLE: 'General Internal Medicine Physicians',
    WAGE_RATE_OF_PAY_FROM: 250000,
    WAGE_RATE_OF_PAY_TO: 280000,
    WORKSITE_CITY: 'Harbor City',
  });
  lk(day(2023, 7, 2), {
    JOB_TITLE: 'Physician Assistant',
    SOC_CODE: '29-1071',
    SOC_TITLE: 'Physician Assistants',
    WAGE_RATE_OF_PAY_FROM: 120000,
    WORKSITE_CITY: 'Lakemont',
  });
  lk(day(2023, 8, 14), {
    JOB_TITLE: 'Postdoctoral Research Fellow',
    SOC_CODE: '19-1042',
    SOC_TITLE: 'Medical Scientists, Except Epidemiologists',
    WAGE_RATE_OF_PAY_FROM: 56000,
    WORKSITE_CITY: 'Lakemont',
    CASE_STATUS: 'Withdrawn',
  });
  // FY2024
  lk(day(2023, 11, 3), {
    JOB_TITLE: 'House Staff Resident',
    SOC_CODE: '29-1215',
    SOC_TITLE: 'Family Medicine Physicians',
    WAGE_RATE_OF_PAY_FROM: 5800,
    WAGE_UNIT_OF_PAY: 'Month',
    WORKSITE_CITY: 'Lakemont',
  });
  lk(day(2024, 1, 22), {
    JOB_TITLE: 'Resident Physician',
    SOC_CODE: '29-1229',
    SOC_TITLE: 'Physicians, All Other',
    WAGE_RATE_OF_PAY_FROM: 72000,
    WORKSITE_CITY: 'Lakemont',
    ...physicianYear,
  });
  lk(day(2024, 4, 9), {
    JOB_TITLE: 'Fellow, Clinical Informatics',
    SOC_CODE: '29-1229',
    SOC_TITLE: 'Physicians, All Other',
    WAGE_RATE_OF_PAY_FROM: 80000,
    WORKSITE_CITY: 'Harbor City',
    ...physicianYear,
  });
  lk(day(2024, 6, 17), {
    JOB_TITLE: 'Staff Physician',
    SOC_CODE: '29-1218',
    SOC_TITLE: 'Obstetricians and Gynecologists',
    WAGE_RATE_OF_PAY_FROM: 300000,
    WORKSITE_CITY: 'Lakemont',
    CASE_STATUS: 'Denied',
  });
  lk(day(2024, 7, 29), {
    JOB_TITLE: 'Pharmacy Resident PGY2',
    SOC_CODE: '29-1051',
    SOC_TITLE: 'Pharmacists',
    WAGE_RATE_OF_PAY_FROM: 52000,
    WORKSITE_CITY: 'Lakemont',
  });
  lk(day(2024, 9, 3), {
    JOB_TITLE: 'Data Analyst',
    SOC_CODE: '15-2051',
    SOC_TITLE: 'Data Scientists',
    WAGE_RATE_OF_PAY_FROM: 98000,
    WORKSITE_CITY: 'Lakemont',
  });
  const bw = {
    EMPLOYER_CITY: 'Brightwater',
    EMPLOYER_STATE: 'TX',
    NAICS_CODE: '622110',
    WORKSITE_CITY: 'Brightwater',
    WORKSITE_STATE: 'TX',
  };
  for (const d of [2, 9, 16, 23]) {
    rows.push(
      lcaRow({
        employer: 'Brightwater Medical Center, Inc.',
        received: day(2024, 3, d),
        ...bw,
        JOB_TITLE: 'Internal Medicine Resident',
        SOC_CODE: '29-1229',
        SOC_TITLE: 'Physicians, All Other',
        WAGE_RATE_OF_PAY_FROM: 64000,
      }),
    );
  }
  const qf = {
    EMPLOYER_CITY: 'New York',
    EMPLOYER_STATE: 'NY',
    NAICS_CODE: '541511',
    WORKSITE_CITY: 'New York',
    WORKSITE_STATE: 'NY',
  };
  for (const d of [4, 11, 18]) rows.push(lcaRow({ employer: 'Quillfeather Analytics LLC', received: day(2024, 3, d), ...qf }));
  rows.push(lcaRow({ employer: 'Kookaburra Health Pty', received: day(2024, 2, 1), VISA_CLASS: 'E-3 Australian', ...qf }));
  rows.push(lcaRow({ employer: '', received: day(2024, 2, 1), ...qf }));
  return rows;
}

/** Data Hub rows for Lakemont and Brightwater: FY2022 in the old layout, FY2023 in the new one. */
export function fixtureUscisOld(): (string | number)[][] {
  return [
    USCIS_OLD_HEADERS,
    [2022, 'REGENTS OF THE UNIVERSITY OF LAKEMONT', 12, 1, 30, 2, 611310, 1234, 'CA', 'LAKEMONT', '90001'],
    [2022, 'BRIGHTWATER MEDICAL CENTER INC', 5, 0, 8, 0, 622110, 5678, 'TX', 'BRIGHTWATER', '75001'],
    [2022, 'BROKEN ROW CORP', 'n/a', 0, 1, 0, 541511, 9999, 'NY', 'NEW YORK', '10001'],
  ];
}

export function fixtureUscisNew(): (string | number)[][] {
  // New employment 9 + new concurrent 1 + change of employer 4 = 14 initial approvals;
  // continuation 20 + same employer 3 + amended 2 = 25 continuing approvals.
  return [
    USCIS_NEW_HEADERS,
    [1, 2023, 'UNIVERSITY OF LAKEMONT REGENTS', '1234', 611310, 'LAKEMONT', 'CA', '90001', 9, 1, 20, 0, 3, 0, 1, 0, 4, 0, 2, 1],
  ];
}

// ---- writers -------------------------------------------------------------------------------

function csvCell(v: unknown): string {
  const s = v instanceof Date ? iso(v) : String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes rows as CSV (or tab-separated) through a stream, waiting when the disk is behind. */
export async function writeCsv(file: string, rows: Iterable<unknown[]>, opts: { delimiter?: string; utf16?: boolean } = {}) {
  const out = createWriteStream(file, opts.utf16 ? { encoding: 'utf16le' } : {});
  const sep = opts.delimiter ?? ',';
  if (opts.utf16) out.write('\uFEFF');
  for (const row of rows) {
    const line = `${row.map(csvCell).join(sep)}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** The LCA rows in the given column order, header first. */
export function* lcaTable(rows: Iterable<LcaRow>, headers = LCA_HEADERS): Generator<unknown[]> {
  yield headers;
  for (const r of rows) yield headers.map((h) => r[h] ?? '');
}

/** Writes rows to a streamed .xlsx (shared strings, as Excel saves the DOL files). */
export async function writeXlsx(file: string, rows: Iterable<unknown[]>, opts: { sharedStrings?: boolean } = {}) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: opts.sharedStrings ?? true,
    useStyles: true,
  });
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
}

// ---- the large generated file ----------------------------------------------------------------

/** A small deterministic generator so every bench run imports the same file. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = [
  'Cedar',
  'Harbor',
  'North',
  'Summit',
  'Prairie',
  'Maple',
  'River',
  'Granite',
  'Lake',
  'Pine',
  'Silver',
  'Bay',
  'Oak',
  'Valley',
  'Eastern',
  'Western',
  'Coastal',
  'Highland',
  'Union',
  'Liberty',
];
const KINDS = [
  'Technologies Inc.',
  'Consulting LLC',
  'Systems Corp',
  'Health System',
  'Medical Center',
  'University',
  'Solutions Inc',
  'Analytics LLC',
  'Hospital',
  'Research Institute',
];
const STATES = ['CA', 'TX', 'NY', 'NJ', 'IL', 'WA', 'MA', 'PA', 'FL', 'GA', 'OH', 'MI', 'NC', 'VA', 'MN'];
const JOBS: [string, string, string][] = [
  ['Software Engineer', '15-1252', 'Software Developers'],
  ['Senior Data Scientist', '15-2051', 'Data Scientists'],
  ['Business Analyst', '13-1111', 'Management Analysts'],
  ['Assistant Professor', '25-1071', 'Health Specialties Teachers, Postsecondary'],
  ['Resident Physician', '29-1229', 'Physicians, All Other'],
  ['Clinical Fellow', '29-1229', 'Physicians, All Other'],
  ['Hospitalist', '29-1216', 'General Internal Medicine Physicians'],
  ['Physician Assistant', '29-1071', 'Physician Assistants'],
];

/** Rows like a year's LCA file: ~40,000 employers, a few percent physician roles, every column filled as DOL does. */
export function* generatedLcaRows(n: number, seed = 15): Generator<LcaRow> {
  const r = rng(seed);
  const employers = 40_000;
  for (let i = 0; i < n; i++) {
    // A skewed pick: a few employers file thousands, most file once or twice.
    const e = Math.floor(employers * r() ** 3);
    const name = `${WORDS[e % WORDS.length]} ${WORDS[Math.floor(e / WORDS.length) % WORDS.length]} ${KINDS[e % KINDS.length]} ${e}`;
    const state = STATES[e % STATES.length] as string;
    const jp = r();
    const job = JOBS[jp < 0.9 ? Math.floor(r() * 4) : 4 + Math.floor(r() * 4)] as [string, string, string];
    const month = 1 + Math.floor(r() * 12);
    const received = new Date(Date.UTC(month >= 10 ? 2023 : 2024, month - 1, 1 + Math.floor(r() * 28)));
    yield lcaRow({
      employer: name,
      received,
      CASE_STATUS: r() < 0.93 ? 'Certified' : r() < 0.5 ? 'Withdrawn' : 'Certified - Withdrawn',
      JOB_TITLE: job[0],
      SOC_CODE: job[1],
      SOC_TITLE: job[2],
      EMPLOYER_STATE: state,
      EMPLOYER_CITY: `${WORDS[(e >> 3) % WORDS.length]}ville`,
      WORKSITE_STATE: state,
      WORKSITE_CITY: `${WORDS[(e + i) % 7]}ville`,
      WAGE_RATE_OF_PAY_FROM: 60000 + Math.floor(r() * 140000),
    });
  }
}
