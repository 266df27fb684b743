import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/config.js';
import { splitActivities } from '../src/features/drafts/fields.js';
import { type FlowEnv, step } from '../src/features/drafts/flow.js';
import { loadDraftLexicon } from '../src/features/drafts/lexicon.js';
import { asSentences, cleanText, countSentences, joinList, periodPhrase, stripEnd } from '../src/features/drafts/prose.js';
import { EMPTY_STATE } from '../src/features/drafts/records.js';
import { analyse, withArticle } from '../src/features/drafts/shape.js';

describe('sentence plumbing', () => {
  it('joins lists of one, two, three and comma-bearing items', () => {
    expect(joinList(['a course'])).toBe('a course');
    expect(joinList(['a course', 'a project'])).toBe('a course and a project');
    expect(joinList(['a course', 'a project', 'a job'])).toBe('a course, a project, and a job');
    expect(joinList(['Python, SQL and R', 'a dashboard', 'an audit'])).toBe('Python, SQL and R; a dashboard; and an audit');
  });

  it('turns what members type into clean sentences', () => {
    expect(asSentences('my visa took 14 months')).toBe('My visa took 14 months.');
    expect(asSentences('My visa took 14 months.')).toBe('My visa took 14 months.');
    expect(asSentences('i moved to the U.S.  then i waited ,,')).toBe('I moved to the U.S. then I waited.');
    expect(asSentences('It was hard... but I kept going!!')).toBe('It was hard, but I kept going!');
    expect(cleanText('  ; started an observership ')).toBe('started an observership');
  });

  it('keeps "U.S." whole at the end and does not split sentences after it', () => {
    expect(stripEnd('I moved to the U.S.')).toBe('I moved to the U.S.');
    expect(stripEnd('I moved to Canada.')).toBe('I moved to Canada');
    expect(countSentences('I moved to the U.S. in 2020. Then I studied.')).toBe(2);
  });

  it('names periods the way people say them', () => {
    expect(periodPhrase({ year: 2021, month: 7 }, { year: 2022, month: 12 }, 'from')).toBe('From July 2021 to December 2022');
    expect(periodPhrase({ year: 2021, month: 3 }, { year: 2021, month: 8 }, 'between')).toBe('Between March and August 2021');
    expect(periodPhrase({ year: 2021, month: 3 }, { year: 2021, month: 3 }, 'from')).toBe('In March 2021');
  });

  it('splits form activities on lines, semicolons and bullets, dropping "none"', () => {
    expect(splitActivities('- a course\n2) a project; a job\nnone')).toEqual(['a course', 'a project', 'a job']);
    expect(splitActivities('n/a')).toEqual([]);
  });
});

describe('reading the shape of an answer', () => {
  it.each([
    ['Completed an online SQL course', 'verb', 'completed an online SQL course'],
    ['I volunteered at a clinic.', 'verb', 'volunteered at a clinic'],
    ['Volunteer at a free clinic', 'verb', 'volunteered at a free clinic'],
    ['volunteer work at a clinic', 'noun', 'volunteer work at a clinic'],
    ['certified in Epic', 'verb', 'was certified in Epic'],
    ['accepted the warning', 'verb', 'accepted the warning'],
    ['Shadowing a CMIO', 'gerund', 'shadowing a CMIO'],
    ['Coaching with a mentor', 'noun', 'coaching with a mentor'],
    ['currently doing an observership', 'verb', 'am currently doing an observership'],
    ['My visa was delayed after I moved', 'sentence', 'My visa was delayed after I moved'],
    ['full-length timed practice exams every Saturday', 'noun', 'full-length timed practice exams every Saturday'],
    ['a personal health issue, now resolved', 'noun', 'a personal health issue, now resolved'],
    [
      'Full responsibility for leaving before handover was complete',
      'noun',
      'full responsibility for leaving before handover was complete',
    ],
    ['During my internship I received a warning', 'sentence', 'During my internship I received a warning'],
    ['agreed a schedule; took a course', 'verb', 'agreed a schedule and took a course'],
  ])('%s -> %s', (raw, shape, text) => {
    const p = analyse(raw);
    expect(p.shape).toBe(shape);
    expect(p.text).toBe(text);
  });

  it.each([
    ['part-time scribe job', 'a part-time scribe job'],
    ['online courses in SQL', 'online courses in SQL'],
    ['EHR implementation project', 'an EHR implementation project'],
    ['USMLE study group', 'a USMLE study group'],
    ['birth of my second child', 'the birth of my second child'],
    ['research on sepsis', 'research on sepsis'],
    ['the observership', 'the observership'],
  ])('article for %s', (np, out) => {
    expect(withArticle(np)).toBe(out);
  });
});

describe('the drafts flow as a pure reducer', () => {
  let env: FlowEnv;
  let n = 0;
  beforeAll(async () => {
    env = {
      owner: 'u1',
      now: new Date('2025-06-15T00:00:00Z'),
      newId: () => `id${String(++n).padStart(6, '0')}`,
      lexicon: await loadDraftLexicon(path.join(PACKAGE_ROOT, 'content')),
      layout: 'modal',
    };
  });

  it('keeps step 1 until step 2 arrives, then drafts and clears the form', () => {
    const started = step(EMPTY_STATE, { type: 'start', kind: 'gap' }, env);
    const nonce = started.state.pending?.nonce ?? '';
    const s1 = step(
      started.state,
      {
        type: 'submit',
        step: 1,
        kind: 'gap',
        nonce,
        fields: { start: '2021-07', end: '2022-06', reasonKind: 'exams', reason: 'Step 2 CK preparation' },
      },
      env,
    );
    expect(s1.state.pending?.values?.start).toBe('2021-07');
    const s2 = step(
      s1.state,
      {
        type: 'submit',
        step: 2,
        kind: 'gap',
        nonce,
        fields: { activities: 'built an Excel tracker of my scores', after: 'passed and began an observership' },
      },
      env,
    );
    expect(s2.state.pending).toBeUndefined();
    expect(s2.state.current?.draft.kind).toBe('gap');
    expect(s2.state.saved).toEqual([]);
  });

  it('refuses a second step whose first step is gone, without touching state', () => {
    const out = step(EMPTY_STATE, { type: 'submit', step: 2, kind: 'gap', nonce: 'abcdef12', fields: { after: 'x' } }, env);
    expect(out.state).toBe(EMPTY_STATE);
    expect(JSON.stringify(out.replies)).toMatch(/older draft session/);
  });

  it('asks one field at a time in the terminal layout, refusing a bad one at once', () => {
    const fields = { ...env, layout: 'fields' as const };
    const started = step(EMPTY_STATE, { type: 'start', kind: 'gap' }, fields);
    const nonce = started.state.pending?.nonce ?? '';
    const submit = (state: typeof EMPTY_STATE, at: number, values: Record<string, string>) =>
      step(state, { type: 'submit', step: at, kind: 'gap', nonce, fields: values }, fields);
    const formOf = (r: ReturnType<typeof step>) =>
      r.replies.flatMap((x) => x.blocks).find((b) => b.type === 'form') as { title: string; fields: { id: string }[] };

    expect(formOf(started)).toMatchObject({ title: 'Gap explanation (1 of 6)', fields: [{ id: 'start' }] });
    const refused = submit(started.state, 1, { start: '2021-13' });
    expect(JSON.stringify(refused.replies)).toMatch(/Start month[^:]*\*\*: use YYYY-MM/);
    expect(formOf(refused).fields).toEqual([expect.objectContaining({ id: 'start' })]);
    const natural = submit(refused.state, 1, { start: 'July 2021' });
    expect(formOf(natural)).toMatchObject({ title: 'Gap explanation (2 of 6)', fields: [{ id: 'end' }] });
    // The end is checked against the start as soon as it is typed.
    const before = submit(natural.state, 2, { end: '05/2021' });
    expect(JSON.stringify(before.replies)).toMatch(/\(2021-05\) is before the start \(2021-07\)/);
    expect(formOf(before).fields[0]?.id).toBe('end');
    const later = submit(before.state, 2, { end: 'Dec 2022' });
    expect(formOf(later).fields[0]?.id).toBe('reasonKind');
    // A later step cannot be submitted before the ones it needs.
    expect(JSON.stringify(submit(natural.state, 4, { reason: 'x' }).replies)).toMatch(/older draft session/);
  });
});
