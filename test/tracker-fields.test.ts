import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/core/parse-text.js';
import { blankEntry } from '../src/features/tracker/entry.js';
import { applyFields, ENTRY_FIELDS, PLAN_FIELDS, parseStep3Plan, parseStep3Rule } from '../src/features/tracker/fields.js';
import { findEntry } from '../src/features/tracker/records.js';

const base = blankEntry('t1', 'Mercy General', new Date('2026-11-23T00:00:00Z'));

describe('tracker fields', () => {
  it('fit Discord modals: at most 5 per form, labels at most 45 characters', () => {
    for (const part of ['program', 'requirements', 'notes', 'plan']) {
      const defs = [...ENTRY_FIELDS, ...PLAN_FIELDS].filter((d) => d.part === part);
      expect(defs.length).toBeGreaterThan(0);
      expect(defs.length).toBeLessThanOrEqual(5);
    }
    for (const d of [...ENTRY_FIELDS, ...PLAN_FIELDS]) expect(d.label.length, d.label).toBeLessThanOrEqual(45);
  });

  it('read the words members use for visas and cap status', () => {
    const r = applyFields(ENTRY_FIELDS, base, { visa: 'H-1B', cap: 'Cap-Exempt', ci: 'Y', cmio: '' });
    expect(r.ok && [r.value.visa, r.value.cap, r.value.ci, r.value.cmio]).toEqual(['h1b', 'exempt', 'yes', 'unknown']);
    const both = applyFields(ENTRY_FIELDS, base, { visa: 'J-1 and H-1B' });
    expect(both.ok && both.value.visa).toBe('both');
  });

  it('read a program Step 3 rule with or without a deadline', () => {
    expect(parseStep3Rule('before ranking')).toEqual({ ok: true, value: { step3: 'before-ranking', step3By: undefined } });
    expect(parseStep3Rule('Before ranking 2027-02-15')).toEqual({
      ok: true,
      value: { step3: 'before-ranking', step3By: '2027-02-15' },
    });
    expect(parseStep3Rule('by contract')).toEqual({ ok: true, value: { step3: 'by-contract', step3By: undefined } });
    expect(parseStep3Rule('2027-01-31')).toEqual({ ok: true, value: { step3: 'by-date', step3By: '2027-01-31' } });
    expect(parseStep3Rule('not required')).toEqual({ ok: true, value: { step3: 'not-required', step3By: undefined } });
    expect(parseStep3Rule('')).toEqual({ ok: true, value: { step3: 'unknown', step3By: undefined } });
  });

  it('refuse a Step 3 date that is not a date, naming the field', () => {
    const r = applyFields(ENTRY_FIELDS, base, { step3: 'before ranking 2027-02-30' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.join()).toMatch(/\*\*Step 3\*\*: "2027-02-30" is not a real date: write it as YYYY-MM-DD/);
    const plan = applyFields(PLAN_FIELDS, { need: 'h1b', status: 'none', step3: 'not-yet' }, { step3: 'next spring' });
    expect(!plan.ok && plan.problems.join()).toMatch(/\*\*Step 3\*\*: "next spring" is not a date/);
    expect(parseStep3Plan('03/15/2027').ok).toBe(false);
    expect(parseStep3Plan('2027-03-15')).toEqual({ ok: true, value: { step3: 'planned', step3Date: '2027-03-15' } });
    expect(parseStep3Plan('passed')).toEqual({ ok: true, value: { step3: 'passed', step3Date: undefined } });
  });

  it('read Step 3 dates written in words, and refuse numbers-only days that could be read two ways', () => {
    expect(parseStep3Rule('before ranking 15 Feb 2027')).toEqual({
      ok: true,
      value: { step3: 'before-ranking', step3By: '2027-02-15' },
    });
    expect(parseStep3Rule('by contract, July 1st 2027')).toEqual({
      ok: true,
      value: { step3: 'by-contract', step3By: '2027-07-01' },
    });
    expect(parseStep3Plan('March 15, 2027')).toEqual({ ok: true, value: { step3: 'planned', step3Date: '2027-03-15' } });
    expect(parseStep3Plan('planned for 15 March 2027')).toEqual({
      ok: true,
      value: { step3: 'planned', step3Date: '2027-03-15' },
    });
    const month = parseStep3Plan('March 2027');
    expect(!month.ok && month.problem).toMatch(/"March 2027" names a month but not the day/);
    const ambiguous = parseStep3Plan('03/04/2027');
    expect(!ambiguous.ok && ambiguous.problem).toMatch(/could be either way round/);
  });

  it('refuse a 5,000-character note, naming the field and the limit', () => {
    const r = applyFields(ENTRY_FIELDS, base, { notes: 'x'.repeat(5000), visa: 'h1b' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual(['**Notes** is too long: 5,000 characters, at most 1,000.']);
  });

  it('report every bad field at once and apply none of them', () => {
    const r = applyFields(ENTRY_FIELDS, base, { visa: 'maybe', cap: 'sometimes', location: 'Austin, TX' });
    expect(!r.ok && r.problems).toHaveLength(2);
    expect(!r.ok && r.problems.join('\n')).toMatch(
      /\*\*Visa types\*\*: "maybe" is not one of the choices: use h1b, j1, both, none or unknown/,
    );
  });
});

describe('finding entries', () => {
  const entries = [
    { ...base, id: 't1', institution: 'Mercy General', program: 'Internal Medicine residency' },
    { ...base, id: 't2', institution: 'Mercy General', program: 'Clinical Informatics fellowship' },
    { ...base, id: 't3', institution: 'Riverside Clinic' },
  ];
  it('by id, by a unique part of the name, and says when a name is ambiguous', () => {
    expect(findEntry(entries, 't2')).toMatchObject({ kind: 'found', entry: { id: 't2' } });
    expect(findEntry(entries, 'riverside')).toMatchObject({ kind: 'found', entry: { id: 't3' } });
    expect(findEntry(entries, 'mercy general informatics')).toMatchObject({ kind: 'missing' });
    expect(findEntry(entries, 'Mercy General').kind).toBe('ambiguous');
    expect(findEntry(entries, 'informatics fellowship')).toMatchObject({ kind: 'found', entry: { id: 't2' } });
  });
});

describe('command-line quoting', () => {
  it('keeps a quoted value with its option name', () => {
    expect(tokenize('add institution:"Mercy General" visa:h1b')).toEqual(['add', 'institution:Mercy General', 'visa:h1b']);
    expect(tokenize('show "Mercy General"')).toEqual(['show', 'Mercy General']);
  });
});

describe('platform registration', () => {
  it('registers /tracker and /balance on Discord without a refused field', async () => {
    const { registrationJson, registrationProblems } = await import('../src/adapters/discord/register.js');
    const { default: tracker } = await import('../commands/tracker.js');
    const { default: balance } = await import('../commands/balance.js');
    const json = registrationJson([tracker, balance]);
    expect(registrationProblems(json)).toEqual([]);
    const show = json[0]?.options?.find((o) => o.name === 'show');
    const entry = show && 'options' in show ? show.options?.find((o) => o.name === 'entry') : undefined;
    expect(entry).toMatchObject({ autocomplete: true });
  });
});
