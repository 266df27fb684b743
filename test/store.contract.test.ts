import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openStore } from '../src/store/open.js';
import { defineRecord } from '../src/store/record.js';
import type { StateStore } from '../src/store/store.js';
import { REDIS_URL, uniqueUser } from './support/harness.js';

const noteV1 = defineRecord('contract-note', { version: 1, ttlDays: 1, schema: z.object({ text: z.string() }) });
const noteV2 = { ...noteV1, version: 2 };
const strict = { ...noteV1, schema: z.object({ text: z.string(), count: z.number() }) };
const brief = defineRecord('contract-brief', { version: 1, ttlDays: 150 / 86_400_000, schema: z.object({ n: z.number() }) });
const counter = defineRecord('contract-counter', { version: 1, ttlDays: 1, schema: z.object({ seen: z.array(z.number()) }) });
const other = defineRecord('contract-other', { version: 1, ttlDays: 1, schema: z.object({ n: z.number() }) });

const dir = mkdtempSync(path.join(tmpdir(), 'img-store-'));
const backends: { name: string; config: { REDIS_URL?: string; sqlitePath: string } }[] = [
  { name: 'sqlite', config: { sqlitePath: path.join(dir, 'contract.sqlite') } },
  { name: 'redis', config: { REDIS_URL, sqlitePath: path.join(dir, 'unused.sqlite') } },
];
const opened: StateStore[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

function open(config: (typeof backends)[number]['config']): StateStore {
  const s = openStore(config);
  opened.push(s);
  return s;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(backends)('state store contract on $name', ({ config }) => {
  const store = open(config);
  const owner = () => ({ platform: 'cli', user: uniqueUser().id });

  it('returns what was saved, and missing for what was not', async () => {
    const me = owner();
    expect(await store.load(noteV1, me)).toEqual({ status: 'missing' });
    await store.save(noteV1, me, { text: 'hello' });
    expect(await store.load(noteV1, me)).toEqual({ status: 'found', value: { text: 'hello' } });
  });

  it('keeps members and platforms apart', async () => {
    const me = owner();
    await store.save(noteV1, me, { text: 'mine' });
    expect(await store.load(noteV1, { ...me, platform: 'slack' })).toEqual({ status: 'missing' });
    expect(await store.load(noteV1, owner())).toEqual({ status: 'missing' });
  });

  it('drops a record of another schema version and reports a reset once', async () => {
    const me = owner();
    await store.save(noteV1, me, { text: 'old shape' });
    expect(await store.load(noteV2, me)).toEqual({ status: 'reset' });
    expect(await store.load(noteV1, me)).toEqual({ status: 'missing' });
  });

  it('drops a record that no longer parses', async () => {
    const me = owner();
    await store.save(noteV1, me, { text: 'no count' });
    expect(await store.load(strict, me)).toEqual({ status: 'reset' });
    expect(await store.load(noteV1, me)).toEqual({ status: 'missing' });
  });

  it('refuses to write what its own schema would reject', async () => {
    await expect(store.save(noteV1, owner(), { text: 3 } as unknown as { text: string })).rejects.toThrow();
  });

  it('expires records after their time to live', async () => {
    const me = owner();
    await store.save(brief, me, { n: 1 });
    expect((await store.load(brief, me)).status).toBe('found');
    await sleep(400);
    expect(await store.load(brief, me)).toEqual({ status: 'missing' });
  });

  it('forgets every personal record of one member and counts them, leaving others alone', async () => {
    const me = owner();
    const neighbour = owner();
    await store.save(noteV1, me, { text: 'a' });
    await store.save(other, me, { n: 2 });
    await store.save(other, neighbour, { n: 3 });
    const kinds = (found: { record: { flow: string } }[]) => found.map((f) => f.record.flow).sort();
    expect(kinds(await store.stored(me, [noteV1, other, brief]))).toEqual(['contract-note', 'contract-other']);
    expect(kinds(await store.forget(me, [noteV1, other, brief]))).toEqual(['contract-note', 'contract-other']);
    expect(await store.load(noteV1, me)).toEqual({ status: 'missing' });
    expect(await store.load(other, me)).toEqual({ status: 'missing' });
    expect(await store.load(other, neighbour)).toEqual({ status: 'found', value: { n: 3 } });
    expect(await store.forget(me, [noteV1, other, brief])).toEqual([]);
  });

  it('lets exactly one of many overlapping claims of a key win, and the key again once it expired', async () => {
    const key = `contract-claim-${uniqueUser().id}`;
    const wins = await Promise.all(Array.from({ length: 25 }, () => store.claim(key, 200)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    await sleep(400);
    expect(await store.claim(key, 200)).toBe(true);
  });

  it('keeps every change when one member updates one record many times at once', async () => {
    const me = owner();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => store.update(counter, me, (c) => ({ seen: [...(c?.seen ?? []), i] }))),
    );
    const saved = await store.get(counter, me);
    expect(saved?.seen).toHaveLength(40);
    expect(new Set(saved?.seen).size).toBe(40);
  });

  it('lets a locked turn update its own records without waiting on itself', async () => {
    const me = owner();
    const result = await store.withLock(me, async () => {
      await store.update(counter, me, () => ({ seen: [1] }));
      return store.update(counter, me, (c) => ({ seen: [...(c?.seen ?? []), 2] }));
    });
    expect(result).toEqual({ seen: [1, 2] });
  });

  it('removes the record when the change returns null', async () => {
    const me = owner();
    await store.update(counter, me, () => ({ seen: [1] }));
    await store.update(counter, me, () => null);
    expect(await store.load(counter, me)).toEqual({ status: 'missing' });
  });

  it('keeps state across a real process restart', () => {
    const user = uniqueUser('restart').id;
    const storeUrl = new URL('../dist/src/store/open.js', import.meta.url).href;
    const recordUrl = new URL('../dist/src/store/record.js', import.meta.url).href;
    const script = (body: string) => `
      const { openStore } = await import(${JSON.stringify(storeUrl)});
      const { defineRecord } = await import(${JSON.stringify(recordUrl)});
      const { z } = await import('zod');
      const t = defineRecord('contract-restart', { version: 1, ttlDays: 1, schema: z.object({ step: z.number() }) });
      const s = openStore(${JSON.stringify(config)});
      const owner = { platform: 'cli', user: ${JSON.stringify(user)} };
      ${body}
      await s.close();`;
    const run = (body: string) =>
      execFileSync(process.execPath, ['--input-type=module', '-e', script(body)], { encoding: 'utf8', cwd: process.cwd() });
    run(`await s.save(t, owner, { step: 7 });`);
    expect(run(`console.log(JSON.stringify(await s.load(t, owner)));`).trim()).toBe('{"status":"found","value":{"step":7}}');
  });
});

describe('member locks across two store instances sharing one Redis', () => {
  it('keeps every change when two instances update one member at once', async () => {
    const a = open({ REDIS_URL, sqlitePath: path.join(dir, 'unused-a.sqlite') });
    const b = open({ REDIS_URL, sqlitePath: path.join(dir, 'unused-b.sqlite') });
    const me = { platform: 'discord', user: uniqueUser('two-instances').id };
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).update(counter, me, (c) => ({ seen: [...(c?.seen ?? []), i] }))),
    );
    const saved = await a.get(counter, me);
    expect(saved?.seen).toHaveLength(30);
  });
});
