import { type Guide, loadGuide } from '../content/guide.js';
import { AnswerEngine } from './engine.js';

const engines = new Map<string, Promise<AnswerEngine>>();

/** One engine per content folder, built on first use and kept for the life of the process. */
export function getEngine(contentDir: string): Promise<AnswerEngine> {
  let engine = engines.get(contentDir);
  if (!engine) {
    engine = loadGuide(contentDir).then((g: Guide) => new AnswerEngine(g));
    engine.catch(() => engines.delete(contentDir));
    engines.set(contentDir, engine);
  }
  return engine;
}
