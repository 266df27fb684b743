import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { createApp } from '../src/app/app.js';
import { loadConfig, PACKAGE_ROOT } from '../src/config.js';
import { renderAnswer } from '../src/features/answer/render.js';
import { getEngine } from '../src/features/answer/service.js';
import { createLogger } from '../src/log.js';
import { memoryStore } from '../src/store/open.js';
import { type BenchResult, percentile, round, timeAsync, timePaired, versus } from './stats.js';

const RUNS = 3000;
const CLI_RUNS = 15;

/** Member-style questions, in and out of scope: the evaluation set's wording, as members type. */
function questions(): string[] {
  return ['questions.yaml', 'questions-2.yaml', 'heldout.yaml'].flatMap((name) => {
    const file = path.join(PACKAGE_ROOT, 'test', 'eval', name);
    if (!existsSync(file)) return [];
    const parsed = parse(readFileSync(file, 'utf8')) as { questions: { q: string }[] };
    return parsed.questions.map((x) => x.q);
  });
}

/**
 * Answer latency: the engine's answer (search, coverage, rendering) and a whole `/ask` through
 * the router, against MiniSearch's own query on the same index with the same questions.
 */
export async function benchAnswers(): Promise<BenchResult[]> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const engine = await getEngine(config.contentDir);
  // The typo index loads on first use; load it now, so neither side times reading it.
  void engine.index;
  const qs = questions();
  let i = 0;
  const next = () => qs[i++ % qs.length] ?? '';
  const rounds = Math.ceil(RUNS / qs.length);
  const { a: bare, b: answer } = timePaired(
    qs,
    (q) => engine.rawSearch(q),
    (q) => renderAnswer(engine.ask(q), engine.guide, { visa: false, command: 'ask', owner: 'bench' }),
    rounds,
  );
  const app = createApp({ config, store: memoryStore(), log: createLogger('silent') });
  const base = { platform: 'cli' as const, user: { id: 'bench', name: 'bench' }, conversation: { id: 'c', isDirect: true } };
  const routed = await timeAsync(() => app.router.handle({ ...base, kind: 'command', command: 'ask', text: next() }), RUNS);
  return [
    versus('answer: engine + render, p50, vs bare MiniSearch query', 'ms', answer.p50, bare.p50, { goal: 1.5 }),
    versus('answer: engine + render, p99, vs bare MiniSearch query', 'ms', answer.p99, bare.p99, { goal: 1.5 }),
    { name: 'answer: engine + render, p99 under 1 ms', value: round(answer.p99), unit: 'ms', goal: 1, goalKind: 'max-value' },
    versus(
      "answer: engine + render, p99 over questions of each one's fastest run, vs the same for the bare query",
      'ms',
      answer.floor99,
      bare.floor99,
      { goal: 1.5 },
    ),
    {
      name: "answer: engine + render, p99 over questions of each one's fastest run, under 1 ms",
      value: round(answer.floor99),
      unit: 'ms',
      goal: 1,
      goalKind: 'max-value',
    },
    versus('/ask through the router (validation, store, render), p99, vs bare query', 'ms', routed.p99, bare.p99),
  ];
}

/** Median wall time of running `file args` CLI_RUNS times, each run interleaved with the others'. */
function wallTimes(runs: { file: string; args: string[] }[], env: NodeJS.ProcessEnv): number[] {
  const samples = runs.map(() => [] as number[]);
  for (let n = 0; n < CLI_RUNS; n++) {
    runs.forEach((r, i) => {
      const t = performance.now();
      execFileSync(r.file, r.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      samples[i]?.push(performance.now() - t);
    });
  }
  return samples.map((s) =>
    percentile(
      s.sort((a, b) => a - b),
      50,
    ),
  );
}

/**
 * The one-shot CLI's wall time (median of interleaved runs) against starting Node and doing
 * nothing: `bin/img-advisor` (what `npx img-advisor` runs: the start-up snapshot), and the plain
 * bundle it falls back to. NODE_EXTRA_CA_CERTS makes every Node process parse a certificate file
 * at start (tens of ms), which flatters any ratio against `node -e 0`; when it is set, the
 * comparison is also run without it, as on a machine that does not set it.
 */
export async function benchCli(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'img-bench-'));
  const env: NodeJS.ProcessEnv = { ...process.env, SQLITE_PATH: path.join(dir, 'bench.sqlite'), LOG_LEVEL: 'silent' };
  delete env.REDIS_URL;
  delete env.IMG_ADVISOR_NO_SNAPSHOT;
  const bin = path.join(PACKAGE_ROOT, 'bin', 'img-advisor');
  const bundle = path.join(PACKAGE_ROOT, 'dist', 'bin', 'cli.js');
  const ask = ['ask', '--json', 'what is the difference between cap exempt and cap subject'];
  const visa = ['visa', '--json', 'how much is the h1b fee'];
  const snapshot = existsSync(path.join(PACKAGE_ROOT, 'dist', 'bin', 'img-advisor.blob'));
  const [node = 0, answered = 0, declined = 0, plain = 0] = wallTimes(
    [
      { file: process.execPath, args: ['-e', '0'] },
      { file: bin, args: ask },
      { file: bin, args: visa },
      { file: process.execPath, args: [bundle, ...ask] },
    ],
    env,
  );
  const line = (name: string, value: number, base: number, goal?: number): BenchResult =>
    versus(name, 'ms', value, base, { show: (n) => round(n, 1), goal });
  const what = `bin/img-advisor \`ask --json\` (answered${snapshot ? '' : ', NO SNAPSHOT BUILT'}), median wall time, vs \`node -e 0\``;
  const extraCerts = env.NODE_EXTRA_CA_CERTS ? ' (this environment: NODE_EXTRA_CA_CERTS set)' : '';
  const out = [
    line(`${what}${extraCerts}`, answered, node, 1.5),
    line('bin/img-advisor `visa --json` (declined: opens SQLite, records the gap), median, vs `node -e 0`', declined, node),
    line('plain bundle `node dist/bin/cli.js ask --json` (no snapshot), median, vs `node -e 0`', plain, node),
  ];
  if (extraCerts) {
    const bare = { ...env };
    delete bare.NODE_EXTRA_CA_CERTS;
    const [node2 = 0, answered2 = 0, plain2 = 0] = wallTimes(
      [
        { file: process.execPath, args: ['-e', '0'] },
        { file: bin, args: ask },
        { file: process.execPath, args: [bundle, ...ask] },
      ],
      bare,
    );
    out.splice(1, 0, line(`${what} (without NODE_EXTRA_CA_CERTS)`, answered2, node2, 1.5));
    out.push(line('plain bundle `ask --json` (without NODE_EXTRA_CA_CERTS), median, vs `node -e 0`', plain2, node2));
  }
  return out;
}
