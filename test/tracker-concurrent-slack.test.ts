import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRecords } from '../src/app/features.js';
import { trackerRecord } from '../src/features/tracker/records.js';
import { REDIS_URL } from './support/harness.js';
import { type SlackUnderTest, startSlackHttp } from './support/slack-standin/app.js';
import { slackMember, slashPayload } from './support/slack-standin/requests.js';
import { postCommand } from './support/slack-standin/signed.js';
import { SlackStandin } from './support/slack-standin/standin.js';

/**
 * Issue 11: two `/tracker add` from one member at the same moment used to both answer "Saved as
 * t1" and store one entry; a burst of 50 stored 10-32. Here through the real Bolt app over signed
 * HTTP requests, sent together, on SQLite and on two app instances sharing one Redis.
 */

let standin: SlackStandin;
beforeAll(async () => {
  standin = await new SlackStandin().start();
});
afterAll(() => standin?.stop());

const member = slackMember;

/** Posts one signed `/tracker add` per name at once, spread over the apps, and waits for every answer. */
async function addAll(apps: SlackUnderTest[], user: string, names: string[]): Promise<string[]> {
  const sent = await Promise.all(
    names.map(async (institution, i) => {
      const { fields, responseId } = slashPayload(standin, '/tracker', `add institution:"${institution}"`, user);
      const app = apps[i % apps.length];
      if (!app) throw new Error('no app');
      const res = await postCommand(app.events, fields);
      expect(res.status).toBe(200);
      return responseId;
    }),
  );
  const posts = await Promise.all(
    sent.map((id) => standin.waitFor(() => standin.responses.find((r) => r.id === id), `the answer ${id}`, 60_000)),
  );
  return posts.map((p) => JSON.stringify(p.body));
}

const savedIds = (answers: string[]) => answers.map((a) => /Saved as `?(t\d+)/.exec(a)?.[1]);

function concurrencyTests(apps: () => SlackUnderTest[]) {
  const stored = async (user: string) =>
    ((await apps()[0]?.core.store.get(trackerRecord, { platform: 'slack', user }))?.entries ?? []).map((e) => e.institution);
  const forget = (user: string) => apps()[0]?.core.store.forget({ platform: 'slack', user }, allRecords());

  it('two adds sent together both survive, with different ids (five pairs)', async () => {
    const user = member();
    try {
      for (let pair = 0; pair < 5; pair++) {
        const names = [`Mercy General ${pair}`, `Riverside Clinic ${pair}`];
        const answers = await addAll(apps(), user, names);
        expect(savedIds(answers).sort()).toEqual([`t${2 * pair + 1}`, `t${2 * pair + 2}`].sort());
        expect(await stored(user)).toEqual(expect.arrayContaining(names));
      }
      expect(await stored(user)).toHaveLength(10);
    } finally {
      await forget(user);
    }
  });

  it('a burst of 50 adds stores 50', async () => {
    const user = member();
    const names = Array.from({ length: 50 }, (_, i) => `Program ${i + 1}`);
    try {
      const answers = await addAll(apps(), user, names);
      const ids = savedIds(answers);
      expect(ids.every(Boolean)).toBe(true);
      expect(new Set(ids).size).toBe(50);
      expect((await stored(user)).sort()).toEqual([...names].sort());
    } finally {
      await forget(user);
    }
  });
}

describe('Slack over HTTP, one app on SQLite', () => {
  let app: SlackUnderTest;
  beforeAll(async () => {
    app = await startSlackHttp({ standin });
  });
  afterAll(() => app?.stop());

  concurrencyTests(() => [app]);
  it('is on SQLite', () => expect(app.core.store.backend).toBe('sqlite'));
});

describe('Slack over HTTP, two app instances sharing one Redis', () => {
  const apps: SlackUnderTest[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) apps.push(await startSlackHttp({ standin, env: { REDIS_URL } }));
  });
  afterAll(async () => {
    for (const a of apps) await a.stop();
  });

  concurrencyTests(() => apps);
  it('really is two instances on Redis', () => {
    expect(apps.map((a) => a.core.store.backend)).toEqual(['redis', 'redis']);
    expect(apps[0]?.core.store).not.toBe(apps[1]?.core.store);
  });
});
