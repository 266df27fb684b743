import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../../config.js';
import type { Guide } from '../../content/guide.js';
import type { SerializedIndex } from './engine.js';

/**
 * A validated guide and its search index, saved as JSON so a one-shot CLI call skips YAML parsing,
 * validation and indexing (most of its start-up). The fingerprint covers every content file and the
 * code that shapes the index, so any edit to either rebuilds it; a stale or broken cache is ignored.
 * MiniSearch's own index (for typo search only) is a second file, read when first needed: most
 * questions never need it, and the start-up snapshot's heap stays without it.
 */
const FORMAT = 7;
const CODE_FILES = ['engine', 'text', 'passages', 'cache'].map((f) =>
  fileURLToPath(new URL(`./${f}${path.extname(import.meta.url)}`, import.meta.url)),
);

export interface CachedGuide {
  guide: Omit<Guide, 'byId'>;
  index: SerializedIndex;
}

/** The typo index's file: the fingerprint on the first line, MiniSearch's JSON after it. */
export const typoIndexFile = (file: string) => file.replace(/\.json$/, '.minisearch.json');

export function cacheFile(contentDir: string): string {
  const key = Buffer.from(contentDir).toString('base64url').slice(-40);
  return path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'img-advisor', `guide-${key}.json`);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]))),
  );
  return nested.flat();
}

export async function fingerprint(contentDir: string): Promise<string> {
  const content = [
    path.join(contentDir, 'sources.yaml'),
    path.join(contentDir, 'synonyms.yaml'),
    ...(await listFiles(path.join(contentDir, 'guide'))).sort(),
  ];
  const stats = await Promise.all(
    [...content, ...CODE_FILES].map(async (f) => {
      const s = await stat(f).catch(() => undefined);
      return `${f}:${s?.size ?? '-'}:${s?.mtimeMs ?? '-'}`;
    }),
  );
  return `${FORMAT}|${stats.join('|')}`;
}

export async function readCache(contentDir: string, print: string): Promise<CachedGuide | undefined> {
  try {
    const file = cacheFile(contentDir);
    const raw = JSON.parse(await readFile(file, 'utf8')) as { print?: string } & CachedGuide;
    if (raw.print !== print || typeof raw.index?.postings !== 'object' || !Array.isArray(raw.index?.passages)) return undefined;
    const index = () => {
      try {
        const text = readFileSync(typoIndexFile(file), 'utf8');
        const cut = text.indexOf('\n');
        return text.slice(0, cut) === print ? text.slice(cut + 1) : undefined;
      } catch {
        return undefined;
      }
    };
    return { guide: raw.guide, index: { ...raw.index, index } };
  } catch {
    return undefined;
  }
}

/** Best effort: a read-only install simply goes without the cache. */
export async function writeCache(
  contentDir: string,
  print: string,
  value: CachedGuide & { index: { index: string } },
): Promise<void> {
  const file = cacheFile(contentDir);
  const { index, ...tables } = value.index;
  const save = async (to: string, text: string) => {
    const tmp = `${to}.${process.pid}.tmp`;
    await writeFile(tmp, text);
    await rename(tmp, to);
  };
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await save(typoIndexFile(file), `${print}\n${index}`);
    await save(file, JSON.stringify({ print, guide: value.guide, index: tables }));
  } catch {
    // Nothing to do: the next start builds the index again.
  }
}
