/**
 * The published layouts, by header name. A file is recognised from its header row alone; the
 * columns may come in any order and every other column is ignored.
 */

export type FileKind = 'lca' | 'uscis';

/** A field we read and the header spellings that carry it across the published years. */
interface Field {
  key: string;
  headers: string[];
  required: boolean;
}

const f = (key: string, headers: string[], required = true): Field => ({ key, headers, required });

/** DOL OFLC LCA disclosure data, FY2020 layout onward (about 100 columns; these are the ones used). */
export const LCA_FIELDS: Field[] = [
  f('case', ['CASE_NUMBER']),
  f('status', ['CASE_STATUS']),
  f('received', ['RECEIVED_DATE']),
  f('decision', ['DECISION_DATE']),
  f('visa', ['VISA_CLASS']),
  f('title', ['JOB_TITLE']),
  f('soc', ['SOC_CODE']),
  f('socTitle', ['SOC_TITLE']),
  f('employer', ['EMPLOYER_NAME']),
  f('city', ['EMPLOYER_CITY']),
  f('state', ['EMPLOYER_STATE']),
  f('naics', ['NAICS_CODE']),
  f('wsCity', ['WORKSITE_CITY']),
  f('wsState', ['WORKSITE_STATE']),
  f('wageFrom', ['WAGE_RATE_OF_PAY_FROM']),
  f('wageTo', ['WAGE_RATE_OF_PAY_TO']),
  f('wageUnit', ['WAGE_UNIT_OF_PAY']),
];

/**
 * USCIS H-1B Employer Data Hub. Up to FY2022 the download had one "Initial"/"Continuing" pair
 * (spelled singular in some years, plural in others); from the 2023 redesign it splits the
 * basis of the petition six ways and prefixes the address columns with "Petitioner". The new
 * columns are summed into the old two: new employment, new concurrent employment and change of
 * employer are initial (a first petition for this employer); continuation, change with the same
 * employer and amended are continuing.
 */
export const USCIS_FIELDS: Field[] = [
  f('fy', ['Fiscal Year']),
  f('employer', ['Employer', 'Employer (Petitioner) Name']),
  f('naics', ['NAICS', 'Industry (NAICS) Code', 'NAICS Code'], false),
  f('state', ['State', 'Petitioner State']),
  f('city', ['City', 'Petitioner City'], false),
  f('zip', ['ZIP', 'Zip', 'Petitioner Zip Code', 'ZIP Code'], false),
  f('initialApproval', ['Initial Approval', 'Initial Approvals', 'New Employment Approval']),
  f('initialDenial', ['Initial Denial', 'Initial Denials', 'New Employment Denial']),
  f('continuingApproval', ['Continuing Approval', 'Continuing Approvals', 'Continuation Approval']),
  f('continuingDenial', ['Continuing Denial', 'Continuing Denials', 'Continuation Denial']),
  f('concurrentApproval', ['New Concurrent Approval'], false),
  f('concurrentDenial', ['New Concurrent Denial'], false),
  f('changeEmployerApproval', ['Change of Employer Approval'], false),
  f('changeEmployerDenial', ['Change of Employer Denial'], false),
  f('sameEmployerApproval', ['Change with Same Employer Approval'], false),
  f('sameEmployerDenial', ['Change with Same Employer Denial'], false),
  f('amendedApproval', ['Amended Approval'], false),
  f('amendedDenial', ['Amended Denial'], false),
];

const LAYOUTS: Record<FileKind, Field[]> = { lca: LCA_FIELDS, uscis: USCIS_FIELDS };
export const LAYOUT_NAME: Record<FileKind, string> = {
  lca: 'DOL LCA disclosure file',
  uscis: 'USCIS H-1B Employer Data Hub file',
};

/** Header cells compared without case, BOMs, padding ("Fiscal Year   ") or doubled spaces. */
export const headerKey = (h: unknown) =>
  String(h ?? '')
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

export type Layout = { kind: FileKind; index: Record<string, number> };

export class LayoutError extends Error {
  constructor(
    message: string,
    readonly missing: string[],
  ) {
    super(message);
  }
}

function match(fields: Field[], headers: string[]) {
  const pos = new Map<string, number>();
  headers.forEach((h, i) => {
    const k = headerKey(h);
    if (k && !pos.has(k)) pos.set(k, i);
  });
  const index: Record<string, number> = {};
  const missing: string[] = [];
  let found = 0;
  for (const field of fields) {
    const at = field.headers.map((h) => pos.get(headerKey(h))).find((i) => i !== undefined);
    if (at !== undefined) {
      index[field.key] = at;
      found++;
    } else if (field.required) {
      missing.push(field.headers.join(' or '));
    }
  }
  return { index, missing, found };
}

/** Which source a header row belongs to; refuses, naming the missing columns, when neither fits. */
export function detectLayout(headers: string[]): Layout {
  const lca = match(LCA_FIELDS, headers);
  const uscis = match(USCIS_FIELDS, headers);
  if (!lca.missing.length) return { kind: 'lca', index: lca.index };
  if (!uscis.missing.length) return { kind: 'uscis', index: uscis.index };
  const closest: FileKind = lca.found / LCA_FIELDS.length >= uscis.found / USCIS_FIELDS.length ? 'lca' : 'uscis';
  const missing = closest === 'lca' ? lca.missing : uscis.missing;
  const near = (closest === 'lca' ? lca.found : uscis.found) > 0;
  throw new LayoutError(
    near
      ? `This looks like a ${LAYOUT_NAME[closest]} but is missing ${missing.length} column${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}.`
      : `This is neither a ${LAYOUT_NAME.lca} nor a ${LAYOUT_NAME.uscis}: its first row has none of their column names (for an LCA file: ${LCA_FIELDS.slice(
          0,
          4,
        )
          .map((x) => x.headers[0])
          .join(', ')}...).`,
    missing,
  );
}

export { LAYOUTS };
