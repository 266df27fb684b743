import { describe, expect, it } from 'vitest';
import type { Guide } from '../src/content/guide.js';
import type { Reply } from '../src/core/types.js';
import { trackerActions as ids } from '../src/features/tracker/actions.js';
import { blankEntry, MAX_ENTRIES, type TrackerData } from '../src/features/tracker/entry.js';
import { step, type TrackerEnv, type TrackerEvent, type TrackerStep } from '../src/features/tracker/step.js';

/**
 * The tracker's reducer on its own: no store, no router, no adapter. State in, state and replies
 * out; every id, date and nonce it uses is handed in.
 */
const NO_GUIDE: Guide = { sections: [], sources: [], synonyms: [], specifics: [], alternatives: [], byId: new Map() };
const NOW = new Date('2026-11-23T10:00:00Z');

function env(over: Partial<TrackerEnv> = {}): TrackerEnv {
  let n = 0;
  return {
    owner: 'U1',
    now: NOW,
    nonce: () => `nonce${++n}`,
    guide: () => NO_GUIDE,
    fieldByField: false,
    ...over,
  };
}

const textOf = (out: TrackerStep) =>
  out.replies.map((r) => r.blocks.map((b) => (b.type === 'text' ? b.markdown : '')).join('\n')).join('\n');
const blocksOf = (out: TrackerStep, type: string) => out.replies.flatMap((r: Reply) => r.blocks).filter((b) => b.type === type);
const formOf = (out: TrackerStep) => {
  const f = blocksOf(out, 'form')[0];
  if (f?.type !== 'form') throw new Error(`no form in: ${textOf(out)}`);
  return f;
};
const buttonsOf = (out: TrackerStep) => blocksOf(out, 'buttons').flatMap((b) => (b.type === 'buttons' ? b.buttons : []));

/** Runs events in order, each on the state the one before left, as the flow runner would. */
function run(events: TrackerEvent[], e = env(), start?: TrackerData) {
  let state = start;
  let last: TrackerStep = { replies: [] };
  for (const ev of events) {
    last = step(state, ev, e);
    if (last.state !== undefined) state = last.state;
  }
  return { state, last };
}

const quickAdd = (institution: string, fields: Record<string, string> = {}): TrackerEvent => ({
  type: 'add',
  fields: { institution, ...fields },
});

describe('tracker step: quick adds and edits', () => {
  it('adds with options, numbering entries, and shows the entry', () => {
    const { state, last } = run([quickAdd('Mercy General', { visa: 'h1b', cap: 'exempt' }), quickAdd('Riverside')]);
    expect(state?.entries.map((e) => [e.id, e.institution, e.visa])).toEqual([
      ['t1', 'Mercy General', 'h1b'],
      ['t2', 'Riverside', 'unknown'],
    ]);
    expect(state?.nextId).toBe(3);
    expect(textOf(last)).toMatch(/Saved as `t2`/);
    expect(last.log).toMatchObject({ msg: 'tracker entry added', entries: 2 });
  });

  it('refuses a bad option without changing anything, naming the field for scripts', () => {
    const out = step(undefined, quickAdd('Lakeside', { step3: 'before ranking 2027-13-01' }), env());
    expect(out.state).toBeUndefined();
    expect(out.replies[0]?.error).toBe('usage');
    expect(out.replies[0]?.data).toEqual({
      errors: [{ field: 'step3', message: expect.stringMatching(/^Step 3: "2027-13-01" is not a real date/) }],
    });
  });

  it('stops at the limit', () => {
    const full: TrackerData = {
      entries: Array.from({ length: MAX_ENTRIES }, (_, i) => blankEntry(`t${i + 1}`, `P${i}`, NOW)),
      nextId: MAX_ENTRIES + 1,
    };
    const out = step(full, quickAdd('One more'), env());
    expect(out.state).toBeUndefined();
    expect(textOf(out)).toMatch(/tracker is full/);
  });

  it('edits with options, bumping the revision so older buttons go stale', () => {
    const { state } = run([quickAdd('Mercy General'), { type: 'edit', ref: 'mercy', fields: { cap: 'subject' } }]);
    expect(state?.entries[0]).toMatchObject({ cap: 'subject', rev: 2, updated: NOW.toISOString() });
    const old = step(state, { type: 'action', payload: ['open', 'program', 't1', '1'] }, env());
    expect(textOf(old)).toMatch(/from before your last change/);
    expect(old.state).toBeUndefined();
  });

  it('reads natural dates in options', () => {
    const { state } = run([
      quickAdd('Mercy General', { step3: 'before ranking February 15, 2027' }),
      { type: 'plan', fields: { need: 'h1b', step3: '1 March 2027' } },
    ]);
    expect(state?.entries[0]).toMatchObject({ step3: 'before-ranking', step3By: '2027-02-15' });
    expect(state?.plan).toEqual({ need: 'h1b', status: 'none', step3: 'planned', step3Date: '2027-03-01' });
  });
});

describe('tracker step: remove, with a question first', () => {
  const two = run([quickAdd('Mercy General'), quickAdd('Riverside')]).state;

  it('asks, then removes on the confirm button; Keep it keeps', () => {
    const ask = step(two, { type: 'remove', ref: 't1', confirm: false }, env());
    expect(ask.state).toBeUndefined();
    const [remove, keep] = buttonsOf(ask);
    expect(remove?.id).toBe(ids.id('U1', 'rm', 't1', 1));
    expect(keep?.label).toBe('Keep it');
    const kept = step(two, { type: 'action', payload: ['keep', 't1'] }, env());
    expect(kept.state).toBeUndefined();
    expect(textOf(kept)).toMatch(/Kept \*\*Mercy General\*\*/);
    const done = step(two, { type: 'action', payload: ['rm', 't1', '1'] }, env());
    expect(done.state?.entries.map((e) => e.id)).toEqual(['t2']);
    expect(textOf(done)).toMatch(/Removed \*\*Mercy General\*\* \(`t1`\)\. 1 entries left/);
  });

  it('removes at once with confirm, and says so when the entry is gone', () => {
    const done = step(two, { type: 'remove', ref: 'riverside', confirm: true }, env());
    expect(done.state?.entries.map((e) => e.id)).toEqual(['t1']);
    const again = step(done.state, { type: 'action', payload: ['rm', 't2', '1'] }, env());
    expect(textOf(again)).toMatch(/no longer in your tracker/);
  });

  it('answers a button it cannot read as expired, never guessing', () => {
    for (const payload of [['rm', 't1'], ['rm', 'x1', '1'], ['explode'], []]) {
      const out = step(two, { type: 'action', payload }, env());
      expect(out.state).toBeUndefined();
      expect(textOf(out)).toMatch(/earlier tracker session/);
    }
  });
});

describe('tracker step: forms as modals (Discord, Slack)', () => {
  it('opens the first step for a new entry, saves it and offers the next step', () => {
    const open = step(undefined, { type: 'add', fields: {} }, env());
    expect(open.state).toBeUndefined();
    const form = formOf(open);
    expect(form.id).toBe('tracker~U1~save~program~new~0');
    expect(form.fields.map((f) => f.id)).toEqual(['institution', 'location', 'program', 'visa', 'cap']);
    const saved = step(
      undefined,
      { type: 'submit', payload: ['save', 'program', 'new', '0'], fields: { institution: 'Mercy General', visa: 'both' } },
      env(),
    );
    expect(saved.state?.entries[0]).toMatchObject({ id: 't1', institution: 'Mercy General', visa: 'both', rev: 1 });
    expect(buttonsOf(saved).map((b) => [b.label, b.id])).toEqual([
      ['Next: requirements', 'tracker~U1~open~requirements~t1~1'],
      ['Skip to notes', 'tracker~U1~open~notes~t1~1'],
      ['Done', 'tracker~U1~show~t1'],
    ]);
  });

  it('keeps a refused form to fix, and does not let a stale form overwrite a change', () => {
    const { state } = run([quickAdd('Mercy General')]);
    const bad = step(
      state,
      { type: 'submit', payload: ['save', 'requirements', 't1', '1'], fields: { step3: 'March-ish 2027', ci: 'yes' } },
      env(),
    );
    expect(textOf(bad)).toMatch(/Please fix:\n- \*\*Step 3\*\*: "March-ish 2027" is not a date/);
    expect(bad.state?.entries).toEqual(state?.entries);
    expect(bad.state?.retry).toMatchObject({ nonce: 'nonce1', part: 'requirements', entryId: 't1' });
    const reopened = step(bad.state, { type: 'action', payload: ['retry', 'nonce1'] }, env());
    expect(Object.fromEntries(formOf(reopened).fields.map((f) => [f.id, f.value]))).toMatchObject({
      step3: 'March-ish 2027',
      ci: 'yes',
    });
    const edited = step(state, { type: 'edit', ref: 't1', fields: { visa: 'j1' } }, env()).state;
    const late = step(edited, { type: 'submit', payload: ['save', 'program', 't1', '1'], fields: { institution: 'X' } }, env());
    expect(textOf(late)).toMatch(/changed after this form opened/);
    expect(late.state?.entries).toEqual(edited?.entries);
  });
});

describe('tracker step: forms field by field (the terminal)', () => {
  const terminal = () => env({ fieldByField: true });
  const field = (nonce: string, index: number, key: string, value: string): TrackerEvent => ({
    type: 'submit',
    payload: ['field', nonce, String(index)],
    fields: { [key]: value },
  });

  it('asks one field at a time, refuses a bad one at once, and saves nothing before the last', () => {
    const e = terminal();
    const open = step(undefined, { type: 'add', fields: {} }, e);
    expect(formOf(open).fields.map((f) => f.id)).toEqual(['institution']);
    expect(open.state?.wizard).toMatchObject({ nonce: 'nonce1', part: 'program', index: 0 });
    let state = open.state;
    for (const [i, key, value] of [
      [0, 'institution', 'Lakeside'],
      [1, 'location', ''],
      [2, 'program', ''],
    ] as const) {
      const out = step(state, field('nonce1', i, key, value), e);
      state = out.state;
      expect(state?.entries).toEqual([]);
    }
    const bad = step(state, field('nonce1', 3, 'visa', 'maybe'), e);
    expect(bad.state).toBeUndefined();
    expect(textOf(bad)).toMatch(
      /\*\*Visa types\*\*: "maybe" is not one of the choices[\s\S]*nothing is saved until the last field/,
    );
    expect(formOf(bad).fields.map((f) => f.id)).toEqual(['visa']);
    state = step(state, field('nonce1', 3, 'visa', 'j1'), e).state;
    const done = step(state, field('nonce1', 4, 'cap', 'subject'), e);
    expect(done.state?.entries.map((x) => [x.id, x.institution, x.visa, x.cap])).toEqual([['t1', 'Lakeside', 'j1', 'subject']]);
    expect(done.state?.wizard).toBeUndefined();
    expect(textOf(done)).toMatch(/Saved \*\*Lakeside\*\* as `t1`/);
  });

  it('refuses a month that does not exist at its field, and reads a natural date', () => {
    const e = terminal();
    const open = step(undefined, { type: 'plan', fields: {} }, e);
    let state = step(open.state, field('nonce1', 0, 'need', 'h1b'), e).state;
    state = step(state, field('nonce1', 1, 'status', ''), e).state;
    const bad = step(state, field('nonce1', 2, 'step3', '2027-13-05'), e);
    expect(bad.state).toBeUndefined();
    expect(textOf(bad)).toMatch(/"2027-13-05" is not a real date/);
    const done = step(state, field('nonce1', 2, 'step3', 'March 15th, 2027'), e);
    expect(done.state?.plan).toEqual({ need: 'h1b', status: 'none', step3: 'planned', step3Date: '2027-03-15' });
  });

  it('answers a field from a replaced or finished form without acting on it', () => {
    const e = terminal();
    const first = step(undefined, { type: 'add', fields: {} }, e).state;
    const second = step(first, { type: 'add', fields: {} }, e).state;
    const old = step(second, field('nonce1', 0, 'institution', 'Old'), e);
    expect(old.state).toBeUndefined();
    expect(textOf(old)).toMatch(/already saved or replaced/);
    const wrongPlace = step(second, field('nonce2', 3, 'visa', 'j1'), e);
    expect(textOf(wrongPlace)).toMatch(/already saved or replaced/);
  });
});
