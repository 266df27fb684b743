import { z } from 'zod';
import { argvToText, splitFlag } from '../src/adapters/terminal/one-shot.js';
import { getEngine } from '../src/answer/service.js';
import { type CommandDefinition, type Ctx, defineCommand, type ScriptIO, subcommand } from '../src/core/command.js';
import { textToOptions, validateOptions } from '../src/core/parse-text.js';
import { notice } from '../src/core/reply.js';
import { runViaRouter } from '../src/features/planning/one-shot.js';
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
  const guide = (await getEngine(ctx.config.contentDir)).guide;
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
    if (!db) return notice(EMPTY_DB);
    const { employer, state: st } = splitState(input);
    const found = searchSponsors(db, employer, { state: st });
    ctx.log.info({ command: NAME, sub: 'search', found: found.length }, 'sponsor search');
    return renderSearch(employer, st, found, await guideItems(ctx));
  },
});

const top = subcommand({
  name: 'top',
  description: 'Employers with the most physician, resident and fellow H-1B filings',
  examples: ['/sponsors top', '/sponsors top TX resident'],
  options: topOptions,
  async run(input, ctx) {
    const db = sponsorsDb(ctx.config.sponsorsDbPath);
    if (!db) return notice(EMPTY_DB);
    return renderTop(topEmployers(db, input), input, await guideItems(ctx));
  },
});

const USAGE = [
  'Usage:',
  '  img-advisor sponsors import FILE...            (DOL LCA .xlsx/.csv or USCIS Data Hub .csv)',
  '  img-advisor sponsors search NAME [STATE] [--json]',
  '  img-advisor sponsors top [STATE] [ROLE] [--json]',
].join('\n');

/** `--json` for search and top: exactly one object on stdout; errors as `{ ok: false, errors }` with exit 2. */
async function jsonScript(sub: 'search' | 'top', rest: string[], io: ScriptIO, ctx: Ctx): Promise<number> {
  const fail = (errors: string[]) => {
    io.stdout(JSON.stringify({ ok: false, errors }));
    return 2;
  };
  const schema = sub === 'search' ? searchOptions : topOptions;
  const valid = validateOptions(schema, textToOptions(schema, argvToText(rest)));
  if (!valid.ok) return fail(valid.problems);
  const db = sponsorsDb(ctx.config.sponsorsDbPath);
  if (!db) return fail([EMPTY_DB]);
  const guide = await guideItems(ctx);
  if (sub === 'top') {
    const input = valid.value as z.output<typeof topOptions>;
    io.stdout(JSON.stringify({ ok: true, employers: topEmployers(db, input), sources: allSources(db) }));
    return 0;
  }
  const { employer, state: st } = splitState(valid.value as z.output<typeof searchOptions>);
  const found = searchSponsors(db, employer, { state: st });
  const files = new Set(found.flatMap((p) => p.sources.map((s) => s.file)));
  const sources = allSources(db).filter((s) => files.has(s.file));
  io.stdout(JSON.stringify(searchJson(found, sources, guide)));
  return 0;
}

const def: CommandDefinition = defineCommand({
  name: NAME,
  description: 'Has an employer filed for H-1B before? Public DOL and USCIS data, offline',
  examples: ['/sponsors search University of Lakemont', '/sponsors top CA resident'],
  // `import` is not a chat subcommand: reading files off disk is for an advisor at a terminal.
  subcommands: [search, top],
  async autocomplete(option, partial, ctx) {
    if (option !== 'employer') return [];
    const db = sponsorsDb(ctx.config.sponsorsDbPath);
    if (!db) return [];
    return suggestEmployers(db, partial).map((e) => ({
      value: e.name.slice(0, 100),
      label: `${e.name} (${e.state})`.slice(0, 100),
    }));
  },
  async script(args, io, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'import') {
      const { present: json, rest: files } = splitFlag(rest, '--json');
      if (!files.length) {
        io.stderr(USAGE);
        return 2;
      }
      return importFiles(files, ctx.config.sponsorsDbPath, io, ctx.log, json);
    }
    const { present: json, rest: words } = splitFlag(rest, '--json');
    if (json && (sub === 'search' || sub === 'top')) return jsonScript(sub, words, io, ctx);
    if (json) {
      io.stdout(JSON.stringify({ ok: false, errors: [`Unknown subcommand "${sub ?? ''}". ${USAGE.replace(/\n\s*/g, ' ')}`] }));
      return 2;
    }
    return runViaRouter(def, args, io, ctx);
  },
});

export default def;
