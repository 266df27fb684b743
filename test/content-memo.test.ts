import { describe, expect, it } from 'vitest';
import { oncePerFolder } from '../src/content/memo.js';

describe('content loaded once per folder', () => {
  it('reads each folder once, and again after a failed read (a fixed file is picked up)', async () => {
    let reads = 0;
    let broken = true;
    const get = oncePerFolder(async (dir) => {
      reads++;
      if (dir === 'fixed' && broken) throw new Error('bad file');
      return `${dir}#${reads}`;
    });
    expect(await get('content')).toBe('content#1');
    expect(await get('content')).toBe('content#1');
    expect(await get('other')).toBe('other#2');
    await expect(get('fixed')).rejects.toThrow('bad file');
    broken = false;
    expect(await get('fixed')).toBe('fixed#4');
    expect(await get('fixed')).toBe('fixed#4');
  });
});
