import type { Keyv } from 'keyv';

/**
 * A package's default export. Imported as ESM it is `default`; in the start-up snapshot, which is
 * CommonJS and requires the package's CommonJS build, it arrives one level down.
 */
export function defaultExport<T>(mod: { default: T }): T {
  const d = mod.default as T | { default?: T };
  return typeof d === 'function' ? d : ((d as { default?: T }).default ?? (d as T));
}

/** keyv itself loads with the first store call: a one-shot run that stores nothing skips it. */
export async function keyvClass(): Promise<typeof Keyv> {
  return (await import('keyv')).Keyv;
}

/**
 * One shared connection: opened on first use; a failed attempt is forgotten, so the next call
 * tries again (a backend that was down at first is picked up when it returns). `release` hands
 * back the current one, if any, for closing; the next `open` starts afresh.
 */
export function connectionOf<T>(connect: () => Promise<T>): { open(): Promise<T>; release(): Promise<T> | undefined } {
  let opened: Promise<T> | undefined;
  return {
    open() {
      if (!opened) {
        const attempt = connect();
        opened = attempt;
        attempt.catch(() => {
          if (opened === attempt) opened = undefined;
        });
      }
      return opened;
    },
    release() {
      const was = opened;
      opened = undefined;
      return was;
    },
  };
}
