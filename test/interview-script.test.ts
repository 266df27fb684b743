import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from './support/build.js';
import { cleanup, useHarness } from './support/harness.js';
import { runScript } from './support/script.js';

const ANSWER =
  'Um, during my residency in Manila our surgical wards wrote handoffs on scraps of paper. My job was to fix it. ' +
  'I drafted a structured handoff form with the nurses and we piloted it on one ward for a month. ' +
  'Handoff-related incident reports went from seven to two, and the department adopted the form.';

const h = useHarness();

function run(argv: string[], stdin = '', files: Record<string, string> = {}) {
  return runScript(h.app, argv, { stdin, files });
}

describe('img-advisor interview feedback (scripted)', () => {
  it('prints one JSON object with the analysis and the rendered text', async () => {
    const r = await run(
      [
        'interview',
        'feedback',
        '--json',
        '--question',
        'Tell me about a time you had to convince colleagues to accept a change.',
      ],
      ANSWER,
    );
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(r.stdout.split('\n')).toHaveLength(1);
    expect(data).toMatchObject({
      ok: true,
      command: 'interview',
      subcommand: 'feedback',
      question: { id: 'beh-resistance-change', matched: true, category: 'behavioral' },
      words: 54,
      estimatedSeconds: 23,
      length: 'short',
      starApplies: true,
      star: { situation: true, task: true, action: true, result: true },
      quantifiedResult: true,
      informaticsAngle: true,
      fillers: { count: 1, words: { um: 1 } },
    });
    expect(data.tips.length).toBeGreaterThan(0);
    expect(data.nextStep).toBe(data.tips[0]);
    expect(data.text).toMatch(/Length: 54 words/);
    expect(data.text).toMatch(/STAR: Situation yes, Task yes, Action yes, Result yes/);
  });

  it('takes a bank id or free text, and applies STAR to free text only when it asks for a story', async () => {
    const byId = JSON.parse((await run(['interview', 'feedback', '--json', '--question=inf-cpoe'], ANSWER)).stdout);
    expect(byId.question).toMatchObject({ id: 'inf-cpoe', matched: true });
    expect(byId.starApplies).toBe(false);
    const story = JSON.parse(
      (await run(['interview', 'feedback', '--json', '--question', 'Give me an example of a time you fixed a handoff'], ANSWER))
        .stdout,
    );
    expect(story.question).toMatchObject({ id: null, matched: false });
    expect(story.starApplies).toBe(true);
    expect(story.points).toEqual({ covered: [], missed: [] });
    const none = JSON.parse((await run(['interview', 'feedback', '--json'], ANSWER)).stdout);
    expect(none.starApplies).toBe(false);
  });

  it('reads the answer from --file and prints plain text without --json', async () => {
    const r = await run(['interview', 'feedback', '--question', 'beh-mistake', '--file', 'a.txt'], '', { 'a.txt': ANSWER });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^- Length: 54 words/);
    expect(r.stdout).toMatch(/Next step: /);
  });

  it('exits 2 with a clear message on bad usage, naming the option', async () => {
    const empty = await run(['interview', 'feedback', '--json'], '  \n');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/answer: No answer given/);
    const unknown = await run(['interview', 'feedback', '--loud'], ANSWER);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option --loud\. This one takes: --question, --file, --answer\./);
    expect(unknown.stdout).toBe('');
    const missing = await run(['interview', 'feedback', '--question'], ANSWER);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/question is empty/);
    const tooLong = await run(['interview', 'feedback'], 'word '.repeat(1500));
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/answer is too long: at most 6,000 characters/);
    const noFile = await run(['interview', 'feedback', '--file', 'nope.txt']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/file: nope\.txt cannot be read/);
  });

  it('prints exactly one JSON object on an error too, with what is wrong', async () => {
    const cases: [string[], string, { field: string; message: RegExp }][] = [
      [['--json', '--loud'], ANSWER, { field: 'usage', message: /Unknown option --loud\./ }],
      [['--json'], '', { field: 'answer', message: /No answer given/ }],
      [['--json', '--file', 'nope.txt'], '', { field: 'file', message: /nope\.txt cannot be read/ }],
      [['--json', '--question', 'x'.repeat(301)], ANSWER, { field: 'usage', message: /question.* is too long: at most 300/ }],
    ];
    for (const [args, stdin, error] of cases) {
      const r = await run(['interview', 'feedback', ...args], stdin);
      expect(r.code, args.join(' ')).toBe(2);
      const lines = r.stdout.split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      const data = JSON.parse(lines[0] ?? '');
      expect(data).toMatchObject({ ok: false, command: 'interview' });
      expect(data.errors).toEqual([
        expect.objectContaining({ field: error.field, message: expect.stringMatching(error.message) }),
      ]);
    }
  });

  it('takes the answer as --answer or from `--file -`, and the question as plain words', async () => {
    const inline = JSON.parse(
      (await run(['interview', 'feedback', '--json', '--answer', ANSWER, '--question', 'beh-mistake'])).stdout,
    );
    expect(inline).toMatchObject({ ok: true, subcommand: 'feedback', words: 54, question: { id: 'beh-mistake' } });
    const piped = JSON.parse((await run(['interview', 'feedback', '--json', '--file', '-'], ANSWER)).stdout);
    expect(piped.words).toBe(54);
    const words = JSON.parse(
      (
        await run(
          ['interview', 'feedback', 'Describe', 'a', 'mistake', 'you', 'made', 'and', 'what', 'you', 'learned', '--json'],
          ANSWER,
        )
      ).stdout,
    );
    expect(words.question).toMatchObject({ id: 'beh-mistake', matched: true });
  });

  it('is offered to scripts only: not in /help, and a chat member is pointed to the others', async () => {
    const s = h.session();
    expect(await s.send('/help interview')).not.toMatch(/interview feedback/);
    expect(await s.send('/interview feedback')).toMatch(/\/interview has no feedback/);
  });

  it('runs the other subcommands once, as text or JSON', async () => {
    const plan = await run(['interview', 'plan', '2']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/Your 2-week interview preparation plan/);
    const ask = JSON.parse((await run(['interview', 'ask', 'faculty', '--json'])).stdout);
    expect(ask.ok).toBe(true);
    expect(ask.text).toMatch(/Asking the faculty/);
    const bad = await run(['interview', 'plan', '9']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/weeks.*must be a whole number from 2 to 3/);
    expect((await run(['interview', 'dance'])).code).toBe(2);
  });
});

describe('the built CLI', () => {
  const ROOT = path.resolve(import.meta.dirname, '..');
  const CLI = path.join(ROOT, 'dist/bin/cli.js');

  it('answers `img-advisor interview feedback --json --question ... < answer.txt`, and exits 2 on an unknown flag', () => {
    ensureBuilt();
    const dir = mkdtempSync(path.join(tmpdir(), 'img-advisor-iv-'));
    const file = path.join(dir, 'answer.txt');
    writeFileSync(file, ANSWER);
    const cli = (args: string) =>
      spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" interview feedback ${args} < "${file}"`], {
        encoding: 'utf8',
        env: {
          ...process.env,
          SQLITE_PATH: path.join(dir, 'state.sqlite'),
          LOG_LEVEL: 'silent',
          DISCORD_TOKEN: '',
          SLACK_BOT_TOKEN: '',
        },
      });
    try {
      const res = cli('--json --question "Describe a mistake you made and what you learned."');
      expect(res.status).toBe(0);
      const lines = res.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const data = JSON.parse(lines[0] ?? '');
      expect(data).toMatchObject({
        ok: true,
        words: 54,
        length: 'short',
        star: { result: true },
        informaticsAngle: true,
        fillers: { count: 1 },
      });
      expect(typeof data.estimatedSeconds).toBe('number');
      expect(typeof data.text).toBe('string');

      const bad = cli('--json --verbose');
      expect(bad.status).toBe(2);
      const badLines = bad.stdout.trim().split('\n');
      expect(badLines).toHaveLength(1);
      expect(JSON.parse(badLines[0] ?? '')).toMatchObject({ ok: false, command: 'interview', errors: [{ field: 'usage' }] });
      expect(bad.stderr).toMatch(/Unknown option --verbose/);
    } finally {
      cleanup(dir);
    }
  });
});
