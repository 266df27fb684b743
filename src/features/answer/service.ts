import type { Guide } from '../../content/guide.js';
import { oncePerFolder } from '../../content/memo.js';
import { fingerprint, readCache, writeCache } from './cache.js';
import { AnswerEngine } from './engine.js';

async function buildEngine(contentDir: string): Promise<AnswerEngine> {
  const print = await fingerprint(contentDir);
  const cached = await readCache(contentDir, print);
  if (cached) {
    const guide: Guide = { ...cached.guide, byId: new Map(cached.guide.sections.map((s) => [s.id, s])) };
    return new AnswerEngine(guide, cached.index);
  }
  // The YAML loader (and its parser and schemas) loads only when the cache cannot serve.
  const { loadGuide } = await import('../../content/guide.js');
  const guide = await loadGuide(contentDir);
  const engine = new AnswerEngine(guide);
  const { byId: _byId, ...plain } = guide;
  await writeCache(contentDir, print, { guide: plain, index: engine.serialize() });
  return engine;
}

/** One engine per content folder, built on first use and kept for the life of the process. */
export const getEngine = oncePerFolder(buildEngine);
