import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV_DOCS } from '../src/config.js';
import { ensureBuilt, ROOT } from './support/build.js';

/**
 * What `npm publish` would ship, from `npm pack --dry-run` (scripts off: the build is already
 * there, and a second one would race the suites that run it).
 */
let files: string[];

beforeAll(() => {
  ensureBuilt();
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  files = (JSON.parse(out) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
}, 60_000);

describe('the npm package', () => {
  it('has the license, the command, the bundle, the content and the README', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'bin/img-advisor',
        'dist/bin/cli.js',
        'dist/bin/discord-shard.js',
      ]),
    );
    expect(files.some((f) => f.startsWith('content/guide/'))).toBe(true);
  });

  it('ships no source map without its source, and no tests, benchmarks or TypeScript sources', () => {
    for (const map of files.filter((f) => f.endsWith('.map'))) {
      expect(files, `${map} points at sources`).toContain(
        map
          .replace(/\.map$/, '')
          .replace(/^dist\//, '')
          .replace(/\.js$/, '.ts'),
      );
    }
    expect(files.filter((f) => /^(test|bench|dist\/(test|bench|src|commands))\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
  });

  it('leaves out what belongs to this machine: the start-up snapshot and its script', () => {
    expect(files.filter((f) => /\.blob$|snapshot\.cjs$/.test(f))).toEqual([]);
  });
});

describe('deploy/img-advisor.service', () => {
  const unit = readFileSync(path.join(ROOT, 'deploy', 'img-advisor.service'), 'utf8');

  it('starts the bundle the build makes, with settings the bot knows', () => {
    const exec = /^ExecStart=\S+ \/opt\/img-advisor\/(\S+)$/m.exec(unit)?.[1];
    expect(exec).toBe('dist/bin/cli.js');
    expect(existsSync(path.join(ROOT, exec ?? ''))).toBe(true);
    const vars = [...unit.matchAll(/^Environment=([A-Z_]+)=/gm)].map((m) => m[1]);
    for (const v of vars.filter((name) => name !== 'NODE_ENV')) expect(Object.keys(ENV_DOCS)).toContain(v);
  });
});
