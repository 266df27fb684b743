import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../../src/config.js';

const cache = new Map<string, unknown>();

/** A fresh copy of a payload kept in test/fixtures/discord (shapes from Discord's documentation). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  let data = cache.get(name);
  if (data === undefined) {
    data = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'test', 'fixtures', 'discord', `${name}.json`), 'utf8'));
    cache.set(name, data);
  }
  return structuredClone(data) as T;
}
