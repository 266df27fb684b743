import { z } from 'zod';
import { actionCodec } from '../src/core/actions.js';
import { type CommandDefinition, defineCommand, subcommand } from '../src/core/command.js';
import { notice, reply } from '../src/core/reply.js';
import { neutralize } from '../src/core/sanitize.js';
import { assess, type Ratings, ratingText } from '../src/features/balance/assess.js';
import { DIMENSIONS, type DimensionId, getBalanceContent } from '../src/features/balance/content.js';
import {
  CHECK_FIELD_PREFIX,
  checkForm,
  renderAssessment,
  renderComparison,
  renderSpecialtyTable,
  renderStages,
  specialtiesJson,
  unknownSpecialtyReply,
} from '../src/features/balance/render.js';
import { resolveSpecialties } from '../src/features/balance/specialties.js';

const NAME = 'balance';
const rating = (what: string) =>
  z
    .number()
    .int()
    .min(1)
    .max(5)
    .optional()
    .meta({ description: `${what}: 1 (struggling) to 5 (going well)` });

/** Option names cannot all be dimension ids ("well-being"), so map them once. */
const OPTION_OF: Record<DimensionId, 'time' | 'energy' | 'control' | 'growth' | 'wellbeing'> = {
  time: 'time',
  energy: 'energy',
  control: 'control',
  growth: 'growth',
  'well-being': 'wellbeing',
};

/** The check form, and its retry button: one slot per dimension, empty where the typed value was not valid. */
const slot = z.string().regex(/^[1-5]?$/);
/** One slot per dimension (five). */
type Slots = [string, string, string, string, string];
const actions = actionCodec(NAME, {
  check: z.tuple([]),
  retry: z.tuple([slot, slot, slot, slot, slot]),
});

const specialties = subcommand({
  name: 'specialties',
  description: 'Base specialties that lead into informatics: pros, cons, lifestyle; name some to compare',
  examples: ['/balance specialties', '/balance specialties IM peds EM', '/balance specialties "family medicine" path'],
  options: z.object({
    names: z.string().trim().max(200).optional().meta({ description: 'Specialties to compare, e.g. IM peds EM', rest: true }),
  }),
  // Scripts (`--json`) get the table as `data`: every field of each specialty, not just the text.
  async run({ names }, ctx) {
    const content = await getBalanceContent(ctx.config.contentDir);
    if (!names) return { ...renderSpecialtyTable(content), data: specialtiesJson(content.specialties) };
    const { found, unknown } = resolveSpecialties(names, content.specialties);
    if (unknown.length || !found.length) return unknownSpecialtyReply(unknown.length ? unknown : [names], content);
    return { ...renderComparison(found, content), data: specialtiesJson(found) };
  },
});

const stage = subcommand({
  name: 'stage',
  description: 'What the week looks like in residency, fellowship and after, and how your visa shapes it',
  examples: ['/balance stage', '/balance stage fellowship', '/balance stage residency j1'],
  options: z.object({
    stage: z.enum(['residency', 'fellowship', 'after-training']).optional().meta({ description: 'Show only this stage' }),
    visa: z.enum(['j1', 'h1b', 'o1-green-card']).optional().meta({ description: 'Show only this visa path' }),
  }),
  async run(input, ctx) {
    const content = await getBalanceContent(ctx.config.contentDir);
    const stages = input.stage ? content.stages.filter((s) => s.id === input.stage) : content.stages;
    const visas = input.visa ? content.visas.filter((v) => v.id === input.visa) : content.visas;
    return renderStages(stages, visas, content);
  },
});

const check = subcommand({
  name: 'check',
  description: 'A private five-question balance check that points to strategies for your weakest areas',
  examples: ['/balance check', '/balance check time:2 energy:3 control:2 growth:4 wellbeing:3'],
  options: z.object({
    time: rating('Time'),
    energy: rating('Energy'),
    control: rating('Control'),
    growth: rating('Growth'),
    wellbeing: rating('Well-being'),
  }),
  async run(input, ctx) {
    const content = await getBalanceContent(ctx.config.contentDir);
    const given = DIMENSIONS.map((d) => [d, input[OPTION_OF[d]]] as const);
    if (given.every(([, v]) => v !== undefined)) {
      ctx.log.info({ command: NAME, sub: 'check', via: 'options' }, 'balance check');
      return renderAssessment(assess(Object.fromEntries(given) as Ratings), content);
    }
    const values = Object.fromEntries(given.filter(([, v]) => v !== undefined).map(([d, v]) => [d, String(v)]));
    return checkForm(actions.id(ctx.user.id, 'check'), content, values);
  },
});

const balance: CommandDefinition = defineCommand({
  name: NAME,
  description: 'Work-life balance: compare base specialties, see each training stage, check your own balance',
  examples: ['/balance specialties IM peds', '/balance stage', '/balance check'],
  subcommands: [specialties, stage, check],

  async onSubmit(payload, fields, ctx) {
    if (actions.decode(payload)?.kind !== 'check') return notice('That form is no longer in use. Run `/balance check` again.');
    const content = await getBalanceContent(ctx.config.contentDir);
    const problems: string[] = [];
    const ratings: Partial<Ratings> = {};
    for (const d of content.dimensions) {
      const raw = fields[`${CHECK_FIELD_PREFIX}${d.id}`] ?? '';
      const parsed = ratingText.safeParse(raw);
      if (parsed.success) ratings[d.id] = parsed.data;
      else {
        const typed = raw.trim() ? `; you wrote "${neutralize(raw.trim().slice(0, 20))}"` : '';
        problems.push(`- **${d.name}**: use a whole number from 1 (struggling) to 5 (going well)${typed}.`);
      }
    }
    if (problems.length) {
      const keep = DIMENSIONS.map((d) => String(ratings[d] ?? ''));
      return reply(
        [
          { type: 'text', markdown: `A rating needs fixing:\n${problems.join('\n')}` },
          {
            type: 'buttons',
            buttons: [{ id: actions.id(ctx.user.id, 'retry', ...(keep as Slots)), label: 'Fix my ratings', style: 'primary' }],
          },
        ],
        'private',
      );
    }
    ctx.log.info({ command: NAME, sub: 'check', via: 'form' }, 'balance check');
    return renderAssessment(assess(ratings as Ratings), content);
  },

  async onAction(payload, _values, ctx) {
    const a = actions.decode(payload);
    if (a?.kind !== 'retry') return notice('That button is no longer in use. Run `/balance check` again.');
    const content = await getBalanceContent(ctx.config.contentDir);
    const values = Object.fromEntries(DIMENSIONS.map((d, i) => [d, a.args[i] || undefined]));
    return checkForm(actions.id(ctx.user.id, 'check'), content, values);
  },
});

export default balance;
