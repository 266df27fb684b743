import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'src', 'app', 'cli.js');

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
 * so this only compiles when dist/ is missing or older than the sources (a suite run on its own
 * after an edit); it never rebuilds under suites that are already running the CLI.
 */
export function ensureBuilt(): string {
  const built = existsSync(CLI) ? statSync(CLI).mtimeMs : 0;
  const sources = Math.max(newestSource(path.join(ROOT, 'src')), newestSource(path.join(ROOT, 'commands')));
  if (built < sources) {
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
        cwd: ROOT,
        stdio: 'ignore',
      });
    } catch {
      // Type errors still leave dist/ written; a missing entry point is the failure that matters.
    }
  }
  if (!existsSync(CLI)) throw new Error('the build did not produce dist/src/app/cli.js: run `npm run build`');
  return CLI;
}
