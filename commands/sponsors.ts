import { z } from 'zod';
import { getGuide } from '../src/content/guide.js';
import { type CommandDefinition, type Ctx, defineCommand, subcommand } from '../src/core/command.js';
import { reply, usageError } from '../src/core/reply.js';
import { ROLES } from '../src/features/sponsors/normalize.js';
import {
  EMPTY_DB,
  GUIDE_SECTIONS,
  type GuideItem,
  renderSearch,
  renderTop,
  searchJson,
} from '../src/features/sponsors/render.js';
import { allSources, searchSponsors, suggestEmployers, topEmployers } from '../src/features/sponsors/search.js';
import { importFiles, sponsorsDb } from '../src/features/sponsors/service.js';

const NAME = 'sponsors';
const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA PR RI SC SD TN TX UT VT VA WA WV WI WY GU VI'.split(
    ' ',
  ),
);

const state = z
  .string()
  .trim()
  .toUpperCase()
  .refine((s) => US_STATES.has(s), 'a two-letter U.S. state code, like CA or TX')
  .optional()
  .meta({ description: 'Two-letter state code, e.g. CA' });

const searchOptions = z.object({
  employer: z
    .string()
    .trim()
    .min(2, 'at least two letters of the employer name')
    .max(120)
    .meta({ description: 'Employer, hospital or university name (typos are fine)', autocomplete: true, rest: true }),
  state,
});
const topOptions = z.object({
  state,
  role: z.enum(ROLES).optional().meta({ description: 'Only resident, fellow or physician filings' }),
});

async function guideItems(ctx: Ctx): Promise<GuideItem[]> {
  const guide = await getGuide(ctx.config.contentDir);
  const titles = new Map(guide.sources.map((s) => [s.id, s.title]));
  return GUIDE_SECTIONS.flatMap((id) => {
    const s = guide.byId.get(id);
    return s ? [{ id: s.id, title: s.title, guide: titles.get(s.source) ?? s.source, reviewed: s.reviewed }] : [];
  });
}

/** "University of Lakemont CA" typed as one line: a trailing upper-case state code is the state. */
function splitState(input: z.output<typeof searchOptions>): { employer: string; state?: string } {
  if (input.state) return input;
  const m = /^(.+\S)\s+([A-Z]{2})$/.exec(input.employer);
  return m?.[1] && m[2] && US_STATES.has(m[2]) ? { employer: m[1], state: m[2] } : input;
}

const search = subcommand({
  name: 'search',
  description: 'Past H-1B filings of an employer: LCAs, physician roles, USCIS approvals',
  examples: ['/sponsors search University of Lakemont', '/sponsors search Brightwater Medical state:TX'],
  options: searchOptions,
  async run(input, ctx) {
    const db = sponsorsDb(ctx.config.sponsorsDbPath);
    if (!db) return usageError(EMPTY_DB);
    const { employer, state: st } = splitState(input);
    const found = searchSponsors(db, employer, { state: st });
    ctx.log.info({ command: NAME, sub: 'search', found: found.length }, 'sponsor search');
    const guide = await guideItems(ctx);
    const files = new Set(found.flatMap((p) => p.sources.map((s) => s.file)));
    const sources = allSources(db).filter((s) => files.has(s.file));
    // Scripts (`--json`) get the figures themselves; `sources` there are the data files.
    return { ...renderSearch(employer, st, found, guide), data: searchJson(found, sources, guide) };
  },
});

const top = subcommand({
  name: 'top',
  description: 'Employers with the most physician, resident and fellow H-1B filings',
  examples: ['/sponsors top', '/sponsors top TX resident'],
  options: topOptions,
  async run(input, ctx) {
    const db = sponsorsDb(ctx.config.sponsorsDbPath);
    if (!db) return usageError(EMPTY_DB);
    const employers = topEmployers(db, input);
    return { ...renderTop(employers, input, await guideItems(ctx)), data: { employers, sources: allSources(db) } };
  },
});

/** Reading files off disk is for an advisor at a terminal: scripts only, never offered in chat. */
const importFromFiles = subcommand({
  name: 'import',
  description: 'Import DOL LCA (.xlsx/.csv) and USCIS Data Hub (.csv) files into the sponsor database',
  examples: ['img-advisor sponsors import LCA_Disclosure_Data_FY2024_Q4.csv h1b_datahubexport-2024.csv'],
  surfaces: ['script'],
  options: z.object({
    files: z.string().trim().min(1).max(10_000).meta({ description: 'The downloaded files', rest: true, list: true }),
  }),
  async run({ files }, ctx) {
    const outcome = await importFiles(files.split('\n').filter(Boolean), ctx.config.sponsorsDbPath, ctx.log);
    if (outcome.problems.length) {
      const lines = [...outcome.lines, ...outcome.problems.map((p) => `${p.field}: ${p.message}`)];
      return { ...usageError(lines.join('\n')), data: { errors: outcome.problems, imported: outcome.imported } };
    }
    return reply([{ type: 'text', markdown: outcome.lines.join('\n') }], 'private', { data: { imported: outcome.imported } });
  },
});

const def: CommandDefinition = defineCommand({
  name: NAME,
  description: 'Has an employer filed for H-1B before? Public DOL and USCIS data, offline',
  examples: ['/sponsors search University of Lakemont', '/sponsors top CA resident'],
  subcommands: [search, top, importFromFiles],
  async autocomplete(option, partial, ctx) {
    if (option !== 'employer') return [];
    const db = sponsorsDb(ctx.config.sponsorsDbPath);
    if (!db) return [];
    return suggestEmployers(db, partial).map((e) => ({
      value: e.name.slice(0, 100),
      label: `${e.name} (${e.state})`.slice(0, 100),
    }));
  },
});

export default def;
