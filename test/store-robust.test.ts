import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listUnanswered, OTHER_TERMS } from '../src/core/unanswered.js';
import { openStore } from '../src/store/open.js';
import { defineRecord } from '../src/store/record.js';
import { cleanup, forgetAll, type Harness, makeHarness, uniqueUser } from './support/harness.js';

/**
 * What the store keeps and gives back under deletion, expiry and outages, on the real SQLite file
 * and a real Redis server started for the test.
 */
const harnesses: Harness[] = [];
async function harness(opts: Parameters<typeof makeHarness>[0] = {}): Promise<Harness> {
  const h = await makeHarness(opts);
  harnesses.push(h);
  return h;
}
afterAll(async () => {
  for (const h of harnesses) {
    await h.close().catch(() => undefined);
    cleanup(h.dir);
  }
});

const fileOf = (h: Harness) => readFileSync(h.config.sqlitePath);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('/forget on SQLite', () => {
  it('leaves no trace of what was deleted in the database file', async () => {
    const h = await harness();
    const me = uniqueUser();
    const s = h.session(me);
    const marker = `Zephyrmarker${Date.now().toString(36)}`;
    await s.send(`/tracker add institution:"${marker} Hospital" visa:h1b cap:exempt notes:"${marker} said call back"`);
    await s.send('/ask can my friend okafor get a waiver of the two year rule');
    expect(fileOf(h).includes(marker)).toBe(true);

    const answer = await forgetAll(s);
    // What was deleted, by kind, in words the member knows.
    expect(answer).toMatch(/This deletes everything stored about you, for good:\n- Tracker: 1 program/);
    expect(answer).toMatch(/Done\. I deleted everything stored about you:\n- Tracker: 1 program/);
    expect(answer).not.toMatch(/\d+ records?/);

    const file = fileOf(h);
    expect(file.includes(marker)).toBe(false);
    expect(file.includes('okafor')).toBe(false);
    expect(existsSync(`${h.config.sqlitePath}-journal`)).toBe(false);
  });

  it('keeps what the member chose to keep when they say no', async () => {
    const h = await harness();
    const s = h.session(uniqueUser());
    await s.send('/tracker add institution:"Keepsake Hospital"');
    expect(await s.send('/forget')).toMatch(/- Tracker: 1 program \(Keepsake Hospital\)/);
    expect(await s.send('Keep it')).toMatch(/Nothing was deleted/);
    expect(await s.send('/tracker list')).toMatch(/Keepsake Hospital/);
  });
});

describe('the expiry sweeper', () => {
  it('removes expired records from the file without anyone reading them', async () => {
    const h = await harness();
    const brief = defineRecord('sweep-brief', { version: 1, ttlDays: 100 / 86_400_000, schema: z.object({ text: z.string() }) });
    const lasting = defineRecord('sweep-lasting', { version: 1, ttlDays: 1, schema: z.object({ text: z.string() }) });
    const owner = { platform: 'cli', user: uniqueUser().id };
    await h.app.store.save(brief, owner, { text: 'Ephemeralmarker' });
    await h.app.store.save(lasting, owner, { text: 'Lastingmarker' });
    expect(fileOf(h).includes('Ephemeralmarker')).toBe(true);
    await sleep(250);
    expect(await h.app.store.sweep()).toBeGreaterThanOrEqual(1);
    expect(fileOf(h).includes('Ephemeralmarker')).toBe(false);
    expect(await h.app.store.get(lasting, owner)).toEqual({ text: 'Lastingmarker' });
  });
});

describe('claims on one SQLite file from two processes’ worth of connections', () => {
  it('lets exactly one of many overlapping claims win', async () => {
    const h = await harness();
    const a = openStore(h.config);
    const b = openStore(h.config);
    try {
      const key = `event-${uniqueUser().id}`;
      const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim(key, 60_000)));
      expect(wins.filter(Boolean)).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('questions the guide could not answer', () => {
  it('keeps only the guide’s own words and a count, and /forget takes a member’s share back', async () => {
    const h = await harness();
    const amina = h.session(uniqueUser('amina'));
    const bola = h.session(uniqueUser('bola'));
    await amina.send('/ask my passport 4471 expires soon, deni okafor twice, can I still get a visa fee waiver');
    await amina.send('/ask zzyzx quorble');
    await bola.send('/ask zzyzx quorble');
    const gaps = await listUnanswered(h.app.store);
    const words = gaps.map((g) => g.terms).join(' | ');
    expect(words).not.toMatch(/okafor|4471|zzyzx|quorble/);
    expect(words).toMatch(/fee/);
    expect(gaps.find((g) => g.terms === OTHER_TERMS)?.count).toBe(2);

    expect(await forgetAll(amina)).toMatch(/questions you asked that the guide could not answer .*\(2\)/);
    const after = await listUnanswered(h.app.store);
    expect(after.find((g) => g.terms === OTHER_TERMS)?.count).toBe(1);
    expect(after.some((g) => /fee/.test(g.terms))).toBe(false);
  });
});

describe('Redis going away while the bot runs', () => {
  const PORT = 6390;
  let server: ChildProcess | undefined;
  const startRedis = async () => {
    server = spawn(
      'redis-server',
      ['--port', String(PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    server.stdout?.on('data', (d) => {
      out += String(d);
    });
    const until = Date.now() + 10_000;
    while (!/Ready to accept connections/.test(out)) {
      if (Date.now() > until) throw new Error(`redis-server did not start: ${out.slice(-500)}`);
      await sleep(50);
    }
  };
  const stopRedis = async () => {
    const s = server;
    if (!s || s.exitCode !== null) return;
    const exited = new Promise((r) => s.once('exit', r));
    s.kill('SIGTERM');
    await exited;
  };
  afterAll(stopRedis);

  it('tells members to try again shortly, then works again when Redis is back', async () => {
    await startRedis();
    const h = await harness({ redisUrl: `redis://127.0.0.1:${PORT}` });
    const s = h.session(uniqueUser('outage'));
    expect(await s.send('/tracker add institution:"Before Outage Hospital"')).toMatch(/Before Outage Hospital/);

    await stopRedis();
    const during = await s.send('/tracker list');
    expect(during).toMatch(/cannot reach my storage right now.*try again shortly/s);
    expect(during).not.toMatch(/Error|at .+:\d+/);

    await startRedis();
    // The client reconnects on its own, with backoff; a member trying again soon is served.
    let again = '';
    const until = Date.now() + 15_000;
    do {
      await sleep(250);
      again = await s.send('/tracker add institution:"After Outage Hospital"');
    } while (/cannot reach my storage/.test(again) && Date.now() < until);
    expect(again).toMatch(/After Outage Hospital/);
    expect(await s.send('/tracker list')).toMatch(/After Outage Hospital/);
  }, 40_000);
});
