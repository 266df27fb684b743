import { reply } from '../../core/reply.js';
import { neutralize } from '../../core/sanitize.js';
import type { Block, Reply } from '../../core/types.js';
import type { Role } from './normalize.js';
import type { EmployerProfile, Source, TopRow } from './search.js';

/** Guide sections on building a sponsor list and reading LCA data: every answer links them. */
export const GUIDE_SECTIONS = ['path-lca-data', 'path-sponsor-list-sources'];

export const ATTESTATION =
  'An LCA is an attestation an employer files with the Department of Labor before a petition: not a USCIS approval, not a hire and not a promise to sponsor you. Past filings do not bind a program. Confirm with the program’s GME office before you rely on this.';

export const EMPTY_DB =
  'No H-1B sponsor data has been imported yet. An advisor can download the public files (DOL "LCA Programs (H-1B, H-1B1, E-3)" disclosure data and the USCIS "H-1B Employer Data Hub") and run `npx img-advisor sponsors import FILE...` in a terminal; the README explains how.';

export type GuideItem = { id: string; title: string; guide?: string; reviewed?: string };

const money = (n: number) => `$${n.toLocaleString('en-US')}`;
const fy = (y: string | number) => `FY${y}`;

function lcaLine(p: EmployerProfile): string {
  const years = Object.entries(p.lca.byYear).sort(([a], [b]) => Number(a) - Number(b));
  if (!years.length) return 'LCAs: none in the imported DOL files.';
  const parts = years.map(
    ([y, statuses]) =>
      `${fy(y)} ${Object.entries(statuses)
        .sort(([, a], [, b]) => b - a)
        .map(([s, n]) => `${n} ${s.toLowerCase()}`)
        .join(', ')}`,
  );
  return `**H-1B LCAs (all jobs):** ${parts.join(' · ')}`;
}

function roleLine(p: EmployerProfile): string {
  const { byRole, physicianRoles, physicianRolesByYear } = p.lca;
  if (!physicianRoles) return '**Physician, resident and fellow roles:** none among these filings.';
  const perYear = Object.entries(physicianRolesByYear)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([y, n]) => `${fy(y)} ${n}`)
    .join(', ');
  return `**Physician, resident and fellow roles:** ${physicianRoles} (${byRole.resident} resident, ${byRole.fellow} fellow, ${byRole.physician} physician); by year ${perYear}`;
}

function wageLine(p: EmployerProfile): string | undefined {
  const w = Object.entries(p.lca.physicianWagesByYear).sort(([a], [b]) => Number(a) - Number(b));
  if (!w.length) return undefined;
  return `**Offered wage in those roles (per year):** ${w.map(([y, r]) => `${fy(y)} ${r.min === r.max ? money(r.min) : `${money(r.min)}–${money(r.max)}`}`).join(' · ')}`;
}

function uscisLine(p: EmployerProfile): string {
  const years = Object.entries(p.uscis.byYear).sort(([a], [b]) => Number(a) - Number(b));
  if (!years.length) return '**USCIS petitions:** none in the imported Data Hub files.';
  const parts = years.map(
    ([y, u]) =>
      `${fy(y)} initial ${u.initialApprovals} approved / ${u.initialDenials} denied, continuing ${u.continuingApprovals} / ${u.continuingDenials}`,
  );
  return `**USCIS petitions (first decisions):** ${parts.join(' · ')}`;
}

export function sourceLine(sources: Source[]): string {
  if (!sources.length) return '';
  const one = (s: Source) =>
    `${s.file} (${s.kind === 'lca' ? 'DOL LCA' : 'USCIS Data Hub'}, ${s.fiscalYears.map(fy).join(', ') || 'no fiscal year'}, imported ${s.importedAt.slice(0, 10)})`;
  return `_From: ${sources.map(one).join('; ')}._`;
}

export function employerBlock(p: EmployerProfile): string {
  const cities = p.lca.worksiteCities.map((c) => `${titleCase(c.city)}, ${c.state}`).join('; ');
  const lines = [
    `**${neutralize(p.name)}** (${p.state || 'state not given'})`,
    lcaLine(p),
    roleLine(p),
    wageLine(p),
    cities ? `**Worksites:** ${cities}` : undefined,
    uscisLine(p),
    `**Cap-exempt hint, inferred (not a fact):** ${p.capExemptHint.leaning}. ${p.capExemptHint.reasons.join(' ')}`,
    sourceLine(p.sources),
  ];
  return lines.filter((l): l is string => Boolean(l)).join('\n');
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

function closing(guide: GuideItem[]): Block[] {
  return [
    { type: 'text', markdown: `_${ATTESTATION}_` },
    { type: 'sources', items: guide },
  ];
}

export function renderSearch(query: string, state: string | undefined, found: EmployerProfile[], guide: GuideItem[]): Reply {
  const where = state ? ` in ${state.toUpperCase()}` : '';
  if (!found.length) {
    return reply([
      {
        type: 'text',
        markdown: `No employer in the imported data matches ${neutralize(`“${query}”`)}${where}. Try the legal name's main words (\`/sponsors search Lakemont University\`), or leave out the state.`,
      },
      ...closing(guide),
    ]);
  }
  const lead = found.length === 1 ? 'One employer matches' : `${found.length} employers match`;
  return reply([
    { type: 'text', markdown: `${lead} ${neutralize(`“${query}”`)}${where}:` },
    ...found.map((p): Block => ({ type: 'text', markdown: employerBlock(p) })),
    ...closing(guide),
  ]);
}

export function renderTop(rows: TopRow[], opts: { state?: string; role?: Role }, guide: GuideItem[]): Reply {
  const what = opts.role ? `${opts.role} ` : 'physician, resident and fellow ';
  const where = opts.state ? ` in ${opts.state.toUpperCase()} (employer's state)` : '';
  if (!rows.length) {
    return reply([{ type: 'text', markdown: `No employer${where} has ${what}filings in the imported data.` }, ...closing(guide)]);
  }
  const list = rows
    .map(
      (r, i) =>
        `${i + 1}. **${neutralize(r.name)}** (${r.state}): ${r.filings} (${r.byRole.resident} resident, ${r.byRole.fellow} fellow, ${r.byRole.physician} physician)`,
    )
    .join('\n');
  return reply([
    { type: 'text', markdown: `Employers with the most ${what}LCAs${where}:\n${list}\n\nDetails: \`/sponsors search NAME\`.` },
    ...closing(guide),
  ]);
}

/** One or two lines for a tracker entry whose institution matches: shown, never saved into it. */
export function trackerLines(p: EmployerProfile): string {
  const years = Object.keys(p.lca.byYear).sort();
  const span = years.length ? `${fy(years[0] as string)}${years.length > 1 ? `–${fy(years.at(-1) as string)}` : ''}` : '';
  const lca = p.lca.total
    ? `${p.lca.total} H-1B LCAs ${span}, ${p.lca.physicianRoles} for physician, resident or fellow roles`
    : 'no LCAs';
  const u = Object.values(p.uscis.byYear).reduce((a, b) => a + b.initialApprovals + b.continuingApprovals, 0);
  return `**H-1B filing history** (public data for ${neutralize(p.name)}, ${p.state}): ${lca}; ${u} USCIS approvals. Cap-exempt hint, inferred: ${p.capExemptHint.leaning}. Nothing was added to your entry; an LCA is not a promise to sponsor, so confirm with the program. More: \`/sponsors search ${neutralize(p.name).slice(0, 60)}\``;
}

/** The `--json` shape: one object with every employer found and every file the figures came from. */
export function searchJson(found: EmployerProfile[], sources: Source[], guide: GuideItem[]) {
  return {
    employers: found.map(({ sources: _own, ...p }) => ({ ...p, sources: _own.map((s) => s.file) })),
    sources,
    note: ATTESTATION,
    guide: guide.map(({ id, title }) => ({ id, title })),
  };
}
