/** Every folder cache made here, so a process can drop what it loaded (see `forgetLoadedContent`). */
const caches = new Set<Map<string, Promise<unknown>>>();

/**
 * One load per content folder for the life of the process: every feature reads its content the
 * first time it is needed and keeps it. A failed load is not kept, so a fixed file is picked up.
 */
export function oncePerFolder<T>(load: (contentDir: string) => Promise<T>): (contentDir: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  caches.add(cache);
  return (contentDir) => {
    let hit = cache.get(contentDir);
    if (!hit) {
      hit = load(contentDir);
      hit.catch(() => cache.delete(contentDir));
      cache.set(contentDir, hit);
    }
    return hit;
  };
}

/**
 * Drops all content loaded so far, so the next use reads the files again: a start-up snapshot
 * made before an advisor edited content/ must not answer from the old guide.
 */
export function forgetLoadedContent(): void {
  for (const cache of caches) cache.clear();
}
