#!/usr/bin/env node
/**
 * Builds what the package runs, into dist/bin/ (`npm run build` runs it after tsc, which stays
 * for type checking, tests and the benchmarks):
 *
 * - cli.js, discord-shard.js and the tools: ESM bundles (esbuild) of src/app/, with our code, zod,
 *   MiniSearch and yaml inside; every `import()` becomes its own chunk, so a one-shot command
 *   never loads the platform code. The platform SDKs, the store drivers, pino and prom-client stay
 *   in node_modules and load only when used.
 * - img-advisor.blob: a V8 start-up snapshot of src/app/snapshot.ts (bundled to one CommonJS
 *   file, as Node's snapshot builder needs), for `bin/img-advisor` to start one-shot commands
 *   from. It belongs to this Node binary; the launcher skips it under another one.
 *
 * No source maps: the bundles the bots run are not minified, so stack traces in their logs read
 * as they are. The snapshot's script is (a smaller heap restores faster); to debug a one-shot
 * run with readable traces, run it with IMG_ADVISOR_NO_SNAPSHOT=1.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Bundled: the small pure libraries every one-shot run needs (the point of the bundle is to load
 * them as one file). Everything else stays in node_modules and loads at run time: platform SDKs,
 * native drivers (sqlite3, better-sqlite3), the job queue and limiter with their Redis clients,
 * the spreadsheet readers.
 */
const BUNDLED = new Set(['zod', 'yaml', 'minisearch', 'csv-stringify', 'csv-parse']);
const { dependencies = {} } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const EXTERNAL = Object.keys(dependencies)
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);
const OUT = path.join(ROOT, 'dist', 'bin');
const BLOB = path.join(OUT, 'img-advisor.blob');
/**
 * V8 flags the snapshot is built and run with (bin/img-advisor passes the same: Node refuses a
 * snapshot built with other flags). Not rehashing keeps the hash seed baked into the snapshot and
 * saves about a third of the restore time; fine for a command-line run on the user's own input.
 */
const SNAPSHOT_FLAGS = ['--no-rehash-snapshot'];

/** Sources whose `import.meta.url` means their own source file, not the bundle (the guide cache's code fingerprint). */
const SOURCE_RELATIVE = new Set(['src/features/answer/cache.ts']);

/**
 * Two source-level adjustments: a template `import(\`../x/${name}.js\`)` names the `.ts` sources
 * esbuild globs (tsc keeps `.js`), and SOURCE_RELATIVE files get their source URL.
 */
const sourcesPlugin = {
  name: 'img-advisor-sources',
  setup(b) {
    b.onLoad({ filter: /[\\/](src|commands)[\\/].*\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      let contents = await readFile(args.path, 'utf8');
      contents = contents.replace(/import\(`(\.\.?\/[^`]*)\.js`\)/g, 'import(`$1.ts`)');
      const rel = path.relative(ROOT, args.path).split(path.sep).join('/');
      if (SOURCE_RELATIVE.has(rel)) {
        // From the package root, wherever the module ends up (an entry, a chunk, the snapshot).
        const config = JSON.stringify(path.join(ROOT, 'src', 'config.ts'));
        contents = [
          `import { PACKAGE_ROOT as __root } from ${config};`,
          "import { pathToFileURL as __toUrl } from 'node:url';",
          contents.replaceAll('import.meta.url', `__toUrl(__root + ${JSON.stringify(`/${rel}`)}).href`),
        ].join('\n');
      }
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * zod re-exports all of its ~50 translations of error messages (`z.locales`), about half of its
 * bundled size; we use its English messages, which it applies by itself. Bundles get `en` only.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  plugins: [sourcesPlugin, zodEnglishOnly],
  logLevel: 'warning',
  legalComments: 'none',
  // CommonJS packages bundled into ESM (yaml, csv-stringify) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);",
  },
};

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

await build({
  ...common,
  entryPoints: {
    cli: 'src/app/cli.ts',
    'discord-shard': 'src/app/discord-shard.ts',
    'discord-register': 'src/app/tools/discord-register.ts',
    'slack-manifest': 'src/app/tools/slack-manifest.ts',
  },
  format: 'esm',
  splitting: true,
  outdir: OUT,
  // Chunks beside the entries: a module's import.meta.url then names dist/bin wherever it lands
  // (main.ts finds discord-shard.js next to itself).
  chunkNames: '[name]-[hash]',
  absWorkingDir: ROOT,
});

/**
 * In the snapshot's script, a module that only a dynamic import of our own code reaches (the
 * platforms, the terminal chat, the YAML loader that rebuilds the guide's cache) becomes a stub
 * that throws: none of them runs in a one-shot `ask` or `visa` from the snapshot (a changed guide
 * runs the plain bundle), and their source would only add to the heap every run restores.
 */
const staticOnly = {
  name: 'snapshot-static-only',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) =>
      args.kind === 'dynamic-import' && /[\\/](src|commands)[\\/]/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), args.path), namespace: 'not-in-snapshot' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'not-in-snapshot' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${path.relative(ROOT, args.path)} is not in the start-up snapshot`)});`,
    }));
  },
};

// The snapshot's script: one CommonJS file. At build time Node gives it a require() for built-ins
// only, so packages in node_modules are required through createRequire, when first used.
const snapshotEntry = path.join(OUT, 'snapshot.cjs');
await build({
  ...common,
  entryPoints: ['src/app/snapshot.ts'],
  plugins: [staticOnly, ...common.plugins],
  format: 'cjs',
  outfile: snapshotEntry,
  absWorkingDir: ROOT,
  // Smaller source, smaller heap to restore: this file is never read, only its snapshot.
  minify: true,
  // import() of a package becomes require(), which works after the heap is restored; import() does not.
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__bundleUrl' },
  banner: {
    js: [
      "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;",
      'var __builtinRequire = require;',
      `var __external = new RegExp(${JSON.stringify(`^(${EXTERNAL.map((e) => e.replace('/*', '/').replace('.', '\\.')).join('|')})`)});`,
      "var require = (id) => (__external.test(id) ? __builtinRequire('node:module').createRequire(__filename)(id) : __builtinRequire(id));",
    ].join('\n'),
  },
});

// The script's source stays in the heap (V8 compiles functions lazily from it). One character
// outside Latin-1 (a curly quote in a regular expression, which esbuild leaves as written) makes
// V8 hold all of it as two-byte text: escaped, it takes half the heap and half the restore time.
const source = readFileSync(snapshotEntry, 'utf8');
writeFileSync(
  snapshotEntry,
  source.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
);

if (process.env.IMG_ADVISOR_NO_SNAPSHOT) {
  console.log('build-bin: bundles in dist/bin (no snapshot: IMG_ADVISOR_NO_SNAPSHOT is set)');
} else {
  try {
    // Written by the plain bundle first, the guide's index cache lets the snapshot skip the YAML
    // parser, which would otherwise stay in its heap.
    execFileSync(process.execPath, [path.join(OUT, 'cli.js'), 'ask', '--json', 'what does cap exempt mean'], {
      cwd: ROOT,
      stdio: 'ignore',
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    execFileSync(process.execPath, [...SNAPSHOT_FLAGS, '--snapshot-blob', BLOB, '--build-snapshot', snapshotEntry], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
  } catch (err) {
    // The plain bundle still works; say why the fast start is missing.
    rmSync(BLOB, { force: true });
    const why = String(err.stderr ?? err.message)
      .trim()
      .split('\n')
      .slice(-3)
      .join(' ');
    console.warn(`build-bin: no start-up snapshot (${why}); bin/img-advisor runs the plain bundle`);
  }
  if (existsSync(BLOB)) console.log('build-bin: bundles and start-up snapshot in dist/bin');
}
