import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, PACKAGE_ROOT } from '../src/config.js';
import { draft } from '../src/features/drafts/draft.js';
import { checkInput, type DraftKind } from '../src/features/drafts/fields.js';
import { getDraftLexicon } from '../src/features/drafts/lexicon.js';
import { type BenchResult, round, timeSync, versus } from './stats.js';

const RUNS = 2000;

/**
 * Drafting (shape analysis, three versions, checks) for every realistic fixture case, against
 * a bare template that pastes the same fields into one string: the cost of reading well.
 */
export async function benchDrafts(): Promise<BenchResult[]> {
  const lexicon = await getDraftLexicon(loadConfig({ LOG_LEVEL: 'silent' }).contentDir);
  const now = new Date('2025-06-15T00:00:00Z');
  const inputs = (['gap', 'failure', 'disclosure'] as DraftKind[]).flatMap((kind) => {
    const file = path.join(PACKAGE_ROOT, 'test/fixtures/drafts', `${kind}.json`);
    const cases = JSON.parse(readFileSync(file, 'utf8')).clean as { input: unknown }[];
    return cases.map((c) => {
      const checked = checkInput(kind, c.input, now);
      if (!checked.ok) throw new Error(`fixture for ${kind} no longer valid`);
      return checked.draft;
    });
  });
  let i = 0;
  let sink = 0;
  const ours = timeSync(() => {
    const d = inputs[i++ % inputs.length];
    if (d) sink += draft(d, { tone: 'neutral', short: false }, lexicon).composed.versions.statement.length;
  }, RUNS);
  const bare = timeSync(() => {
    const d = inputs[i++ % inputs.length];
    if (d) sink += Object.values(d.input).join('. ').length;
  }, RUNS);
  if (sink < 0) throw new Error('unreachable: keeps the timed work from being optimised away');
  return [
    versus(
      `drafts: one draft with checks, p50 over ${inputs.length} fixture cases (${RUNS} runs) vs pasting the fields`,
      'ms',
      ours.p50,
      bare.p50,
    ),
    {
      name: `drafts: one draft with checks, p99 (${RUNS} runs; goal: under 20 ms, far inside a platform reply deadline)`,
      value: round(ours.p99),
      unit: 'ms',
      goal: 20,
      goalKind: 'max-value',
    },
  ];
}
