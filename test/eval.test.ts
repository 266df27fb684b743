import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { useHarness } from './support/harness.js';
import { runScript } from './support/script.js';

/**
 * The honest yardstick for /ask and /visa: member-style questions (typos, abbreviations) written
 * from the source guides without looking at our content, run through the one-shot JSON mode.
 */
const evalSchema = z.object({
  questions: z.array(
    z.union([
      z.object({ q: z.string(), command: z.enum(['ask', 'visa']), expect: z.array(z.string()).min(1) }),
      z.object({ q: z.string(), command: z.enum(['ask', 'visa']), out_of_scope: z.literal(true) }),
    ]),
  ),
});
const { questions } = evalSchema.parse(parse(readFileSync(new URL('./eval/questions.yaml', import.meta.url), 'utf8')));

const answerSchema = z.object({
  answered: z.boolean(),
  text: z.string(),
  sources: z.array(z.object({ id: z.string(), title: z.string() })),
});

const h = useHarness();

async function oneShot(command: string, q: string) {
  const r = await runScript(h.app, [command, '--json', q]);
  expect(r.code).toBe(0);
  return answerSchema.parse(JSON.parse(r.stdout));
}

describe('evaluation set', () => {
  it('answers at least 90% of in-scope questions with the right facts and declines out-of-scope ones', async () => {
    const misses: string[] = [];
    const wrongYes: string[] = [];
    let inScope = 0;
    let right = 0;
    let outScope = 0;
    let declined = 0;
    for (const item of questions) {
      const res = await oneShot(item.command, item.q);
      if ('expect' in item) {
        inScope++;
        const text = res.text.toLowerCase();
        const ok = res.answered && res.sources.length > 0 && item.expect.some((e) => text.includes(e.toLowerCase()));
        if (ok) right++;
        else misses.push(`${item.command}: ${item.q} -> ${res.answered ? res.sources[0]?.id : 'declined'}`);
      } else {
        outScope++;
        if (!res.answered) declined++;
        else wrongYes.push(`${item.command}: ${item.q} -> ${res.sources[0]?.id}`);
      }
    }
    const report = `in scope ${right}/${inScope}; declined ${declined}/${outScope}\nmissed:\n${misses.join('\n')}\nanswered out of scope:\n${wrongYes.join('\n')}`;
    if (process.env.EVAL_REPORT) console.log(report);
    expect(right / inScope, report).toBeGreaterThanOrEqual(0.9);
    // Declining is the harder half for a lexical engine; 80% is the floor we hold (see docs/ANSWERS.md).
    expect(declined / outScope, report).toBeGreaterThanOrEqual(0.8);
  });
});
