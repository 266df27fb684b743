/**
 * The one-shot CLI's V8 start-up snapshot. `npm run build` bundles this file into one script and
 * runs it under `node --build-snapshot`: the answer path (`ask`, `visa`, the router, the
 * terminal's scripted mode) is loaded, the guide's search index built and one question answered
 * before the heap is saved. `bin/img-advisor` then starts `node --snapshot-blob` on that heap, so
 * `img-advisor ask --json ...` skips loading modules and restoring the index, which are most of
 * its start-up. Every other command is in the script too and initializes on first use: each
 * megabyte of heap costs every run about 3 ms to restore, so only the most common path is warm.
 *
 * Two things can make the saved heap wrong, and both are checked at start: the package moved
 * (the paths in the heap are the old ones: exit 14, which the launcher takes as "run the plain
 * bundle"), and content/ changed since the build (the loaded content is dropped and read again).
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import ask from '../../commands/ask.js';
import visa from '../../commands/visa.js';
import { runScript } from '../adapters/terminal/script.js';
import { loadConfig, PACKAGE_ROOT } from '../config.js';
import { forgetLoadedContent } from '../content/memo.js';
import { defineFeature } from '../core/feature.js';
import { getEngine } from '../features/answer/service.js';
import { createLogger } from '../log.js';
import { memoryStore } from '../store/open.js';
import { runCli } from './entry.js';
import { createAppWith } from './wire.js';

/** The exit code that tells the launcher this snapshot does not fit: run without it. */
const SNAPSHOT_UNFIT = 14;

/** Every file under content/ by size and modification time: cheap to take at each start (no localeCompare: ICU costs ms). */
function contentPrint(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        parts.push(`${p}:${s.size}:${s.mtimeMs}`);
      }
    }
  };
  try {
    walk(dir);
  } catch {
    return '';
  }
  return parts.join('|');
}

/**
 * An answered question in memory, so the code it runs is compiled in the heap. Nothing here may
 * load a package from node_modules (the store's keyv, pino): Node's snapshot cannot hold them.
 */
async function warmUp(): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const features = [defineFeature({ name: 'warm-up', commands: [ask, visa] })];
  const app = createAppWith(features, { config, store: memoryStore(), log: createLogger('silent') });
  const io = { stdout: () => {}, stderr: () => {}, readStdin: async () => '', readFile: async () => '' };
  await runScript(app, 'ask', ['--json', 'what does cap exempt mean'], io);
  await app.close();
}

if (v8.startupSnapshot.isBuildingSnapshot()) {
  const contentDir = loadConfig({}).contentDir;
  const builtAt = realpathSync(PACKAGE_ROOT);
  const builtPrint = contentPrint(contentDir);
  // The guide's index only: restoring it is most of a one-shot run's start-up, and every byte in
  // the heap costs start-up time too (the other features' content reads fast enough when used).
  void getEngine(contentDir).then(warmUp);
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    // The launcher passes the plain bundle's path as the script: dist/bin/cli.js of this package.
    const script = process.argv[1] ?? '';
    let here = '';
    try {
      here = realpathSync(path.resolve(path.dirname(script), '..', '..'));
    } catch {
      // A script path that does not exist: not started by the launcher.
    }
    if (here !== builtAt) {
      process.exitCode = SNAPSHOT_UNFIT;
      return;
    }
    if (contentPrint(contentDir) !== builtPrint) forgetLoadedContent();
    runCli(process.argv.slice(2));
  });
}
