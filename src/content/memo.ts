/**
 * One load per content folder for the life of the process: every feature reads its content the
 * first time it is needed and keeps it. A failed load is not kept, so a fixed file is picked up.
 */
export function oncePerFolder<T>(load: (contentDir: string) => Promise<T>): (contentDir: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
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
