/** One line of `npm run bench`: our number, the in-process baseline it is compared with, and the goal. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  /** The goal for `ratio` (or for `value` when there is no baseline). */
  goal?: number;
  /** How the goal reads: ratio at most (default), ratio at least, value at most, or value at least. */
  goalKind?: 'max-ratio' | 'min-ratio' | 'max-value' | 'min-value';
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Times a synchronous function: warm-up first, then `runs` samples; p50 and p99 in milliseconds. */
export function timeSync(fn: () => unknown, runs: number, warmup = Math.ceil(runs / 10)): { p50: number; p99: number } {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** The same for an async function, run one at a time. */
export async function timeAsync(fn: () => Promise<unknown>, runs: number, warmup = Math.ceil(runs / 10)) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

export const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;
export const ratioOf = (a: number, b: number) => (b > 0 ? round(a / b, 2) : undefined);

/**
 * One line that compares our number with its in-process baseline: both shown as `show` rounds (or
 * scales) them, `round` by default; the ratio taken from the numbers as given, so rounding for
 * display never moves it. Goal keys are set only when given, as in a hand-written line.
 */
export function versus(
  name: string,
  unit: string,
  value: number,
  baseline: number,
  { show = round, ...goal }: { show?: (n: number) => number; goal?: number; goalKind?: BenchResult['goalKind'] } = {},
): BenchResult {
  return { name, value: show(value), unit, baseline: show(baseline), ratio: ratioOf(value, baseline), ...goal };
}

/**
 * Two functions timed in turn on the same inputs (a, then b, input by input, round after round), so
 * both see the same machine: on a shared, loaded machine a tail measured minutes apart says more
 * about the neighbours than about the code. Besides p50 and p99 over every sample, `floor99` is the
 * p99 over inputs of each input's fastest run: what the code costs on its slowest inputs, without
 * the time the process spent waiting for a core.
 */
export function timePaired<T>(inputs: T[], a: (x: T) => unknown, b: (x: T) => unknown, rounds: number) {
  for (const x of inputs) {
    a(x);
    b(x);
  }
  const sa: number[] = [];
  const sb: number[] = [];
  const minA = inputs.map(() => Number.POSITIVE_INFINITY);
  const minB = inputs.map(() => Number.POSITIVE_INFINITY);
  for (let r = 0; r < rounds; r++) {
    inputs.forEach((x, i) => {
      let t = performance.now();
      a(x);
      const da = performance.now() - t;
      t = performance.now();
      b(x);
      const db = performance.now() - t;
      sa.push(da);
      sb.push(db);
      minA[i] = Math.min(minA[i] ?? da, da);
      minB[i] = Math.min(minB[i] ?? db, db);
    });
  }
  const stats = (samples: number[], mins: number[]) => {
    samples.sort((x, y) => x - y);
    mins.sort((x, y) => x - y);
    return { p50: percentile(samples, 50), p99: percentile(samples, 99), floor99: percentile(mins, 99) };
  };
  return { a: stats(sa, minA), b: stats(sb, minB) };
}
