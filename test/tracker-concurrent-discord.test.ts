import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app/app.js';
import { allRecords } from '../src/app/features.js';
import { trackerRecord } from '../src/features/tracker/records.js';
import { type DiscordHarness, startDiscordHarness, startTwoBots, type TwoBots } from './support/discord-standin/harness.js';
import { type DiscordStandin, type InteractionRecord, type StandinUser, visibleText } from './support/discord-standin/index.js';
import { REDIS_URL } from './support/harness.js';

/**
 * Issue 11: two `/tracker add` from one member at the same moment used to both answer "Saved as
 * t1" and store one entry; a burst of 50 stored 10-32. Here through the real discord.js client,
 * the interactions fired together, on SQLite and on two bot instances sharing one Redis.
 */

interface Setup {
  standin: DiscordStandin;
  /** Guilds whose events reach different bot instances (one each on Redis). */
  guilds: string[];
  stored(user: StandinUser): Promise<string[]>;
  forget(user: StandinUser): Promise<void>;
}

/** Fires one `/tracker add` per name at once, spread over the guilds, and waits for every answer. */
async function addAll(s: Setup, user: StandinUser, names: string[]): Promise<string[]> {
  const recs: InteractionRecord[] = names.map((institution, i) =>
    s.standin.slash(user, 'tracker', {
      guildId: s.guilds[i % s.guilds.length],
      subcommand: 'add',
      options: { institution },
    }),
  );
  const answers = await Promise.all(
    recs.map((rec) =>
      s.standin.waitFor(
        () => (rec.original && !rec.original.loading && !rec.original.deleted ? rec.original : rec.followups[0]),
        'a tracker answer',
        60_000,
      ),
    ),
  );
  expect(s.standin.rejections).toEqual([]);
  return answers.map(visibleText);
}

const savedIds = (answers: string[]) => answers.map((a) => /Saved as `?(t\d+)/.exec(a)?.[1]);

function concurrencyTests(setup: () => Setup) {
  it('two adds sent together both survive, with different ids (five pairs)', async () => {
    const s = setup();
    const member = s.standin.makeUser('concurrent');
    try {
      for (let pair = 0; pair < 5; pair++) {
        const names = [`Mercy General ${pair}`, `Riverside Clinic ${pair}`];
        const answers = await addAll(s, member, names);
        expect(savedIds(answers).sort()).toEqual([`t${2 * pair + 1}`, `t${2 * pair + 2}`].sort());
        expect(await s.stored(member)).toEqual(expect.arrayContaining(names));
      }
      expect(await s.stored(member)).toHaveLength(10);
    } finally {
      await s.forget(member);
    }
  });

  it('a burst of 50 adds stores 50', async () => {
    const s = setup();
    const member = s.standin.makeUser('burst');
    const names = Array.from({ length: 50 }, (_, i) => `Program ${i + 1}`);
    try {
      const answers = await addAll(s, member, names);
      const ids = savedIds(answers);
      expect(ids.every(Boolean)).toBe(true);
      expect(new Set(ids).size).toBe(50);
      expect((await s.stored(member)).sort()).toEqual([...names].sort());
    } finally {
      await s.forget(member);
    }
  });
}

const storedOf = (app: App) => async (user: StandinUser) =>
  ((await app.store.get(trackerRecord, { platform: 'discord', user: user.id }))?.entries ?? []).map((e) => e.institution);

describe('Discord, one bot on SQLite', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness();
  });
  afterAll(() => h?.close());

  concurrencyTests(() => ({
    standin: h.standin,
    guilds: [h.guildId],
    stored: storedOf(h.app),
    forget: async () => undefined,
  }));
});

describe('Discord, two bot instances (one shard each) sharing one Redis', () => {
  let two: TwoBots;
  beforeAll(async () => {
    two = await startTwoBots(REDIS_URL);
  });
  afterAll(() => two?.close());

  concurrencyTests(() => {
    const [first] = two.apps;
    if (!first) throw new Error('no app');
    return {
      standin: two.standin,
      guilds: two.guilds,
      stored: storedOf(first),
      forget: async (user) => {
        await first.store.forget({ platform: 'discord', user: user.id }, allRecords());
      },
    };
  });

  it('really runs on two instances: each guild is served by its own shard', () => {
    expect(two.standin.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(two.apps.every((a) => a.store.backend === 'redis')).toBe(true);
  });
});
