import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRAFTS_RECORD } from '../src/features/drafts/records.js';
import { useHarness } from './support/harness.js';
import { runScript } from './support/script.js';

/** `img-advisor draft <kind> --input FILE --json`, run the way the CLI runs it, with its output captured. */

const h = useHarness({ now: () => new Date('2025-06-15T12:00:00Z') });

function run(args: string[], stdin = '') {
  return runScript(h.app, ['draft', ...args], { stdin });
}

function file(name: string, value: unknown): string {
  const p = path.join(h.dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
}

const GAP = {
  start: '2021-07',
  end: '2022-12',
  reasonKind: 'visa',
  reason: 'credential verification took 14 months',
  activities: ['completed an online SQL course', 'volunteered at a clinic during its EHR rollout'],
  after: 'started an observership in internal medicine',
};

const FAILURE = {
  exam: 'usmle step 1',
  attempt: 'second',
  year: 2019,
  context: 'I was working full time',
  insight: 'I relied on passive reading',
  change: 'did 40 timed questions a day for 10 weeks',
  result: 'passed in 2020 with a 235',
};

describe('draft scripts', () => {
  it('prints one JSON object with the three versions, notes and text', async () => {
    const r = await run(['gap', '--input', file('gap.json', GAP), '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(json.ok).toBe(true);
    expect(Object.keys(json.versions)).toEqual(['statement', 'interview', 'application']);
    expect(json.versions.statement).toMatch(/^From July 2021 to December 2022/);
    expect(json.versions.interview).toMatch(/^Between July 2021 and December 2022/);
    expect(json.notes).toEqual([]);
    expect(json.text).toContain(json.versions.statement);
    expect(json.mapping[1]).toEqual({
      activity: 'volunteered at a clinic during its EHR rollout',
      skills: ['systems', 'workflow'],
    });
    expect(json.parts.map((p: { element: string }) => p.element)).toEqual([
      'Reason',
      'Responsibility',
      'Relevance',
      'Recovery/Result',
    ]);
  });

  it('drafts failure and disclosure too, with notes as strings, in the tone asked for', async () => {
    const failure = {
      exam: 'usmle step 1',
      attempt: 1,
      year: 2019,
      context: 'The examiners were unfair',
      insight: 'I relied on passive reading',
      change: 'studied harder',
      result: 'passed in 2020',
    };
    const f = JSON.parse((await run(['failure', `--input=${file('f.json', failure)}`, '--json', '--tone', 'plain'])).stdout);
    expect(f.versions.statement).toMatch(/^I failed USMLE Step 1 on my first attempt in 2019\./);
    expect(f.checks.map((n: { id: string }) => n.id)).toEqual(['blame', 'not-measurable']);
    expect(f.notes[0]).toMatch(/"examiners were"|"The examiners"/);
    const disclosure = {
      what: 'I was placed on probation in 2018.',
      ownership: 'I accepted it',
      actions: 'met my advisor weekly',
      since: 'passed every exam since',
    };
    const d = await run(['disclosure', '--input', '-', '--json', '--short'], JSON.stringify(disclosure));
    expect(d.code).toBe(0);
    expect(JSON.parse(d.stdout).style).toEqual({ tone: 'neutral', short: true });
  });

  it('prints plain text without --json', async () => {
    const r = await run(['gap', '--input', file('gap2.json', GAP)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Gap explanation\n\nPersonal statement paragraph:\nFrom July 2021/);
    expect(r.stdout).toMatch(/Notes: none/);
  });

  it('exits 2 naming every invalid or missing field', async () => {
    // '2021-7' was refused here; natural months are understood now (issue 17), so a month 13 stands in.
    const bad = { start: '2021-13', end: '2020-01', reasonKind: 'holiday', activities: 'a; b', extra: 1 };
    const r = await run(['gap', '--input', file('bad.json', bad), '--json']);
    expect(r.code).toBe(2);
    // One line per problem, `field: message`, as every scripted command prints them (issue 11).
    for (const field of ['start', 'reasonKind', 'reason', 'after', 'extra'])
      expect(r.stderr).toMatch(new RegExp(`^${field}: `, 'm'));
    expect(r.stderr).toMatch(/start: use YYYY-MM, like 2021-07/);
    expect(r.stderr).toMatch(/reason: is missing/);
    expect(r.stderr).toMatch(/extra: is not a field of a gap draft/);
    const json = JSON.parse(r.stdout);
    expect(json.ok).toBe(false);
    expect(json.errors.map((e: { field: string }) => e.field)).toEqual(['start', 'reasonKind', 'reason', 'after', 'extra']);
  });

  it('exits 2 on the end before the start, a bad file, bad JSON, and a missing --input', async () => {
    const order = await run(['gap', '--input', file('order.json', { ...GAP, start: '2023-01' })]);
    expect(order.code).toBe(2);
    expect(order.stderr).toMatch(/end: \(2022-12\) is before the start \(2023-01\)/);
    const missing = await run(['gap', '--input', path.join(h.dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json cannot be read/);
    const broken = await run(['gap', '--input', file('broken.json', '{"start": ')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/is not valid JSON/);
    const none = await run(['failure']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--input FILE is needed/);
    expect(none.stderr).toMatch(/failure: exam, attempt, year, context, insight, change, result/);
    const kind = await run(['essay', '--input', 'x']);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/`draft` has no `essay`; it takes one of: gap, failure, disclosure, list/);
  });

  it('stores nothing when scripted, and lists what the terminal member saved in the chat', async () => {
    const local = { platform: 'cli', user: 'local' };
    await run(['gap', '--input', file('gap3.json', GAP), '--json']);
    expect(await h.app.store.get(DRAFTS_RECORD, local)).toBeUndefined();
    const chat = h.session();
    await chat.send('/draft disclosure');
    for (const line of [
      'I was placed on probation in 2018.',
      'I accepted it',
      'met my advisor weekly',
      'passed every exam since',
    ])
      await chat.send(line);
    await chat.send('Save');
    const list = await run(['list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).drafts).toMatchObject([
      { kind: 'disclosure', title: 'Disclosure: I was placed on probation in 2018.' },
    ]);
  });
});

describe('draft scripts and the chat user’s data', () => {
  const local = { platform: 'cli', user: 'local' };

  it('leaves a draft in progress and the saved ones untouched, unless --save is given', async () => {
    const chat = h.session();
    await chat.send('/draft gap');
    await chat.send('2020-01');
    const before = await h.app.store.get(DRAFTS_RECORD, local);
    expect(before?.pending).toBeDefined();
    const r = await run(['failure', '--input', file('f2.json', { ...FAILURE }), '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, saved: false });
    expect(await h.app.store.get(DRAFTS_RECORD, local)).toEqual(before);

    const saved = JSON.parse((await run(['failure', '--input', file('f3.json', FAILURE), '--save', '--json'])).stdout);
    expect(saved).toMatchObject({ ok: true, saved: true, id: expect.any(String) });
    const after = await h.app.store.get(DRAFTS_RECORD, local);
    // The form in progress is still there; one draft more is saved.
    expect(after?.pending).toEqual(before?.pending);
    expect(after?.saved.map((d) => d.id)).toEqual([saved.id, ...(before?.saved ?? []).map((d) => d.id)]);
    expect(await h.session().send('/draft list')).toMatch(/USMLE Step 1, attempt 2 \(2019\)/);
  });

  it('prints one JSON object naming an unknown flag, and one naming a bad tone', async () => {
    const unknown = await run(['gap', '--input', '-', '--shrt', '--json'], JSON.stringify(GAP));
    expect(unknown.code).toBe(2);
    const out = JSON.parse(unknown.stdout);
    expect(out).toMatchObject({ ok: false, command: 'draft' });
    expect(JSON.stringify(out.errors)).toContain('--shrt');
    const tone = await run(['gap', '--input', '-', '--tone', 'angry', '--json'], JSON.stringify(GAP));
    expect(tone.code).toBe(2);
    expect(JSON.stringify(JSON.parse(tone.stdout).errors)).toMatch(/tone.*must be one of: plain, neutral, warm/);
  });
});
