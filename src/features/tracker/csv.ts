import { stringify } from 'csv-stringify/sync';
import type { Entry, Plan } from './entry.js';
import { showStep3Rule } from './fields.js';
import { warningsFor } from './warnings.js';

/** Columns of the export, in the order of the guide's suggested sponsor spreadsheet. */
export const CSV_COLUMNS = [
  'id',
  'institution',
  'city_state',
  'program',
  'visa_types',
  'cap_status',
  'step3_required',
  'usce',
  'graduation_year_limit',
  'ci_fellowship_on_site',
  'cmio_or_faculty',
  'informatics_projects',
  'visa_policy_wording',
  'notes',
  'warnings',
  'updated',
] as const;

/**
 * A spreadsheet would run a cell starting with = + - @ (or a tab/CR) as a formula. A leading
 * apostrophe keeps it text; "- a list item" with a space after the dash is left alone.
 */
export function spreadsheetSafe(value: string): string {
  return /^(?:[=+@\t\r]|-(?!\s|$))/.test(value) ? `'${value}` : value;
}

export function csvRow(e: Entry, plan: Plan | undefined): Record<(typeof CSV_COLUMNS)[number], string> {
  return {
    id: e.id,
    institution: e.institution,
    city_state: e.location,
    program: e.program,
    visa_types: e.visa,
    cap_status: e.cap,
    step3_required: e.step3 === 'unknown' ? 'unknown' : showStep3Rule(e),
    usce: e.usce,
    graduation_year_limit: e.grad,
    ci_fellowship_on_site: e.ci,
    cmio_or_faculty: e.cmio,
    informatics_projects: e.projects,
    visa_policy_wording: e.policy,
    notes: e.notes,
    warnings: warningsFor(e, plan)
      .map((w) => w.title)
      .join('; '),
    updated: e.updated.slice(0, 10),
  };
}

/** The whole tracker as CSV with a header row; quoting (commas, quotes, newlines) is csv-stringify's. */
export function trackerCsv(entries: Entry[], plan: Plan | undefined): string {
  const rows = entries.map((e) => {
    const row = csvRow(e, plan);
    return CSV_COLUMNS.map((c) => spreadsheetSafe(row[c]));
  });
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS] });
}
