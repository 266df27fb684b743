import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/build.js';

/**
 * The one import rule (docs/ARCHITECTURE.md) is checked by dependency-cruiser in `npm test`.
 * These tests run the same check on the real tree and on small planted trees, so a rule that
 * stopped catching its violation would fail here.
 */
const CLI = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(cwd: string, dirs: string[]): Violation[] {
  const args = [CLI, '--config', path.join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json', ...dirs];
  let out: string;
  try {
    out = execFileSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    // Exit 1 with the JSON on stdout is how violations are reported.
    out = (err as { stdout?: string }).stdout ?? '';
  }
  const result = JSON.parse(out) as { summary: { violations: Violation[] } };
  return result.summary.violations;
}

const planted = mkdtempSync(path.join(tmpdir(), 'img-arch-'));
afterAll(() => rmSync(planted, { recursive: true, force: true }));

/** A tiny tree with the project's folders; `files` maps a path to the modules it imports. */
function tree(name: string, files: Record<string, string[]>): string {
  const dir = path.join(planted, name);
  cpSync(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  for (const [file, imports] of Object.entries(files)) {
    const abs = path.join(dir, file);
    mkdirSync(path.dirname(abs), { recursive: true });
    const lines = imports.map((to, i) => {
      const spec = to.startsWith('.') || !to.includes('/') ? to : path.relative(path.dirname(abs), path.join(dir, to));
      const rel = spec.startsWith('.') || !to.includes('/') ? spec : `./${spec}`;
      return `import * as m${i} from '${rel.replace(/\.ts$/, '.js')}';\nexport const x${i} = m${i};`;
    });
    writeFileSync(abs, `${lines.join('\n')}\nexport const here = 1;\n`);
  }
  return dir;
}

describe('the import rule', () => {
  it('holds on the whole of src/ and commands/, with no cycle anywhere', () => {
    expect(cruise(ROOT, ['src', 'commands'])).toEqual([]);
  });

  it.each([
    ['feature-imports-only-base', { 'src/features/a/x.ts': ['src/features/b/y.ts'], 'src/features/b/y.ts': [] }],
    ['feature-imports-only-base', { 'src/features/a/x.ts': ['src/adapters/discord/y.ts'], 'src/adapters/discord/y.ts': [] }],
    ['base-imports-only-base', { 'src/core/x.ts': ['src/features/a/y.ts'], 'src/features/a/y.ts': [] }],
    ['command-imports-feature-and-base', { 'commands/a.ts': ['commands/b.ts'], 'commands/b.ts': [] }],
    ['command-imports-feature-and-base', { 'commands/a.ts': ['src/adapters/terminal/y.ts'], 'src/adapters/terminal/y.ts': [] }],
    [
      'adapter-imports-base-and-shared',
      { 'src/adapters/slack/x.ts': ['src/adapters/discord/y.ts'], 'src/adapters/discord/y.ts': [] },
    ],
    ['nothing-imports-the-root', { 'src/adapters/slack/x.ts': ['src/app/main.ts'], 'src/app/main.ts': [] }],
    ['no-cycles', { 'src/core/a.ts': ['src/core/b.ts'], 'src/core/b.ts': ['src/core/a.ts'] }],
    ['metrics-library-behind-core', { 'src/adapters/discord/x.ts': ['prom-client'] }],
  ])('catches a planted %s violation', (rule, files) => {
    const dir = tree(`${rule}-${Object.keys(files).join('-').replace(/[/.]/g, '_')}`, files);
    const tops = [...new Set(Object.keys(files).map((f) => f.split('/')[0] ?? ''))];
    expect(cruise(dir, tops).map((v) => v.rule.name)).toContain(rule);
  });

  it('allows what the layers allow: a command using its feature, a feature its own files and the base', () => {
    const dir = tree('allowed', {
      'commands/a.ts': ['src/features/a/x.ts', 'src/core/c.ts'],
      'src/features/a/x.ts': ['src/features/a/y.ts', 'src/store/s.ts'],
      'src/features/a/y.ts': [],
      'src/core/c.ts': ['src/store/s.ts'],
      'src/store/s.ts': [],
      'src/adapters/discord/d.ts': ['src/adapters/shared/p.ts', 'src/core/c.ts'],
      'src/adapters/shared/p.ts': [],
      'src/app/main.ts': ['src/adapters/discord/d.ts', 'commands/a.ts'],
    });
    expect(cruise(dir, ['src', 'commands'])).toEqual([]);
  });
});
