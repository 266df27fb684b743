import { describe, expect, it } from 'vitest';
import { describeDateProblem, findDate, parseDay, parseMonth } from '../src/core/dates.js';
import { toInteger } from '../src/features/drafts/fields.js';

describe('natural dates (src/core/dates.ts)', () => {
  it('reads a month the ways people write it', () => {
    for (const raw of ['July 2021', 'Jul 2021', 'jul. 2021', 'July, 2021', '07/2021', '7/2021', '07-2021', '2021-07', '2021/7']) {
      expect(parseMonth(raw), raw).toEqual({ ok: true, value: '2021-07' });
    }
    expect(parseMonth('Sept 2020')).toEqual({ ok: true, value: '2020-09' });
    expect(parseMonth('15 July 2021')).toEqual({ ok: true, value: '2021-07' });
  });

  it('refuses a month that does not exist, and text that is not a month', () => {
    expect(parseMonth('2021-13')).toEqual({ ok: false, problem: 'not-real' });
    expect(parseMonth('13/2021')).toEqual({ ok: false, problem: 'not-real' });
    expect(parseMonth('summer 2021')).toEqual({ ok: false, problem: 'unreadable' });
    expect(parseMonth('2021')).toEqual({ ok: false, problem: 'unreadable' });
    expect(parseMonth('  ')).toEqual({ ok: false, problem: 'empty' });
    expect(describeDateProblem('not-real', 'month')).toMatch(/not a real month/);
  });

  it('reads a day the ways people write it', () => {
    for (const raw of [
      '2027-03-15',
      '15 March 2027',
      '15th of March, 2027',
      'March 15, 2027',
      'Mar 15 2027',
      'mar. 15th, 2027',
    ]) {
      expect(parseDay(raw), raw).toEqual({ ok: true, value: '2027-03-15' });
    }
    expect(parseDay('2027-3-5')).toEqual({ ok: true, value: '2027-03-05' });
  });

  it('refuses impossible, ambiguous and month-only days instead of guessing', () => {
    expect(parseDay('2027-02-30')).toEqual({ ok: false, problem: 'not-real' });
    expect(parseDay('2027-13-01')).toEqual({ ok: false, problem: 'not-real' });
    expect(parseDay('31 April 2027')).toEqual({ ok: false, problem: 'not-real' });
    expect(parseDay('03/04/2027')).toEqual({ ok: false, problem: 'ambiguous' });
    expect(parseDay('15/03/2027')).toEqual({ ok: false, problem: 'ambiguous' });
    expect(parseDay('March 2027')).toEqual({ ok: false, problem: 'needs-day' });
    expect(parseDay('March-ish 2027')).toEqual({ ok: false, problem: 'unreadable' });
    expect(parseDay('next spring')).toEqual({ ok: false, problem: 'unreadable' });
  });

  it('finds a date inside longer text, where it is', () => {
    expect(findDate('before ranking 15 Feb 2027')).toEqual({
      text: '15 Feb 2027',
      index: 15,
      precision: 'day',
      value: '2027-02-15',
    });
    expect(findDate('by contract 2027-02-30')).toMatchObject({ text: '2027-02-30', problem: 'not-real' });
    expect(findDate('by contract')).toBeUndefined();
    expect(findDate('Mayor 2027 marching')).toBeUndefined();
  });
});

describe('parseMonth: a month and year as members type them in draft forms', () => {
  it.each([
    ['2021-07', 2021, 7],
    ['2021-7', 2021, 7],
    ['2021/07', 2021, 7],
    ['07/2021', 2021, 7],
    ['7/2021', 2021, 7],
    ['07-2021', 2021, 7],
    ['July 2021', 2021, 7],
    ['july 2021', 2021, 7],
    ['Jul 2021', 2021, 7],
    ['Jul. 2021', 2021, 7],
    ['July, 2021', 2021, 7],
    ['2021 July', 2021, 7],
    ['  Sept   2022 ', 2022, 9],
    ['sep 2022', 2022, 9],
    ['December 1999', 1999, 12],
    ['jan 2020', 2020, 1],
  ])('%s', (text, year, month) => {
    expect(parseMonth(text)).toEqual({ ok: true, value: `${year}-${String(month).padStart(2, '0')}` });
  });

  it.each([
    '2021-13',
    '2021-00',
    '13/2021',
    '0/2021',
    '07/21',
    '21-07',
    'Jully 2021',
    'Ju 2021',
    'summer 2021',
    'July',
    '2021',
    '',
    'marching 2021',
  ])('refuses %s (a full date, by contrast, gives its month)', (text) => {
    expect(parseMonth(text).ok).toBe(false);
  });
});

describe('exam attempts as people write them', () => {
  it.each([
    ['1', 1],
    ['first', 1],
    ['1st', 1],
    ['First attempt', 1],
    ['second', 2],
    ['2nd', 2],
    ['my second attempt', 2],
    ['third', 3],
    ['3rd try', 3],
    [' 4 ', 4],
  ])('%s', (text, n) => {
    expect(toInteger(text)).toBe(n);
  });

  it('leaves what is not an attempt for validation to refuse', () => {
    expect(toInteger('many')).toBe('many');
    expect(toInteger('a few')).toBe('a few');
  });
});
