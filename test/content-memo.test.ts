import { describe, expect, it } from 'vitest';
import { forgetLoadedContent, oncePerFolder } from '../src/content/memo.js';

/** What the start-up snapshot relies on when content/ changed after it was built. */
describe('content loaded once per folder', () => {
  it('is read again after forgetLoadedContent, and only then', async () => {
    let reads = 0;
    const get = oncePerFolder(async (dir) => `${dir}#${++reads}`);
    expect(await get('content')).toBe('content#1');
    expect(await get('content')).toBe('content#1');
    forgetLoadedContent();
    expect(await get('content')).toBe('content#2');
    expect(await get('other')).toBe('other#3');
  });
});
