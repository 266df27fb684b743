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
    expect(data).toMatchObject({
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

  it('exits 2 with a clear message on bad usage', async () => {
    const empty = await run(['interview', 'feedback', '--json'], '  \n');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/No answer given/);
    const unknown = await run(['interview', 'feedback', '--loud'], ANSWER);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/did not understand "--loud"[\s\S]*Usage: img-advisor interview feedback/);
    const missing = await run(['interview', 'feedback', '--question'], ANSWER);
    expect(missing.stderr).toMatch(/--question needs a value/);
    const tooLong = await run(['interview', 'feedback'], 'word '.repeat(1500));
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/at most 6,000 characters/);
    const noFile = await run(['interview', 'feedback', '--file', 'nope.txt']);
    expect(noFile.stderr).toMatch(/Cannot read the answer file "nope.txt"/);
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

  it('answers `img-advisor interview feedback --json --question ... < answer.txt`', () => {
    ensureBuilt();
    const dir = mkdtempSync(path.join(tmpdir(), 'img-advisor-iv-'));
    const file = path.join(dir, 'answer.txt');
    writeFileSync(file, ANSWER);
    try {
      const res = spawnSync(
        'sh',
        [
          '-c',
          `"${process.execPath}" "${CLI}" interview feedback --json --question "Describe a mistake you made and what you learned." < "${file}"`,
        ],
        {
          encoding: 'utf8',
          env: {
            ...process.env,
            SQLITE_PATH: path.join(dir, 'state.sqlite'),
            LOG_LEVEL: 'silent',
            DISCORD_TOKEN: '',
            SLACK_BOT_TOKEN: '',
          },
        },
      );
      expect(res.status).toBe(0);
      const lines = res.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const data = JSON.parse(lines[0] ?? '');
      expect(data).toMatchObject({
        words: 54,
        length: 'short',
        star: { result: true },
        informaticsAngle: true,
        fillers: { count: 1 },
      });
      expect(typeof data.estimatedSeconds).toBe('number');
      expect(typeof data.text).toBe('string');
    } finally {
      cleanup(dir);
    }
  });
});
