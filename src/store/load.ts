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
