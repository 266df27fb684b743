import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './support/build.js';

/** The built CLI as a user runs it (`npx img-advisor ...`, `npm start`): a real process each time. */
let CLI: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  CLI = ensureBuilt();
  const dir = mkdtempSync(path.join(tmpdir(), 'img-cli-'));
  env = { PATH: process.env.PATH, HOME: dir, SQLITE_PATH: path.join(dir, 'state.sqlite') };
});

function run(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...env, ...opts.env }, timeout: 30_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(opts.input ?? '');
  });
}

describe('one-shot JSON mode', () => {
  it('prints exactly one JSON object with the answer and its sources', async () => {
    const r = await run(['ask', '--json', 'how long is a clinical informatics fellowship']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0] ?? '');
    expect(out.answered).toBe(true);
    expect(out.text).toMatch(/two years|2 years|two-year|2-year/i);
    expect(out.sources.length).toBeGreaterThan(0);
    expect(out.sources[0]).toEqual({ id: expect.any(String), title: expect.any(String) });
  });

  it('declines honestly with exit 0, and records only the gist for advisors', async () => {
    const r = await run(['visa', '--json', 'how much is the h1b filing fee']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.answered).toBe(false);
    expect(out.text).toMatch(/does not cover/);
    expect(out.sources).toEqual([]);
    const gaps = JSON.parse((await run(['gaps', '--json'])).stdout);
    const entry = gaps.gaps.find((g: { terms: string }) => g.terms.includes('fee'));
    expect(entry?.count).toBeGreaterThanOrEqual(1);
    expect(entry?.terms).not.toMatch(/how much/);
  });

  it('exits 2 with a message on stderr for an empty or over-long question', async () => {
    const empty = await run(['ask', '--json']);
    expect(empty.code).toBe(2);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toMatch(/Usage: img-advisor ask/);
    const long = await run(['visa', '--json', 'why '.repeat(300)]);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/at most 1,000 characters/);
  });

  it('exits 2 for an unknown command', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });
});

describe('forget', () => {
  it('deletes what other commands stored, even as a one-shot run', async () => {
    const add = await run(['tracker', 'add', 'institution:Mercy General', 'visa:h1b', 'cap:exempt']);
    expect(add.code).toBe(0);
    // A script cannot click "Delete everything": without --yes it is told what would go, and nothing goes.
    const asked = await run(['forget']);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toMatch(/- Tracker: 1 program \(Mercy General\)[\s\S]*img-advisor forget --yes/);
    expect(JSON.parse((await run(['tracker', 'export', '--json'])).stdout).count).toBe(1);
    const forget = await run(['forget', '--yes', '--json']);
    expect(forget.code).toBe(0);
    expect(JSON.parse(forget.stdout)).toMatchObject({
      ok: true,
      deleted: expect.arrayContaining(['Tracker: 1 program (Mercy General)']),
    });
    const list = await run(['tracker', 'export', '--json']);
    expect(JSON.parse(list.stdout).count).toBe(0);
  });
});

describe('start-up', () => {
  it('stops with one line naming a bad environment variable', async () => {
    const r = await run([], { env: { REDIS_URL: 'localhost:6379' } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/REDIS_URL is not valid: expected a Redis URL/);
  });

  it('opens the terminal chat when no platform token is set (npm start)', async () => {
    const r = await run([], { input: '/visa what does cap exempt mean\n/help\n/quit\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/img-advisor in your terminal/);
    expect(r.stdout).toMatch(/immigration attorney/);
    expect(r.stdout).toMatch(/\/redflags program/);
  });
});

describe('documentation', () => {
  it('README tables and .env.example match the commands and settings', async () => {
    const r = await run(['docs', '--check']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
