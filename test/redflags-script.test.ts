import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  programProgressRecord,
  programReportsRecord,
  selfProgressRecord,
  selfResultRecord,
} from '../src/features/redflags/records.js';
import { useHarness } from './support/harness.js';
import { content, PROGRAM_TOTAL, programIds, selfIds } from './support/redflags.js';
import { runScript } from './support/script.js';

const h = useHarness();

let fileSeq = 0;
async function answersFile(data: unknown): Promise<string> {
  const file = path.join(h.dir, `answers-${++fileSeq}.json`);
  await writeFile(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

/** `img-advisor redflags ...` exactly as the CLI runs it, with stdout and stderr captured. */
function run(args: string[], stdin = '') {
  return runScript(h.app, ['redflags', ...args], { stdin });
}

const all = (ids: readonly string[], v: string) => Object.fromEntries(ids.map((id) => [id, v]));
const severeId = content.program.items.find((i) => i.severity === 'severe')?.id ?? '';

describe('img-advisor redflags program --answers FILE --json', () => {
  it('prints one JSON object: all "no" is low', async () => {
    const r = await run(['program', '--answers', await answersFile(all(programIds, 'no')), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ level: 'low', flagged: [], unsure: [], questions: [], saved: false });
    expect(out.text).toMatch(/Overall: Low risk/);
  });

  it('one severe "yes" is high', async () => {
    const r = await run(['program', '--answers', await answersFile({ ...all(programIds, 'no'), [severeId]: 'yes' }), '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ level: 'high', flagged: [severeId] });
  });

  it('all "unsure" is insufficient, with a question for every item', async () => {
    const out = JSON.parse((await run(['program', '--answers', await answersFile(all(programIds, 'unsure')), '--json'])).stdout);
    expect(out.level).toBe('insufficient');
    expect(out.unsure).toEqual(programIds);
    expect(out.questionsByItem.map((q: { id: string }) => q.id)).toEqual(programIds);
    expect(out.questions.length).toBeGreaterThanOrEqual(PROGRAM_TOTAL);
    for (const q of out.questions) expect(typeof q).toBe('string');
  });

  it('counts missing ids as not answered', async () => {
    const out = JSON.parse((await run(['program', '--answers', await answersFile({ turnover: 'no' }), '--json'])).stdout);
    expect(out.level).toBe('insufficient');
    expect(out.unanswered).toHaveLength(PROGRAM_TOTAL - 1);
  });

  it('exits 2 naming an unknown id and listing the valid ones, in one JSON object', async () => {
    const r = await run(['program', '--answers', await answersFile({ 'not-an-item': 'yes' }), '--json']);
    expect(r.code).toBe(2);
    // Changed with issue 11: an error prints one JSON object too (it printed nothing).
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: false, command: 'redflags', errors: [{ field: 'answers' }] });
    expect(out.errors[0].message).toMatch(/Unknown item id: "not-an-item"\. Valid ids: /);
    expect(r.stderr).toMatch(/Unknown item id: "not-an-item"\. Valid ids: /);
    for (const id of programIds) expect(r.stderr).toContain(id);
  });

  it('exits 2 naming a bad answer value and listing the valid ones', async () => {
    const r = await run(['program', '--answers', await answersFile({ turnover: 'perhaps' })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"turnover" has the answer "perhaps"\. Valid answers: yes, no, unsure\./);
  });

  it('exits 2 for a missing --answers, an unreadable file or broken JSON', async () => {
    const none = await run(['program', '--json']);
    expect(none.code).toBe(2);
    expect(JSON.parse(none.stdout).errors).toEqual([
      { field: 'answers', message: expect.stringMatching(/needs --answers FILE/) },
    ]);
    const missing = await run(['program', '--answers', path.join(h.dir, 'nope.json')]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/answers: .*nope\.json cannot be read/) });
    expect((await run(['program', '--answers', await answersFile('{nope')])).stderr).toMatch(/not valid JSON/);
  });

  it('reads answers from stdin with "-", and prints the plain report without --json', async () => {
    const r = await run(['program', '--answers', '-'], JSON.stringify(all(programIds, 'no')));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Red-flag check \(\d{4}-\d{2}-\d{2}\)\nOverall: Low risk/);
  });

  it('saves under --name with --save, so the chat lists and compares it', async () => {
    const a = await run([
      'program',
      '--answers',
      await answersFile({ ...all(programIds, 'no'), [severeId]: 'yes' }),
      '--name',
      'Mercy General',
      '--save',
      '--json',
    ]);
    expect(JSON.parse(a.stdout)).toMatchObject({ saved: true, name: 'Mercy General', level: 'high' });
    await run(['program', '--answers', await answersFile(all(programIds, 'no')), '--name=Lakeside', '--save']);
    // The terminal chat speaks for the same local member as the scripts.
    const s = h.session();
    expect(await s.send('/redflags list')).toMatch(/Mercy General: High risk/);
    expect(await s.send('/redflags compare "Mercy General" Lakeside')).toMatch(/Mercy General vs Lakeside/);

    const list = await run(['list', '--json']);
    expect(JSON.parse(list.stdout).text).toMatch(/Lakeside: Low risk/);
    expect((await run(['compare', 'Mercy General', 'Lakeside'])).stdout).toMatch(/Where they differ/);
    expect(await run(['delete', 'lakeside'])).toMatchObject({ code: 0, stdout: 'Deleted your check of Lakeside.' });
    expect(await run(['delete', 'lakeside'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/no saved check called "lakeside"/),
    });
    expect((await run(['list'])).stdout).not.toMatch(/Lakeside/);
  });

  it('exits 2 on an unknown option instead of taking it for a name', async () => {
    const r = await run(['program', '--answers', await answersFile({}), '--nmae', 'Mercy']);
    expect(r).toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown option --nmae/) });
    expect((await run(['list'])).stdout).not.toMatch(/nmae/);
  });

  it('explains a bad --name', async () => {
    const r = await run(['program', '--answers', await answersFile({}), '--name', 'x'.repeat(81)]);
    expect(r).toMatchObject({ code: 2, stderr: expect.stringMatching(/name is too long: at most 80 characters/) });
  });
});

describe('img-advisor redflags self --answers FILE --json', () => {
  it('reports flags with their draft commands', async () => {
    const r = await run([
      'self',
      '--answers',
      await answersFile({ ...all(selfIds, 'no'), gap: 'yes', 'exam-failure': 'unsure' }),
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ level: 'addressable', flagged: ['gap'], unsure: ['exam-failure'] });
    expect(out.drafts).toEqual([{ id: 'gap', command: '/draft gap' }]);
    expect(out.questions).toHaveLength(1);
    expect(out.text).toMatch(/4R framework/);
  });

  it('exits 2 for an unknown id, and for --name', async () => {
    const bad = await run(['self', '--answers', await answersFile({ turnover: 'yes' })]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown item id: "turnover"\. Valid ids: exam-failure, gap, /);
    const named = await run(['self', '--answers', await answersFile({}), '--name', 'Me']);
    // The self-check takes no name: an unknown option, like any other.
    expect(named).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Unknown option --name\. This one takes: --answers, --save/),
    });
  });

  it('shows usage for an unknown or missing subcommand', async () => {
    expect(await run([])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/`redflags` needs one of: program, self, list, compare, delete/),
    });
    const sideways = await run(['sideways', '--json']);
    expect(sideways).toMatchObject({ code: 2, stderr: expect.stringMatching(/`redflags` has no `sideways`/) });
    expect(JSON.parse(sideways.stdout)).toMatchObject({ ok: false, errors: [{ field: 'subcommand' }] });
  });
});

describe('scripted runs and the chat user’s data', () => {
  const local = { platform: 'cli', user: 'local' };
  const snapshot = () =>
    Promise.all(
      [programProgressRecord, programReportsRecord, selfProgressRecord, selfResultRecord].map((r) =>
        h.app.store.get(r as typeof programReportsRecord, local),
      ),
    );

  it('leaves what the terminal member saved untouched unless --save is given', async () => {
    const chat = h.session();
    await chat.send('/redflags program Untouched Program');
    await chat.send('Yes');
    const before = await snapshot();
    const file = await answersFile({ ...all(programIds, 'no'), [severeId]: 'yes' });
    const named = JSON.parse((await run(['program', '--answers', file, '--name', 'Untouched Program', '--json'])).stdout);
    expect(named).toMatchObject({ ok: true, saved: false, name: 'Untouched Program', level: 'high' });
    const selfRun = await run(['self', '--answers', await answersFile(all(selfIds, 'no')), '--json']);
    expect(JSON.parse(selfRun.stdout)).toMatchObject({ ok: true, saved: false, level: 'none' });
    expect(await snapshot()).toEqual(before);
    expect(await chat.send('/redflags program Untouched Program')).toMatch(/question 2 of \d+, 1 answered/);
  });

  it('keeps a self-check result with --save, and refuses --save without a name', async () => {
    const saved = await run(['self', '--answers', await answersFile({ ...all(selfIds, 'no'), gap: 'yes' }), '--save', '--json']);
    expect(JSON.parse(saved.stdout)).toMatchObject({ saved: true, level: 'addressable' });
    expect(await h.session().send('/redflags self')).toMatch(
      /You finished your self-check on \d{4}-\d{2}-\d{2}: Red flags you can address/,
    );
    const unnamed = await run(['program', '--answers', await answersFile({}), '--save', '--json']);
    expect(unnamed.code).toBe(2);
    expect(JSON.parse(unnamed.stdout).errors).toEqual([{ field: 'save', message: expect.stringMatching(/--save needs --name/) }]);
  });

  it('prints one JSON object naming an unknown flag, on every subcommand', async () => {
    for (const args of [
      ['program', '--answerz', 'x'],
      ['self', '--nme'],
      ['list', '--all'],
      ['delete', 'x', '--force'],
    ]) {
      const r = await run([...args, '--json']);
      expect(r.code).toBe(2);
      const out = JSON.parse(r.stdout);
      expect(out).toMatchObject({ ok: false, command: 'redflags' });
      expect(JSON.stringify(out.errors)).toContain(args.find((a) => a.startsWith('--')));
    }
  });
});
