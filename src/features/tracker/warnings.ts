import { coordinatorEmail } from './email.js';
import type { Entry, Plan } from './entry.js';

export type WarningRule = 'j1-only' | 'no-sponsorship' | 'step3-timing' | 'case-by-case' | 'cap-subject' | 'visa-unknown';

export interface TrackerWarning {
  rule: WarningRule;
  /** A short label, for the list view and the CSV. */
  title: string;
  message: string;
  /** Guide section ids that explain the rule. */
  sections: string[];
  /** Only for `visa-unknown`: a drafted email to the coordinator. */
  email?: string;
}

/** The guide sections that explain each rule; `content:check` verifies that every one exists. */
export const RULE_SECTIONS: Record<WarningRule, string[]> = {
  'j1-only': ['h1b-policy-j1-only', 'h1b-visa-strategy-decision'],
  'no-sponsorship': ['h1b-policy-no-sponsorship'],
  'step3-timing': ['h1b-step3-requirement'],
  'case-by-case': ['h1b-policy-case-by-case', 'h1b-limited-spots'],
  'cap-subject': ['h1b-cap-exempt-to-cap-subject', 'h1b-attorney-when'],
  'visa-unknown': ['path-coordinator-outreach', 'h1b-residency-questions-to-ask'],
};

const offersH1b = (e: Entry) => e.visa === 'h1b' || e.visa === 'both';
const wantsH1b = (p: Plan | undefined) => p?.need === 'h1b' || p?.need === 'h1b-or-j1';
/** Wording programs use when H-1B is possible in principle but rare in practice. */
const NONCOMMITTAL = /case[\s-]*by[\s-]*case|\b(?:no|not|don[’']?t|do not|cannot|can[’']?t)\s+guarantee/i;

/**
 * The checks an IMG would do by hand on each row of a sponsor spreadsheet. Pure: an entry and the
 * member's plan in, warnings out. Rules that depend on the plan stay silent until there is one.
 */
export function warningsFor(e: Entry, plan: Plan | undefined): TrackerWarning[] {
  const out: TrackerWarning[] = [];

  if (e.visa === 'j1' && plan?.need === 'h1b') {
    out.push({
      rule: 'j1-only',
      title: 'J-1 only',
      message: 'Takes J-1 only, and your plan needs an H-1B: a J-1-only program usually sponsors no H-1B for trainees.',
      sections: RULE_SECTIONS['j1-only'],
    });
  }

  if (e.visa === 'none' && plan && plan.need !== 'none') {
    out.push({
      rule: 'no-sponsorship',
      title: 'No visa sponsorship',
      message: 'Sponsors no visas, and your plan needs one: treat this as a firm no.',
      sections: RULE_SECTIONS['no-sponsorship'],
    });
  }

  if (offersH1b(e) && wantsH1b(plan) && plan && plan.step3 !== 'passed') {
    const mine = plan.step3 === 'planned' ? plan.step3Date : undefined;
    const deadline = e.step3By;
    const early = e.step3 === 'before-ranking' || (deadline !== undefined && e.step3 !== 'not-required');
    const when = e.step3 === 'before-ranking' ? `before ranking${deadline ? ` (by ${deadline})` : ''}` : `by ${deadline}`;
    if (early && !mine) {
      out.push({
        rule: 'step3-timing',
        title: 'Step 3 timing',
        message: `Wants Step 3 passed ${when} for the H-1B, and your plan has no Step 3 date yet: book it early, or ask whether a later date works.`,
        sections: RULE_SECTIONS['step3-timing'],
      });
    } else if (early && mine && deadline && mine > deadline) {
      out.push({
        rule: 'step3-timing',
        title: 'Step 3 timing',
        message: `Wants Step 3 passed ${when} for the H-1B, but yours is planned for ${mine}: move the exam earlier or confirm the deadline with the program.`,
        sections: RULE_SECTIONS['step3-timing'],
      });
    }
  }

  if (NONCOMMITTAL.test(`${e.policy}\n${e.notes}`)) {
    out.push({
      rule: 'case-by-case',
      title: 'Case-by-case wording',
      message:
        'Its visa wording is non-committal ("case-by-case" or "no guarantee"), which usually means an H-1B is rare here. Ask how many trainees it actually sponsored on an H-1B in recent years.',
      sections: RULE_SECTIONS['case-by-case'],
    });
  }

  if (e.cap === 'subject' && plan?.status === 'h1b-cap-exempt' && e.visa !== 'j1' && e.visa !== 'none') {
    out.push({
      rule: 'cap-subject',
      title: 'Cap-subject move',
      message:
        'A cap-subject employer, and you hold a cap-exempt H-1B: moving here usually means winning the yearly H-1B lottery. Time the move to the lottery cycle and talk to an immigration attorney first.',
      sections: RULE_SECTIONS['cap-subject'],
    });
  }

  if (e.visa === 'unknown' && plan?.need !== 'none') {
    out.push({
      rule: 'visa-unknown',
      title: 'Visa policy unknown',
      message:
        'Its visa policy is not recorded yet: ask the coordinator before you spend an application on it. A draft email is ready.',
      sections: RULE_SECTIONS['visa-unknown'],
      email: coordinatorEmail(e),
    });
  }

  return out;
}
