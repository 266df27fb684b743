/**
 * The one-shot CLI's V8 start-up snapshot for `ask` and `visa`. `npm run build` bundles this file
 * into one script and runs it under `node --build-snapshot`: the answer path (the two commands,
 * the router, the terminal's scripted mode) is loaded, the guide's search index built and one
 * question answered before the heap is saved. `bin/img-advisor ask|visa ...` then starts
 * `node --snapshot-blob` on that heap, which skips loading modules and restoring the index, most
 * of its start-up. Nothing else is in it: every megabyte of heap (source text included) costs
 * every run several milliseconds to restore, so other commands run the plain bundle.
 *
 * Two things can make the saved heap wrong, and both are checked at start: the package moved
 * (the paths in the heap are the old ones) and content/ changed since the build (the heap holds
 * the old guide). Either exits 14, which the launcher takes as "run the plain bundle"; so does a
 * command other than `ask` and `visa`. The script holds no code that only a dynamic import reaches
 * (the YAML loader, the platforms): none of it can run here (scripts/build-bin.mjs).
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import ask from '../../commands/ask.js';
import visa from '../../commands/visa.js';
import { runScript } from '../adapters/terminal/script.js';
import { loadConfig, PACKAGE_ROOT } from '../config.js';
import { defineFeature } from '../core/feature.js';
import { getEngine } from '../features/answer/service.js';
import { createLogger } from '../log.js';
import { memoryStore } from '../store/open.js';
import { runCli } from './entry.js';
import { oneShotApp, readConfig, runOnce } from './one-shot.js';
import { createAppWith } from './wire.js';

/** The exit code that tells the launcher this snapshot does not fit: run without it. */
const SNAPSHOT_UNFIT = 14;

/** The commands this snapshot serves (bin/img-advisor sends only these); everything else runs the plain bundle. */
const SERVED = new Map([ask, visa].map((c) => [c.name, c]));

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
 * Questions of each common shape (a plain question, a comparison, a two-part question), so
 * the code each runs is compiled in the heap. Every word is one the guide uses: a typo would load
 * the typo index (see AnswerEngine.index), which is kept out of the heap.
 */
const WARM_UP: [string, string][] = [
  ['ask', 'what does cap exempt mean'],
  ['visa', 'J-1 waiver vs H-1B for fellowship?'],
  ['ask', 'do I need Step 3 and when should I take it'],
];

/**
 * Answered questions in memory, so the code it runs is compiled in the heap. Nothing here may
 * load a package from node_modules (the store's keyv, pino): Node's snapshot cannot hold them.
 */
async function warmUp(): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const features = [defineFeature({ name: 'warm-up', commands: [ask, visa] })];
  const app = createAppWith(features, { config, store: memoryStore(), log: createLogger('silent') });
  const io = { stdout: () => {}, stderr: () => {}, readStdin: async () => '', readFile: async () => '' };
  for (const [command, question] of WARM_UP) await runScript(app, command, ['--json', question], io);
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
    const [first = '', ...rest] = process.argv.slice(2);
    const command = SERVED.get(first);
    if (here !== builtAt || !command) {
      process.exitCode = SNAPSHOT_UNFIT;
      return;
    }
    runCli(async () => {
      // As main.ts runs a one-shot command: the same configuration, app and scripted run.
      const config = readConfig();
      if (!config) return 1;
      // Another guide (CONTENT_DIR), or this one edited since the build: the heap's is not it.
      if (config.contentDir !== contentDir || contentPrint(contentDir) !== builtPrint) return SNAPSHOT_UNFIT;
      return runOnce(oneShotApp(config, [defineFeature({ name: 'one-shot', commands: [command] })]), first, rest);
    });
  });
}
