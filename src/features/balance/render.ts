import { VISA_REMINDER } from '../../content/scope.js';
import { reply, usageError } from '../../core/reply.js';
import { neutralize } from '../../core/sanitize.js';
import type { Block, FormField, Reply } from '../../core/types.js';
import type { Assessment } from './assess.js';
import type { BalanceContent, DimensionId, Specialty, Stage, VisaPath } from './content.js';

/** The sources line: each guide section once, in first-mentioned order. */
export function sourcesBlock(ids: string[], content: BalanceContent): Block {
  const items = [...new Set(ids)].flatMap((id) => {
    const s = content.sections.get(id);
    return s ? [{ id, title: s.title, guide: s.guide, reviewed: s.reviewed }] : [];
  });
  return { type: 'sources', items };
}

function shortNames(s: Specialty): string {
  const abbr = s.abbreviations.slice(0, 2);
  return abbr.length ? `${s.name} (${abbr.join(', ')})` : s.name;
}

export function knownSpecialtiesLine(content: BalanceContent): string {
  return content.specialties.map(shortNames).join('; ');
}

/** All specialties, one line each: the no-argument view. */
export function renderSpecialtyTable(content: BalanceContent): Reply {
  const named = content.specialties.filter((s) => !s.described).map((s) => s.name);
  const notes = [
    'Compare two or more side by side: `/balance specialties IM peds` or `/balance specialties "family medicine" path`.',
    'Conditions vary by program; ask current residents about call and hours.',
  ];
  if (named.length) {
    notes.push(
      `_${named.join(', ')}: the guides name ${named.length === 1 ? 'it' : 'them'} as feeders but do not describe the lifestyle._`,
    );
  }
  return reply(
    [
      { type: 'text', markdown: '**Base specialties that lead into clinical informatics**' },
      { type: 'fields', fields: content.specialties.map((s) => ({ label: shortNames(s), value: s.tagline })) },
      { type: 'text', markdown: notes.join('\n') },
      sourcesBlock(['balance-choosing-base-specialty', 'path-feeder-specialties'], content),
    ],
    'public',
  );
}

function specialtyDetail(s: Specialty): string {
  const lines = s.described
    ? [`**Pros:** ${s.pros.join('; ')}`, `**Cons:** ${s.cons.join('; ')}`]
    : ['**Pros and cons:** not described in our guides'];
  lines.push(`**Lifestyle:** ${s.lifestyle}`, `**Into informatics:** ${s.informatics}`);
  return lines.join('\n');
}

/** The chosen specialties side by side (platforms lay fields out in columns). */
export function renderComparison(found: Specialty[], content: BalanceContent): Reply {
  const title = found.length === 1 ? `**${found[0]?.name}**` : `**${found.map((s) => s.name).join(' vs ')}**`;
  return reply(
    [
      { type: 'text', markdown: title },
      { type: 'fields', fields: found.map((s) => ({ label: s.name, value: specialtyDetail(s) })) },
      {
        type: 'text',
        markdown:
          '_Every route ends the same way: board eligibility in the base specialty, then a two-year clinical informatics fellowship. Conditions vary by program._',
      },
      sourcesBlock([...found.flatMap((s) => s.sections), 'balance-pathway-residency-fellowship'], content),
    ],
    'public',
  );
}

/** A usage error naming what was not understood and the known specialties, for chat and scripts alike. */
export function unknownSpecialtyReply(unknown: string[], content: BalanceContent): Reply {
  const list = unknown.map((u) => `"${neutralize(u)}"`).join(', ');
  const known = knownSpecialtiesLine(content);
  const r = usageError(
    `\`specialties\`: I don't know ${list} as a specialty.\nKnown ones: ${known}.\nExample: \`/balance specialties IM peds\``,
  );
  return {
    ...r,
    data: { errors: [{ field: 'names', message: `unknown specialty: ${unknown.join(', ')}. Known ones: ${known}.` }] },
  };
}

function stageText(s: Stage): string {
  const lines = [`**${s.name}**`, `_Hours:_ ${s.hours}`, ...s.week.map((w) => `- ${w}`)];
  if (s.models?.length) lines.push(...s.models.map((m) => `- **${m.name}** (${m.example}): ${m.rhythm}`));
  lines.push('Protect it:', ...s.protect.map((p) => `- ${p}`));
  return lines.join('\n');
}

function visaText(v: VisaPath): string {
  return [`**${v.name}**`, ...v.shapes.map((s) => `- ${s}`), `_Plan:_ ${v.plan}`].join('\n');
}

export function renderStages(stages: Stage[], visas: VisaPath[], content: BalanceContent): Reply {
  const blocks: Block[] = [{ type: 'text', markdown: '**What the week looks like, stage by stage**' }];
  for (const s of stages) blocks.push({ type: 'text', markdown: stageText(s) });
  blocks.push({ type: 'text', markdown: '**How your visa path shapes the choices**' });
  for (const v of visas) blocks.push({ type: 'text', markdown: visaText(v) });
  blocks.push(sourcesBlock([...stages.flatMap((s) => s.sections), ...visas.flatMap((v) => v.sections)], content));
  blocks.push({ type: 'text', markdown: `_${VISA_REMINDER}_` });
  return reply(blocks, 'public');
}

export const CHECK_FIELD_PREFIX = 'r-';

/** The five ratings as one form (five fields: the Discord modal limit), pre-filled when known. */
export function checkForm(formId: string, content: BalanceContent, values: Partial<Record<DimensionId, string>> = {}): Reply {
  const fields: FormField[] = content.dimensions.map((d) => ({
    id: `${CHECK_FIELD_PREFIX}${d.id}`,
    label: d.label,
    style: 'short',
    required: true,
    maxLength: 1,
    placeholder: '1 = struggling, 5 = going well',
    value: values[d.id],
  }));
  return reply(
    [
      {
        type: 'text',
        markdown:
          'Rate each dimension from **1** (struggling) to **5** (going well). Only you see the result, and nothing is stored.',
      },
      { type: 'form', id: formId, title: 'Balance check', submitLabel: 'See my weakest areas', fields },
    ],
    'private',
  );
}

export function renderAssessment(a: Assessment, content: BalanceContent): Reply {
  const dims = new Map(content.dimensions.map((d) => [d.id, d]));
  const scoreLine = content.dimensions.map((d) => `${d.name} ${a.ratings[d.id]}/5`).join(' · ');
  const weakNames = a.weakest.map((id) => `${dims.get(id)?.name ?? id} (${a.ratings[id]}/5)`).join(', ');
  const head = a.healthy
    ? `**Your balance check**\n${scoreLine}\n\nNothing stands out as weak. Your lowest: ${weakNames}. Keep these habits going:`
    : `**Your balance check**\n${scoreLine}\n\n**Weakest:** ${weakNames}. What the guide suggests:`;
  const blocks: Block[] = [{ type: 'text', markdown: head }];
  const sections: string[] = [];
  for (const id of a.weakest) {
    const d = dims.get(id);
    if (!d) continue;
    const tips = d.strategies.flatMap((sid) => {
      const s = content.strategies.get(sid);
      if (!s) return [];
      sections.push(s.section);
      return [`- **${s.title}**: ${s.text}`];
    });
    blocks.push({ type: 'text', markdown: `**${d.name}** (${a.ratings[id]}/5) covers ${d.covers}.\n${tips.join('\n')}` });
  }
  blocks.push(sourcesBlock(sections, content));
  blocks.push({
    type: 'text',
    markdown: '_Only you can see this, and your ratings were not stored. Run `/balance check` again any time._',
  });
  return reply(blocks, 'private');
}

/** The table for scripts: `img-advisor balance specialties --json`. */
export function specialtiesJson(list: Specialty[]) {
  return {
    ok: true,
    count: list.length,
    specialties: list.map((s) => ({
      id: s.id,
      name: s.name,
      abbreviations: s.abbreviations,
      described: s.described,
      summary: s.tagline,
      pros: s.pros,
      cons: s.cons,
      lifestyle: s.lifestyle,
      informatics: s.informatics,
      sections: s.sections,
    })),
  };
}
