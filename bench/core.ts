import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { createApp } from '../src/app/app.js';
import { loadConfig, PACKAGE_ROOT } from '../src/config.js';
import { renderAnswer } from '../src/features/answer/render.js';
import { getEngine } from '../src/features/answer/service.js';
import { createLogger } from '../src/log.js';
import { memoryStore } from '../src/store/open.js';
import { type BenchResult, percentile, ratioOf, round, timeAsync, timeSync } from './stats.js';

const RUNS = 3000;
const CLI_RUNS = 15;

/** Member-style questions, in and out of scope: the evaluation set's wording, as members type. */
function questions(): string[] {
  const file = path.join(PACKAGE_ROOT, 'test', 'eval', 'questions.yaml');
  const parsed = parse(readFileSync(file, 'utf8')) as { questions: { q: string }[] };
  return parsed.questions.map((x) => x.q);
}

/**
 * Answer latency: the engine's answer (search, coverage, rendering) and a whole `/ask` through
 * the router, against MiniSearch's own query on the same index with the same questions.
 */
export async function benchAnswers(): Promise<BenchResult[]> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const engine = await getEngine(config.contentDir);
  const qs = questions();
  let i = 0;
  const next = () => qs[i++ % qs.length] ?? '';
  const bare = timeSync(() => engine.rawSearch(next()), RUNS);
  const answer = timeSync(() => {
    const q = next();
    return renderAnswer(engine.ask(q), engine.guide, { visa: false, command: 'ask' });
  }, RUNS);
  const app = createApp({ config, store: memoryStore(), log: createLogger('silent') });
  const base = { platform: 'cli' as const, user: { id: 'bench', name: 'bench' }, conversation: { id: 'c', isDirect: true } };
  const routed = await timeAsync(() => app.router.handle({ ...base, kind: 'command', command: 'ask', text: next() }), RUNS);
  return [
    {
      name: 'answer: engine + render, p50, vs bare MiniSearch query',
      value: round(answer.p50),
      unit: 'ms',
      baseline: round(bare.p50),
      ratio: ratioOf(answer.p50, bare.p50),
      goal: 1.5,
    },
    {
      name: 'answer: engine + render, p99, vs bare MiniSearch query',
      value: round(answer.p99),
      unit: 'ms',
      baseline: round(bare.p99),
      ratio: ratioOf(answer.p99, bare.p99),
      goal: 1.5,
    },
    { name: 'answer: engine + render, p99 under 1 ms', value: round(answer.p99), unit: 'ms', goal: 1, goalKind: 'max-value' },
    {
      name: '/ask through the router (validation, store, render), p99, vs bare query',
      value: round(routed.p99),
      unit: 'ms',
      baseline: round(bare.p99),
      ratio: ratioOf(routed.p99, bare.p99),
    },
  ];
}

function wallTime(args: string[], env: NodeJS.ProcessEnv): number {
  const samples: number[] = [];
  for (let n = 0; n < CLI_RUNS; n++) {
    const t = performance.now();
    execFileSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return percentile(samples, 50);
}

/** The one-shot CLI's wall time (median of runs) against starting Node and doing nothing. */
export async function benchCli(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'img-bench-'));
  const env: NodeJS.ProcessEnv = { ...process.env, SQLITE_PATH: path.join(dir, 'bench.sqlite'), LOG_LEVEL: 'silent' };
  delete env.REDIS_URL;
  const cli = path.join(PACKAGE_ROOT, 'dist', 'src', 'app', 'cli.js');
  const node = wallTime(['-e', '0'], env);
  const answered = wallTime([cli, 'ask', '--json', 'what is the difference between cap exempt and cap subject'], env);
  const declined = wallTime([cli, 'visa', '--json', 'how much is the h1b fee'], env);
  return [
    {
      name: 'CLI one-shot `ask --json` (answered), median wall time, vs `node -e 0`',
      value: round(answered, 1),
      unit: 'ms',
      baseline: round(node, 1),
      ratio: ratioOf(answered, node),
      goal: 3,
    },
    {
      name: 'CLI one-shot `visa --json` (declined, records the gap), median, vs `node -e 0`',
      value: round(declined, 1),
      unit: 'ms',
      baseline: round(node, 1),
      ratio: ratioOf(declined, node),
      goal: 3,
    },
  ];
}
