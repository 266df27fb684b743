import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/config.js';
import { type Guide, loadGuide } from '../src/content/guide.js';
import { cacheFile, fingerprint, readCache, typoIndexFile, writeCache } from '../src/features/answer/cache.js';
import { type Answer, AnswerEngine } from '../src/features/answer/engine.js';

/** Questions with typos and truncations: the ones that need MiniSearch's own index. */
const TYPOS = ['wat is cap exmpt', 'h1b lotery odds for privat employrs', 'how long is a fellowshp', 'j1 waivr jobs'];

const shape = (a: Answer) => ({
  outcome: a.outcome,
  sources: a.matches.map((m) => m.section.id),
  passages: a.passages.map((p) => p.text),
});

let contentDir: string;
let guide: Guide;
let fresh: AnswerEngine;

beforeAll(async () => {
  // A copy of the guide, so this test's cache files are its own.
  contentDir = path.join(mkdtempSync(path.join(tmpdir(), 'img-cache-')), 'content');
  cpSync(path.join(PACKAGE_ROOT, 'content'), contentDir, { recursive: true });
  guide = await loadGuide(contentDir);
  fresh = new AnswerEngine(guide);
});

afterAll(() => {
  const file = cacheFile(contentDir);
  rmSync(file, { force: true });
  rmSync(typoIndexFile(file), { force: true });
});

describe("the guide's index cache", () => {
  it('answers typo questions from the cached index exactly as from a fresh one', async () => {
    const print = await fingerprint(contentDir);
    const { byId: _byId, ...plain } = guide;
    await writeCache(contentDir, print, { guide: plain, index: fresh.serialize() });
    const cached = await readCache(contentDir, print);
    expect(cached).toBeDefined();
    const engine = new AnswerEngine(guide, cached?.index);
    for (const q of TYPOS) expect(shape(engine.ask(q)), q).toEqual(shape(fresh.ask(q)));
    expect(fresh.ask(TYPOS[0] ?? '').answered).toBe(true);
  });

  it('rebuilds the typo index from the guide when its file is gone or belongs to another build', async () => {
    const print = await fingerprint(contentDir);
    const cached = await readCache(contentDir, print);
    const typoFile = typoIndexFile(cacheFile(contentDir));
    expect(existsSync(typoFile)).toBe(true);
    writeFileSync(typoFile, `another build\n${JSON.stringify(fresh.index)}`);
    expect(typeof cached?.index.index === 'function' && cached.index.index()).toBeUndefined();
    rmSync(typoFile);
    const engine = new AnswerEngine(guide, cached?.index);
    for (const q of TYPOS) expect(shape(engine.ask(q)), q).toEqual(shape(fresh.ask(q)));
  });

  it('is not used once the guide changes', async () => {
    const print = await fingerprint(contentDir);
    const file = path.join(contentDir, 'guide', 'h1b-pathways.yaml');
    writeFileSync(file, '# edited\n', { flag: 'a' });
    const after = await fingerprint(contentDir);
    expect(after).not.toBe(print);
    expect(await readCache(contentDir, after)).toBeUndefined();
  });
});
