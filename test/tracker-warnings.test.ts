import { describe, expect, it } from 'vitest';
import { blankEntry, type Entry, type Plan } from '../src/features/tracker/entry.js';
import { warningsFor } from '../src/features/tracker/warnings.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const entry = (over: Partial<Entry> = {}): Entry => ({
  ...blankEntry('t1', 'Mercy General', NOW),
  program: 'Internal Medicine residency',
  visa: 'both',
  cap: 'exempt',
  ...over,
});
const plan = (over: Partial<Plan> = {}): Plan => ({ need: 'h1b', status: 'none', step3: 'passed', ...over });
const rules = (e: Entry, p: Plan | undefined) => warningsFor(e, p).map((w) => w.rule);

describe('J-1-only program for someone who needs an H-1B', () => {
  it('warns when the program takes J-1 only and the plan needs H-1B', () => {
    const w = warningsFor(entry({ visa: 'j1' }), plan({ need: 'h1b' }));
    expect(w.map((x) => x.rule)).toContain('j1-only');
    expect(w.find((x) => x.rule === 'j1-only')?.sections).toContain('h1b-policy-j1-only');
  });
  it('stays quiet when the member would accept a J-1, or the program offers H-1B, or there is no plan', () => {
    expect(rules(entry({ visa: 'j1' }), plan({ need: 'h1b-or-j1' }))).not.toContain('j1-only');
    expect(rules(entry({ visa: 'j1' }), plan({ need: 'j1' }))).not.toContain('j1-only');
    expect(rules(entry({ visa: 'both' }), plan({ need: 'h1b' }))).not.toContain('j1-only');
    expect(rules(entry({ visa: 'j1' }), undefined)).not.toContain('j1-only');
  });
});

describe('no visa sponsorship at all', () => {
  it('warns anyone who needs a visa', () => {
    expect(rules(entry({ visa: 'none' }), plan({ need: 'j1' }))).toContain('no-sponsorship');
  });
  it('stays quiet for someone who needs no visa', () => {
    expect(rules(entry({ visa: 'none' }), plan({ need: 'none' }))).toEqual([]);
  });
});

describe('Step 3 needed before ranking when the member takes it later', () => {
  const h1bProgram = (over: Partial<Entry> = {}) =>
    entry({ visa: 'h1b', step3: 'before-ranking', step3By: '2027-02-01', ...over });

  it('warns when the planned date is after the program deadline', () => {
    const w = warningsFor(h1bProgram(), plan({ step3: 'planned', step3Date: '2027-05-01' }));
    const step3 = w.find((x) => x.rule === 'step3-timing');
    expect(step3?.message).toMatch(/2027-05-01/);
    expect(step3?.message).toMatch(/2027-02-01/);
  });
  it('warns when the member has no Step 3 date at all', () => {
    expect(rules(h1bProgram({ step3By: undefined }), plan({ step3: 'not-yet' }))).toContain('step3-timing');
  });
  it('warns for a bare deadline date as well as "before ranking"', () => {
    expect(rules(h1bProgram({ step3: 'by-date' }), plan({ step3: 'planned', step3Date: '2027-03-01' }))).toContain(
      'step3-timing',
    );
  });
  it('stays quiet when Step 3 is passed or planned in time', () => {
    expect(rules(h1bProgram(), plan({ step3: 'passed' }))).not.toContain('step3-timing');
    expect(rules(h1bProgram(), plan({ step3: 'planned', step3Date: '2027-01-15' }))).not.toContain('step3-timing');
    expect(rules(h1bProgram(), plan({ step3: 'planned', step3Date: '2027-02-01' }))).not.toContain('step3-timing');
  });
  it('stays quiet when the rule does not bite: by contract with no date, not required, J-1-only, or no H-1B wanted', () => {
    const late = plan({ step3: 'planned', step3Date: '2027-05-01' });
    expect(rules(h1bProgram({ step3: 'by-contract', step3By: undefined }), late)).not.toContain('step3-timing');
    expect(rules(h1bProgram({ step3: 'not-required', step3By: undefined }), late)).not.toContain('step3-timing');
    expect(rules(h1bProgram({ visa: 'j1' }), plan({ need: 'h1b-or-j1', step3: 'not-yet' }))).not.toContain('step3-timing');
    expect(rules(h1bProgram(), plan({ need: 'j1', step3: 'not-yet' }))).not.toContain('step3-timing');
    expect(rules(h1bProgram(), undefined)).not.toContain('step3-timing');
  });
  it('cannot compare a planned date with "before ranking" when no deadline is recorded, so it does not guess', () => {
    expect(rules(h1bProgram({ step3By: undefined }), plan({ step3: 'planned', step3Date: '2027-05-01' }))).not.toContain(
      'step3-timing',
    );
  });
});

describe('"case-by-case" wording', () => {
  it('warns on case-by-case or no-guarantee wording in the policy or the notes', () => {
    expect(rules(entry({ policy: 'H-1B considered case-by-case' }), undefined)).toContain('case-by-case');
    expect(rules(entry({ notes: 'Coordinator: we decide case by case.' }), undefined)).toContain('case-by-case');
    expect(rules(entry({ policy: 'We do not guarantee H-1B sponsorship' }), undefined)).toContain('case-by-case');
    expect(rules(entry({ policy: "We don't guarantee it" }), undefined)).toContain('case-by-case');
  });
  it('stays quiet on clear wording', () => {
    expect(rules(entry({ policy: 'We sponsor H-1B for all residents', notes: 'A clear case for applying.' }), undefined)).toEqual(
      [],
    );
  });
});

describe('cap-subject employer for someone on a cap-exempt H-1B', () => {
  it('warns about the lottery and points to an attorney', () => {
    const w = warningsFor(entry({ cap: 'subject', visa: 'h1b' }), plan({ status: 'h1b-cap-exempt' }));
    const cap = w.find((x) => x.rule === 'cap-subject');
    expect(cap?.message).toMatch(/lottery/);
    expect(cap?.message).toMatch(/attorney/);
    expect(cap?.sections).toContain('h1b-attorney-when');
  });
  it('stays quiet for a cap-exempt employer, a member not on a cap-exempt H-1B, or a J-1-only program', () => {
    expect(rules(entry({ cap: 'exempt' }), plan({ status: 'h1b-cap-exempt' }))).not.toContain('cap-subject');
    expect(rules(entry({ cap: 'subject' }), plan({ status: 'j1' }))).not.toContain('cap-subject');
    expect(rules(entry({ cap: 'subject' }), plan({ status: 'h1b-cap-subject' }))).not.toContain('cap-subject');
    expect(rules(entry({ cap: 'subject', visa: 'j1' }), plan({ need: 'h1b-or-j1', status: 'h1b-cap-exempt' }))).not.toContain(
      'cap-subject',
    );
  });
});

describe('unknown visa policy', () => {
  it('warns and drafts the coordinator email with the right questions', () => {
    const w = warningsFor(entry({ visa: 'unknown', cap: 'unknown' }), undefined).find((x) => x.rule === 'visa-unknown');
    expect(w?.email).toMatch(/^Subject: /);
    expect(w?.email).toMatch(/Internal Medicine residency at Mercy General/);
    expect(w?.email).toMatch(/Step 3/);
    expect(w?.email).toMatch(/cap-exempt/);
  });
  it('asks a fellowship about fellows rather than about Step 3 for residents', () => {
    const w = warningsFor(entry({ visa: 'unknown', program: 'Clinical Informatics fellowship' }), undefined);
    const email = w.find((x) => x.rule === 'visa-unknown')?.email ?? '';
    expect(email).toMatch(/fellows\?/);
    expect(email).not.toMatch(/Step 3/);
  });
  it('stays quiet once the policy is known, or for someone who needs no visa', () => {
    expect(rules(entry({ visa: 'h1b' }), undefined)).not.toContain('visa-unknown');
    expect(rules(entry({ visa: 'unknown' }), plan({ need: 'none' }))).not.toContain('visa-unknown');
  });
});
