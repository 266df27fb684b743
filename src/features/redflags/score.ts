import type { Severity } from './items.js';
import type { Answers } from './questionnaire.js';

export const PROGRAM_LEVELS = ['low', 'moderate', 'high', 'insufficient'] as const;
export type ProgramLevel = (typeof PROGRAM_LEVELS)[number];

export const SELF_LEVELS = ['none', 'addressable', 'serious', 'insufficient'] as const;
export type SelfLevel = (typeof SELF_LEVELS)[number];

/** Majors add up: this many reach the top level without any severe item. */
export const MAJORS_FOR_HIGH = 3;
/** Minors never reach the top level (the guide: minor concerns alone do not make a program malignant). */
export const MINORS_FOR_MODERATE = 3;

interface Scorable {
  id: string;
  title: string;
  severity: Severity;
}

export interface Tally {
  total: number;
  yes: number;
  no: number;
  unsure: number;
  unanswered: number;
  severe: number;
  major: number;
  minor: number;
}

export interface Score<L extends string> {
  level: L;
  /** One or two sentences saying why this level. */
  reason: string;
  /** Item ids in content order. */
  flagged: string[];
  unsure: string[];
  unanswered: string[];
  tally: Tally;
}

function tally(items: readonly Scorable[], answers: Answers) {
  const flagged = items.filter((i) => answers[i.id] === 'yes');
  const unsure = items.filter((i) => answers[i.id] === 'unsure');
  const unanswered = items.filter((i) => !answers[i.id]);
  const bySeverity = (s: Severity) => flagged.filter((i) => i.severity === s);
  const t: Tally = {
    total: items.length,
    yes: flagged.length,
    no: items.filter((i) => answers[i.id] === 'no').length,
    unsure: unsure.length,
    unanswered: unanswered.length,
    severe: bySeverity('severe').length,
    major: bySeverity('major').length,
    minor: bySeverity('minor').length,
  };
  // "Most" items unknown: more than half not answered Yes or No.
  const mostlyUnknown = (t.unsure + t.unanswered) * 2 > t.total;
  return { flagged, unsure, unanswered, bySeverity, t, mostlyUnknown };
}

const titles = (items: Scorable[]) => items.map((i) => i.title).join('; ');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function ids(items: Scorable[]) {
  return items.map((i) => i.id);
}

/**
 * Program level: one severe Yes is enough for "high"; majors add up to it; minors alone never
 * get past "moderate". A severe or many-major finding stands even with gaps; otherwise, when most
 * items are unknown, the honest answer is "insufficient".
 */
export function scoreProgram(items: readonly Scorable[], answers: Answers): Score<ProgramLevel> {
  const { flagged, unsure, unanswered, bySeverity, t, mostlyUnknown } = tally(items, answers);
  const base = { flagged: ids(flagged), unsure: ids(unsure), unanswered: ids(unanswered), tally: t };
  const severe = bySeverity('severe');
  const major = bySeverity('major');
  const minor = bySeverity('minor');
  if (severe.length) {
    return {
      ...base,
      level: 'high',
      reason: `${severe.length === 1 ? 'One severe sign is' : `${severe.length} severe signs are`} enough on ${severe.length === 1 ? 'its' : 'their'} own: ${titles(severe)}.`,
    };
  }
  if (major.length >= MAJORS_FOR_HIGH) {
    return { ...base, level: 'high', reason: `${plural(major.length, 'major sign')} add up: ${titles(major)}.` };
  }
  if (mostlyUnknown) {
    const known = t.yes + t.no;
    return {
      ...base,
      level: 'insufficient',
      reason: `Only ${known} of ${t.total} items have a Yes or No, so there is not enough to judge yet.${flagged.length ? ` Flagged so far: ${titles(flagged)}.` : ''} The questions below will fill the gaps.`,
    };
  }
  if (major.length) {
    return {
      ...base,
      level: 'moderate',
      reason: `${plural(major.length, 'major sign')}: ${titles(major)}. Not enough on ${major.length === 1 ? 'its' : 'their'} own to call the program malignant, but worth checking before you rank it.`,
    };
  }
  if (minor.length >= MINORS_FOR_MODERATE) {
    return {
      ...base,
      level: 'moderate',
      reason: `${plural(minor.length, 'minor sign')}: ${titles(minor)}. None makes a program malignant by itself, but together they are worth probing.`,
    };
  }
  if (minor.length) {
    return {
      ...base,
      level: 'low',
      reason: `Only minor signs: ${titles(minor)}. On their own these do not make a program malignant, and they can be acceptable when leaders are honest and responsive about them.`,
    };
  }
  const open = t.unsure + t.unanswered;
  return {
    ...base,
    level: 'low',
    reason: `None of the ${t.yes + t.no} items you answered points to a malignant program.${open ? ` Still check the ${plural(open, 'open item')} below.` : ''}`,
  };
}

/** Self level: a disciplinary-type (severe) flag is serious; anything else flagged can be addressed. */
export function scoreSelf(items: readonly Scorable[], answers: Answers): Score<SelfLevel> {
  const { flagged, unsure, unanswered, bySeverity, t, mostlyUnknown } = tally(items, answers);
  const base = { flagged: ids(flagged), unsure: ids(unsure), unanswered: ids(unanswered), tally: t };
  const severe = bySeverity('severe');
  if (severe.length) {
    return {
      ...base,
      level: 'serious',
      reason: `${titles(severe)} weighs heavily with programs, but it is not automatically disqualifying: how you disclose it and what you have done since matter most.`,
    };
  }
  if (mostlyUnknown) {
    return {
      ...base,
      level: 'insufficient',
      reason: `Only ${t.yes + t.no} of ${t.total} items have a Yes or No. The self-checks below help you decide the rest.`,
    };
  }
  if (flagged.length) {
    return {
      ...base,
      level: 'addressable',
      reason: `${plural(flagged.length, 'red flag')} to address: ${titles(flagged)}. Red flags make committees pause, they are not automatic rejections.`,
    };
  }
  const open = t.unsure + t.unanswered;
  return {
    ...base,
    level: 'none',
    reason: `None of the ${t.yes + t.no} common red flags you answered applies to you.${open ? ` Check the ${plural(open, 'item')} left open below.` : ''}`,
  };
}

export const PROGRAM_LEVEL_LABELS: Record<ProgramLevel, string> = {
  low: 'Low risk',
  moderate: 'Moderate risk',
  high: 'High risk',
  insufficient: 'Not enough information',
};

export const SELF_LEVEL_LABELS: Record<SelfLevel, string> = {
  none: 'No red flags',
  addressable: 'Red flags you can address',
  serious: 'A serious red flag to handle with care',
  insufficient: 'Not enough answers yet',
};
