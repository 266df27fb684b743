import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** The bundled CLI, as `npm start` runs it. */
export const CLI = path.join(ROOT, 'dist', 'bin', 'cli.js');
/** The package's command (`npx img-advisor`): the launcher that starts one-shot runs from the snapshot. */
export const BIN = path.join(ROOT, 'bin', 'img-advisor');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The built CLI, as `npm start` and `npx img-advisor` run it. `npm test` builds before the tests,
 * so this only bundles when dist/bin is missing or older than the sources (a suite run on its own
 * after an edit); it never rebuilds under suites that are already running the CLI.
 */
export function ensureBuilt(): string {
  const built = existsSync(CLI) ? statSync(CLI).mtimeMs : 0;
  const sources = Math.max(newestSource(path.join(ROOT, 'src')), newestSource(path.join(ROOT, 'commands')));
  if (built < sources) {
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-bin.mjs')], { cwd: ROOT, stdio: 'ignore' });
    } catch {
      // A missing entry point is the failure that matters, and is reported below.
    }
  }
  if (!existsSync(CLI)) throw new Error('the build did not produce dist/bin/cli.js: run `npm run build`');
  return CLI;
}
