import { describe, expect, it } from 'vitest';
import { formatMonth, parseMonth } from '../src/core/dates.js';
import { toInteger } from '../src/features/drafts/fields.js';

describe('parseMonth: a month and year as people type them', () => {
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
    expect(parseMonth(text)).toEqual({ year, month });
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
    '2021-07-15',
    '15 July 2021',
    '',
    'marching 2021',
  ])('refuses %s', (text) => {
    expect(parseMonth(text)).toBeUndefined();
  });

  it('writes a month back as YYYY-MM', () => {
    expect(formatMonth({ year: 2021, month: 7 })).toBe('2021-07');
    expect(formatMonth(parseMonth('Dec 2022') ?? { year: 0, month: 0 })).toBe('2022-12');
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
