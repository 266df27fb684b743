import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TerminalSession } from '../src/adapters/terminal/session.js';
import { uniqueUser, useHarness } from './support/harness.js';
import { PROGRAM_TOTAL } from './support/redflags.js';

/**
 * What a member meets in the terminal chat: menus that keep their question, numbers that stay
 * put, forms that commands cannot slip into, and wording for a terminal (no buttons, no files
 * that are never written).
 */
const h = useHarness();
const at = (n: number) => new RegExp(`Mercy · ${n} of ${PROGRAM_TOTAL}\\b`);
/** The number shown for a label on the menu line of a reply. */
const numberOf = (out: string, label: string) => Number(new RegExp(`\\[(\\d+)\\] ${label}(?= |$)`, 'm').exec(out)?.[1]);

describe('a questionnaire menu in the terminal', () => {
  it('takes y, n, yes, no and ? for Yes, No and Not sure', async () => {
    const s = h.session(uniqueUser());
    await s.send('/redflags program Mercy');
    expect(await s.send('y')).toMatch(at(2));
    expect(await s.send('n')).toMatch(at(3));
    expect(await s.send('?')).toMatch(at(4));
    expect(await s.send('YES')).toMatch(at(5));
    expect(await s.send('no')).toMatch(at(6));
    const back = await s.send('Back');
    expect(back).toMatch(at(5));
    expect(back).toMatch(/Your answer so far: No/);
  });

  it('keeps the question on an answer that is not a choice, says how to answer, and the next number answers it', async () => {
    const s = h.session(uniqueUser());
    await s.send('/redflags program Mercy');
    for (const other of ['maybe', 'what is a J-1 waiver', '9']) {
      const out = await s.send(other);
      expect(out).toMatch(/not one of the choices/);
      expect(out).toMatch(/y, n, yes, no, \?/);
      expect(out).toMatch(/\[1\] Yes {2}\[2\] No {2}\[3\] Not sure/);
      // No guide answer instead of the question.
      expect(out).not.toMatch(/guide does not cover|Sources:/);
    }
    expect(await s.send('1')).toMatch(at(2));
  });

  it('gives each choice the same number from question to question', async () => {
    const s = h.session(uniqueUser());
    const first = await s.send('/redflags program Mercy');
    const second = await s.send('Yes');
    const third = await s.send('Skip');
    for (const label of ['Yes', 'No', 'Not sure', 'Skip', 'Stop']) {
      expect(numberOf(second, label)).toBe(numberOf(first, label));
      expect(numberOf(third, label)).toBe(numberOf(first, label));
    }
    // Back appears from question 2 on, under a number of its own.
    expect(numberOf(first, 'Back')).toBeNaN();
    const back = numberOf(second, 'Back');
    expect(back).toBeGreaterThan(numberOf(first, 'Stop'));
    expect(await s.send(String(numberOf(first, 'Skip')))).toMatch(at(4));
    expect(await s.send(String(back))).toMatch(at(3));
  });

  it('leaves the menu with /cancel, and a command still works while it is shown', async () => {
    const s = h.session(uniqueUser());
    await s.send('/redflags program Mercy');
    expect(await s.send('/visa what is cap exempt')).toMatch(/immigration attorney/);
    await s.send('/redflags program Mercy');
    expect(await s.send('/cancel')).toMatch(/Left that menu/);
    // Without a menu, text is a question again.
    expect(await s.send('how long is a clinical informatics fellowship')).toMatch(/two years|2 years|2-year|two-year/i);
  });

  it('reads text after an answer as the next question, a follow-up in its context, while numbers still pick', async () => {
    const s = h.session(uniqueUser());
    const answer = await s.send('is internal medicine good for lifestyle if i want informatics?');
    expect(answer).toMatch(/\[\d\] More/);
    const follow = await s.send('and for pathology?');
    expect(follow).not.toMatch(/not one of the choices/);
    expect(follow).toMatch(/Sources: [^\n]*Pathology as a route/);
    const more = await s.send(String(numberOf(follow, 'More')));
    expect(more).toMatch(/^\*?\*?Pathology as a route|\nPathology as a route/);
    expect(more).not.toMatch(/not one of the choices/);
  });

  it('still hands free text to a flow that waits for it (an interview drill answer)', async () => {
    const s = h.session(uniqueUser());
    const question = await s.send('/interview start count:1');
    expect(question).toMatch(/Question 1 of 1/);
    expect(question).toMatch(/\[\d\] Skip/);
    const feedback = await s.send(
      'When our clinic changed its records system I led a small team of nurses and residents, trained them in two weeks, and cut charting time by a third.',
    );
    expect(feedback).toMatch(/Feedback/);
    expect(feedback).not.toMatch(/not one of the choices/);
  });
});

describe('a form in the terminal', () => {
  it('shows /help and asks the same field again, without saving /help as the value', async () => {
    const s = h.session(uniqueUser());
    expect(await s.send('/draft gap')).toMatch(/Start month/);
    const help = await s.send('/help');
    expect(help).toMatch(/\/redflags program/);
    expect(help).toMatch(/still filling in/);
    expect(help.trim().split('\n').at(-1)).toMatch(/^Start month/);
    expect(s.prompt).toMatch(/^Start month/);
    expect(await s.send('2021-07')).toMatch(/End month/);
  });

  it('does not take another command as a value, and /cancel leaves', async () => {
    const s = h.session(uniqueUser());
    await s.send('/tracker add');
    const other = await s.send('/visa what is cap exempt');
    expect(other).toMatch(/Commands wait until this form is done/);
    expect(other.trim().split('\n').at(-1)).toMatch(/^Institution/);
    expect(await s.send('/cancel')).toMatch(/Cancelled; nothing was saved/);
    expect(s.prompt).toBeUndefined();
    expect(await s.send('/tracker list')).not.toMatch(/\/visa/);
  });
});

/** Fills the gap form's first step and returns what the terminal shows after it. */
async function gapStepOne(s: TerminalSession): Promise<string> {
  await s.send('/draft gap');
  await s.send('2021-07');
  await s.send('2022-12');
  await s.send('visa');
  return s.send('Credential verification took 14 months after I moved to the U.S.');
}

async function gapDraft(s: TerminalSession): Promise<string> {
  await gapStepOne(s);
  await s.send('Completed an online SQL course; volunteered at a clinic during its EHR rollout');
  return s.send('Started a clinical observership in internal medicine');
}

describe('terminal wording', () => {
  it('speaks of choices, not of buttons to press or click', async () => {
    const s = h.session(uniqueUser());
    const step = await gapStepOne(s);
    // The terminal asks one field at a time: the next one, with nothing to press.
    expect(step).toMatch(/Gap explanation \(5 of 6\)/);
    expect(step).not.toMatch(/\b(press|click|tap|button)/i);
    const done = await gapDraft(h.session(uniqueUser()));
    expect(done).toMatch(/\[\d\]/);
    expect(done).not.toMatch(/\b(press|click|tap|button)/i);
  });

  it('prints a file without pretending it was written', async () => {
    const s = h.session(uniqueUser());
    await gapDraft(s);
    const copy = await s.send('Copy');
    expect(copy).toMatch(/Personal statement paragraph:/);
    expect(copy).not.toMatch(/File gap-draft\.txt/);
  });

  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('in the chat (npm start), writes the file to the working folder and says where, never over another file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'img-advisor-files-'));
    dirs.push(dir);
    const s = new TerminalSession(h.app.router, { user: uniqueUser(), filesDir: dir });
    await gapDraft(s);
    const first = await s.send('Copy');
    expect(first).toContain(`Saved to ${path.join(dir, 'gap-draft.txt')}`);
    expect(readFileSync(path.join(dir, 'gap-draft.txt'), 'utf8')).toMatch(/From July 2021 to December 2022/);
    await gapDraft(s);
    const second = await s.send('Copy');
    expect(second).toContain(`Saved to ${path.join(dir, 'gap-draft-2.txt')}`);
    expect(readdirSync(dir).sort()).toEqual(['gap-draft-2.txt', 'gap-draft.txt']);
  });
});
