import { stringify } from 'yaml';
import { z } from 'zod';
import type { Area } from '../../content/schema.js';
import { defineRecord } from '../../store/record.js';
import type { StateStore } from '../../store/store.js';

/**
 * An advisor's answer saved as a proposed guide addition. `img-advisor proposals` writes them as
 * guide YAML for review; `content-check --proposals DIR` validates those files against the guide
 * (schema, sources, ids already taken) before an advisor moves their sections into content/guide/.
 */
const proposalSchema = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  visa: z.boolean(),
  by: z.string(),
  at: z.string(),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const proposalsRecord = defineRecord('guide-proposals', {
  version: 1,
  personal: false,
  ttlDays: 365,
  schema: z.object({ items: z.record(z.string(), proposalSchema) }),
});

export async function propose(store: StateStore, p: Proposal): Promise<void> {
  await store.updateShared(proposalsRecord, 'all', (current) => ({ items: { ...current?.items, [p.id]: p } }));
}

export async function listProposals(store: StateStore): Promise<Proposal[]> {
  const loaded = await store.loadShared(proposalsRecord, 'all');
  return loaded.status === 'found' ? Object.values(loaded.value.items).sort((a, b) => a.at.localeCompare(b.at)) : [];
}

const APPLICANT: Area = 'applicant';

const STOP = new Set(
  'a an and are can do does for from how i in is it me my of on or should the to what when where which who why will with you your'.split(
    ' ',
  ),
);

function slugOf(text: string, taken: Set<string>): string {
  const words = text
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !STOP.has(w));
  const base = `proposed-${words.slice(0, 6).join('-') || 'answer'}`.replace(/-+/g, '-').replace(/-$/, '');
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The proposals as guide files, one per source guide, in the guide's own schema. */
export function proposalFiles(
  proposals: Proposal[],
  opts: { visaSource: string; otherSource: string; existingIds: Set<string> },
): { file: string; text: string }[] {
  const taken = new Set(opts.existingIds);
  const bySource = new Map<string, unknown[]>();
  for (const p of proposals) {
    const source = p.visa ? opts.visaSource : opts.otherSource;
    const answer = p.answer.trim();
    const first = answer.split(/(?<=[.!?])\s+/)[0] ?? answer;
    const keywords = [...new Set(p.question.toLowerCase().match(/[a-z0-9-]{3,}/g) ?? [])].filter((w) => !STOP.has(w)).slice(0, 6);
    const section = {
      id: slugOf(p.question, taken),
      title: p.question.length > 120 ? `${p.question.slice(0, 117)}...` : p.question,
      area: p.visa ? 'immigration' : APPLICANT,
      reviewed: p.at.slice(0, 10),
      keywords: keywords.length ? keywords : ['advisor answer'],
      questions: p.question.length >= 8 && p.question.length <= 200 ? [p.question] : [],
      summary: first.slice(0, 400),
      text: answer.slice(0, 2400),
    };
    bySource.set(source, [...(bySource.get(source) ?? []), section]);
  }
  return [...bySource].map(([source, sections]) => ({
    file: `proposed-${source}.yaml`,
    text: `${HEADER}${stringify({ source, sections })}`,
  }));
}

const HEADER =
  "# Proposed guide additions from advisors' answers. Review them, put them in our own words, then move\n# the sections into content/guide/ and run `npm run content:check`.\n";
