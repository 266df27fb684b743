import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { useHarness } from './support/harness.js';
import { runScript } from './support/script.js';

const h = useHarness();

/** What a script would see: stdout, stderr and the exit code of `img-advisor <args>`. */
function run(...argv: string[]) {
  return runScript(h.app, argv, { files: {} });
}

describe('scripted tracker (npx img-advisor tracker ...)', () => {
  it('adds through the router, then exports plain CSV and JSON with warnings', async () => {
    // argv as a shell delivers it: the quotes are gone, the value is one word.
    expect((await run('tracker', 'plan', 'need:h1b', 'status:none', 'step3:not yet')).code).toBe(0);
    const added = await run('tracker', 'add', 'institution:Mercy General', 'visa:j1', 'notes:one, "two"\nthree');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Saved as t1/);
    expect((await run('tracker', 'add', 'Riverside Clinic', 'visa:h1b', 'step3:before ranking')).code).toBe(0);

    const csv = await run('tracker', 'export');
    expect(csv.code).toBe(0);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.id, r.institution, r.notes, r.warnings])).toEqual([
      ['t1', 'Mercy General', 'one, "two"\nthree', 'J-1 only'],
      ['t2', 'Riverside Clinic', '', 'Step 3 timing'],
    ]);

    const json = await run('tracker', 'export', '--json');
    expect(json.code).toBe(0);
    const data = JSON.parse(json.stdout);
    expect(data).toMatchObject({ ok: true, count: 2, plan: { need: 'h1b', step3: 'not-yet' } });
    expect(data.entries[0]).toMatchObject({ id: 't1', institution: 'Mercy General', visa: 'j1' });
    expect(data.entries[0].warnings).toEqual([
      expect.objectContaining({ rule: 'j1-only', sections: expect.arrayContaining(['h1b-policy-j1-only']) }),
    ]);
    expect(data.entries[1].warnings.map((w: { rule: string }) => w.rule)).toEqual(['step3-timing']);
  });

  it('prints other subcommands as text, and exits 2 on bad usage', async () => {
    const list = await run('tracker', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/Your tracker: \d+ of 200 entries/);
    const bad = await run('tracker', 'add', 'Lakeside', 'step3:2027-13-01');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Step 3: "2027-13-01" is not a real date/);
    expect((await run('tracker', 'export', 'extra')).code).toBe(2);
  });
});

describe('scripted balance (npx img-advisor balance ...)', () => {
  it('prints the specialties table as one JSON object', async () => {
    const all = await run('balance', 'specialties', '--json');
    expect(all.code).toBe(0);
    const data = JSON.parse(all.stdout);
    expect(data.count).toBe(data.specialties.length);
    expect(data.specialties.map((s: { id: string }) => s.id)).toContain('pathology');
    expect(data.specialties[0]).toMatchObject({ id: 'internal-medicine', name: 'Internal Medicine', described: true });
    expect(data.specialties[0].pros.length).toBeGreaterThan(0);
    const two = JSON.parse((await run('balance', 'specialties', 'IM', 'peds', '--json')).stdout);
    expect(two.specialties.map((s: { id: string }) => s.id)).toEqual(['internal-medicine', 'pediatrics']);
  });

  it('reports an unknown specialty in JSON with exit code 2', async () => {
    // Issue 11: one error shape for every command, `{ ok: false, command, errors: [{ field, message }] }`
    // (this test used to expect balance's own `{ ok: false, error: "..." }`).
    const r = await run('balance', 'specialties', 'dermatology', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      command: 'balance',
      errors: [
        {
          field: 'names',
          message: expect.stringMatching(/^unknown specialty: dermatology\. Known ones: Internal Medicine \(IM/),
        },
      ],
    });
    expect(r.stderr).toMatch(/unknown specialty: dermatology/);
  });

  it('still prints the other subcommands as text', async () => {
    const r = await run('balance', 'stage', 'residency');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/averaged over four weeks/);
  });
});
