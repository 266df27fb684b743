import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../src/app/features.js';
import { offeredOn } from '../src/core/router.js';
import { BIN, ensureBuilt, ROOT } from './support/build.js';

/** The built CLI as a user runs it (`npx img-advisor ...`, `npm start`): a real process each time. */
let CLI: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  CLI = ensureBuilt();
  const dir = mkdtempSync(path.join(tmpdir(), 'img-cli-'));
  env = { PATH: process.env.PATH, HOME: dir, SQLITE_PATH: path.join(dir, 'state.sqlite') };
});

function run(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; file?: string } = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      opts.file ?? process.execPath,
      opts.file ? args : [CLI, ...args],
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

  it('exits 2 with a message on stderr and one JSON error object for an empty or over-long question', async () => {
    const empty = await run(['ask', '--json']);
    expect(empty.code).toBe(2);
    expect(JSON.parse(empty.stdout)).toMatchObject({ ok: false, command: 'ask', errors: [{ field: 'usage' }] });
    expect(empty.stderr).toMatch(/Ask me a question/);
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

describe('the command line itself', () => {
  const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  it('prints the version with --version', async () => {
    const r = await run(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it("--help lists what users run, not the maintainers' docs command", async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--version/);
    expect(r.stdout).not.toMatch(/\bdocs\b/);
  });

  it('ends quietly when the reader of its output goes away (`| head`)', async () => {
    const child = spawn(process.execPath, [CLI, 'help'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // The read end closes before the CLI writes: its write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('discord:register --print writes only the JSON to stdout', async () => {
    const r = await run([path.join(ROOT, 'dist', 'bin', 'discord-register.js'), '--print'], { file: process.execPath });
    expect(r.code).toBe(0);
    const commands = JSON.parse(r.stdout) as { name: string }[];
    // Script-only commands (report, proposals) are not slash commands.
    expect(commands.map((c) => c.name)).toEqual(
      registry()
        .filter((c) => offeredOn(c.surfaces, 'discord'))
        .map((c) => c.name),
    );
  });
});

describe('bin/img-advisor, the installed command', () => {
  it('runs one-shot commands from the start-up snapshot, with the same answers as the plain bundle', async () => {
    expect(existsSync(path.join(ROOT, 'dist', 'bin', 'img-advisor.blob'))).toBe(true);
    const question = ['ask', '--json', 'how long is a clinical informatics fellowship'];
    const fast = await run(question, { file: BIN });
    const plain = await run(question, { file: BIN, env: { IMG_ADVISOR_NO_SNAPSHOT: '1' } });
    // What the launcher runs when the snapshot fits, spelled out: a stale snapshot fails here, not silently.
    const blob = path.join(ROOT, 'dist', 'bin', 'img-advisor.blob');
    const direct = await run(['--no-rehash-snapshot', '--snapshot-blob', blob, CLI, ...question], { file: process.execPath });
    expect(fast.stderr).toBe('');
    expect(fast.code).toBe(0);
    expect(direct.code).toBe(0);
    expect(JSON.parse(fast.stdout)).toEqual(JSON.parse(plain.stdout));
    expect(JSON.parse(direct.stdout)).toEqual(JSON.parse(plain.stdout));
    expect(JSON.parse(fast.stdout).answered).toBe(true);
  });

  it('runs every other command from the plain bundle: the snapshot holds only ask and visa, and exits 14 on the rest', async () => {
    const add = await run(['tracker', 'add', 'institution:Snapshot General', '--json'], { file: BIN });
    expect(add.stderr).toBe('');
    expect(JSON.parse(add.stdout).ok).toBe(true);
    const forget = await run(['forget', '--yes'], { file: BIN });
    expect(forget.stdout).toMatch(/Done\. I deleted everything stored about you:[\s\S]*Snapshot General/);
    const blob = path.join(ROOT, 'dist', 'bin', 'img-advisor.blob');
    const direct = await run(
      ['--no-rehash-snapshot', '--snapshot-blob', blob, CLI, 'tracker', 'add', 'institution:X', '--json'],
      {
        file: process.execPath,
      },
    );
    expect(direct).toEqual({ code: 14, stdout: '', stderr: '' });
  });

  it('answers from another guide (CONTENT_DIR, or content/ edited since the build) by reading its files, not from the snapshot', async () => {
    const other = path.join(mkdtempSync(path.join(tmpdir(), 'img-guide-')), 'content');
    cpSync(path.join(ROOT, 'content'), other, { recursive: true });
    const file = path.join(other, 'guide', 'h1b-pathways.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('fellowships last two years', 'fellowships last nineteen years'));
    const question = ['ask', '--json', 'how long is a clinical informatics fellowship'];
    const blob = path.join(ROOT, 'dist', 'bin', 'img-advisor.blob');
    const direct = await run(['--no-rehash-snapshot', '--snapshot-blob', blob, CLI, ...question], {
      file: process.execPath,
      env: { CONTENT_DIR: other },
    });
    expect(direct).toEqual({ code: 14, stdout: '', stderr: '' });
    const r = await run(question, { file: BIN, env: { CONTENT_DIR: other } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).text).toMatch(/fellowships last nineteen years/);
  });

  it('works through a symlink, as npm links it into node_modules/.bin', async () => {
    const link = path.join(mkdtempSync(path.join(tmpdir(), 'img-bin-')), 'img-advisor');
    symlinkSync(BIN, link);
    const r = await run(['--version'], { file: link });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('a snapshot of a package somewhere else does not run: exit 14, which the launcher takes as "run plainly"', async () => {
    const blob = path.join(ROOT, 'dist', 'bin', 'img-advisor.blob');
    const elsewhere = path.join(mkdtempSync(path.join(tmpdir(), 'img-moved-')), 'dist', 'bin', 'cli.js');
    const r = await run(['--no-rehash-snapshot', '--snapshot-blob', blob, elsewhere, 'ask', '--json', 'what is cap exempt'], {
      file: process.execPath,
    });
    expect(r).toEqual({ code: 14, stdout: '', stderr: '' });
  });
});
