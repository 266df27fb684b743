import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FEATURES } from '../src/app/features.js';
import { PACKAGE_ROOT } from '../src/config.js';
import { checkAllContent as checkWith } from '../src/content/check.js';
import { formatProblem } from '../src/content/yaml-file.js';
import { defineFeature } from '../src/core/feature.js';

const checkAllContent = (contentDir: string) => checkWith(contentDir, FEATURES);

const dir = mkdtempSync(path.join(tmpdir(), 'img-content-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function copyContent(name: string): string {
  const copy = path.join(dir, name);
  cpSync(path.join(PACKAGE_ROOT, 'content'), copy, { recursive: true });
  return copy;
}

describe('content check', () => {
  it('passes on the shipped content', async () => {
    expect((await checkAllContent(path.join(PACKAGE_ROOT, 'content'))).problems).toEqual([]);
  });

  it('names the file, line and field of a broken guide section, once', async () => {
    const copy = copyContent('guide');
    const guide = path.join(copy, 'guide', 'h1b-visa.yaml');
    writeFileSync(guide, readFileSync(guide, 'utf8').replace(/reviewed: \d{4}-\d{2}-\d{2}/, 'reviewed: next week'));
    const lines = (await checkAllContent(copy)).problems.map(formatProblem);
    const broken = lines.filter((l) =>
      /^guide\/h1b-visa\.yaml:\d+: sections\[\d+\]\.reviewed: use a date like 2026-11-23/.test(l),
    );
    expect(broken).toHaveLength(1);
  });

  it('names a repeated and a missing red-flag item id', async () => {
    const copy = copyContent('ids');
    const items = path.join(copy, 'redflags', 'program-items.yaml');
    writeFileSync(items, readFileSync(items, 'utf8').replace('- id: turnover', '- id: reputation'));
    const lines = (await checkAllContent(copy)).problems.map(formatProblem);
    expect(lines).toEqual([
      'redflags/program-items.yaml: items: the id "reputation" is used twice',
      'redflags/program-items.yaml: items: the item "turnover" is missing (scripts rely on it)',
    ]);
  });

  it('names a guide section a feature cites that no guide file has, and accepts the ones that exist', async () => {
    const citing = defineFeature({
      name: 'citer',
      commands: [],
      guideRefs: async () => ['h1b-step3-requirement', 'no-such-section'],
    });
    const lines = (await checkWith(path.join(PACKAGE_ROOT, 'content'), [...FEATURES, citing])).problems.map(formatProblem);
    expect(lines).toEqual(['citer (code): cites the guide section "no-such-section", which no guide file has']);
  });
});
