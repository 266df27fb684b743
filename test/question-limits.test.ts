import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { hearing } from '../src/core/listening.js';
import { QuestionLimiter, waitPhrase } from '../src/core/question-limits.js';
import { Router } from '../src/core/router.js';
import { DEFAULT_SETTINGS, type QuestionLimits, type ServerSettings, updateServerSettings } from '../src/core/server-settings.js';
import type { MessageRequest } from '../src/core/types.js';
import { createLogger } from '../src/log.js';
import { memoryStore, openStore } from '../src/store/open.js';
import type { StateStore } from '../src/store/store.js';
import { askProbe } from './support/ask-probe.js';
import { REDIS_URL, uniqueUser } from './support/harness.js';

const limits = (over: Partial<QuestionLimits> = {}): QuestionLimits => ({
  memberPerMinute: 3,
  memberPerDay: 100,
  serverPerMinute: 100,
  serverPerDay: 1000,
  ...over,
});

describe('the question limiter (rate-limiter-flexible, in memory)', () => {
  it('refuses at the limit, says so once per window, and lets the member ask again after it', async () => {
    const limiter = new QuestionLimiter(memoryStore(), { minute: 1, day: 86_400 });
    const asker = { platform: 'slack' as const, user: uniqueUser().id, team: 'T1' };
    for (let i = 0; i < 3; i++) expect((await limiter.take(asker, limits())).ok).toBe(true);
    const refused = await limiter.take(asker, limits());
    expect(refused).toMatchObject({ ok: false, limit: 'memberPerMinute', count: 3, first: true });
    expect(await limiter.take(asker, limits())).toMatchObject({ ok: false, first: false });
    await sleep(1050);
    expect((await limiter.take(asker, limits())).ok).toBe(true);
  });

  it('counts a whole server, and a member over their own limit does not use up the server’s', async () => {
    const limiter = new QuestionLimiter(memoryStore());
    const team = `T${uniqueUser().id}`;
    const tight = limits({ memberPerMinute: 1, serverPerMinute: 2 });
    const a = { platform: 'discord' as const, user: uniqueUser().id, team };
    expect((await limiter.take(a, tight)).ok).toBe(true);
    for (let i = 0; i < 5; i++) expect(await limiter.take(a, tight)).toMatchObject({ ok: false, limit: 'memberPerMinute' });
    const b = { ...a, user: uniqueUser().id };
    expect((await limiter.take(b, tight)).ok).toBe(true);
    const c = { ...a, user: uniqueUser().id };
    expect(await limiter.take(c, tight)).toMatchObject({ ok: false, limit: 'serverPerMinute', first: true });
    // In a DM (no server) only the member's own limits apply.
    expect((await limiter.take({ platform: 'discord', user: c.user }, tight)).ok).toBe(true);
  });

  it('words the wait calmly', () => {
    expect(waitPhrase(1)).toBe('in 1 second');
    expect(waitPhrase(42_000)).toBe('in 42 seconds');
    expect(waitPhrase(5 * 60_000)).toBe('in 5 minutes');
    expect(waitPhrase(5 * 3_600_000)).toBe('in about 5 hours');
  });
});

describe('two instances sharing Redis', () => {
  const stores: StateStore[] = [];
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  function instance(): Router {
    const config = loadConfig({ REDIS_URL, LOG_LEVEL: 'silent', MEMBER_QUESTIONS_PER_MINUTE: '3' });
    const store = openStore(config);
    stores.push(store);
    return new Router({ commands: [askProbe], store, config, log: createLogger('silent') });
  }

  it('hold one limit: questions asked on either count against the same member and server', async () => {
    const [one, two] = [instance(), instance()];
    const user = { id: uniqueUser().id, name: 'ana' };
    const dm = (n: number): MessageRequest => ({
      kind: 'message',
      platform: 'slack',
      user,
      conversation: { id: 'D1', isDirect: true },
      text: `question ${n}`,
    });
    const seen: string[] = [];
    for (const [n, router] of [one, two, one, two].entries()) {
      const [reply] = await (router as Router).handle(dm(n));
      seen.push(`${reply?.visibility}: ${reply?.fallbackText.slice(0, 30)}`);
    }
    expect(seen.slice(0, 3)).toEqual([
      'public: Q: question 0 | conversation D',
      'public: Q: question 1 | conversation D',
      'public: Q: question 2 | conversation D',
    ]);
    expect(seen[3]).toMatch(/^private: You have asked 3 questions/);

    // A server limit set in /settings on one instance holds on the other, from the next question.
    const team = `T${uniqueUser().id}`;
    await updateServerSettings(stores[0] as StateStore, 'slack', team, (s) => ({ ...s, limits: { serverPerMinute: 2 } }));
    const inServer = (router: Router) =>
      router.handle({
        kind: 'command',
        command: 'ask',
        text: 'hi',
        platform: 'slack',
        user: { id: uniqueUser().id, name: 'x' },
        conversation: { id: 'C1', isDirect: false },
        team,
      });
    expect((await inServer(one))[0]?.visibility).toBe('public');
    expect((await inServer(two))[0]?.visibility).toBe('public');
    expect((await inServer(one))[0]?.fallbackText).toMatch(/Members here have asked 2 questions/);
  });
});

describe('when the bot answers in a channel', () => {
  const place = { channel: 'C1', mentioned: false, inThread: false };
  const auto: ServerSettings = { ...DEFAULT_SETTINGS, answerMode: 'auto', autoChannels: ['C1', 'F1'] };
  it.each([
    ['a mention', DEFAULT_SETTINGS, { ...place, mentioned: true }, undefined, 'mention'],
    ['a mention when off', { ...DEFAULT_SETTINGS, answerMode: 'off' }, { ...place, mentioned: true }, undefined, undefined],
    ['a plain post in mention mode', DEFAULT_SETTINGS, place, undefined, undefined],
    ['a post in an auto channel', auto, place, undefined, 'post'],
    ['a post in another channel', auto, { ...place, channel: 'C2' }, undefined, undefined],
    [
      'a forum post in an auto forum',
      auto,
      { channel: 'F1', mentioned: false, inThread: true, opensThread: true },
      undefined,
      'post',
    ],
    ['a reply in someone’s thread in an auto channel', auto, { ...place, inThread: true }, undefined, undefined],
    ['the asker in their thread', DEFAULT_SETTINGS, { ...place, inThread: true }, { asker: 'U1' }, 'follow-up'],
    ['someone else in that thread', DEFAULT_SETTINGS, { ...place, inThread: true }, { asker: 'U2' }, undefined],
  ] as const)('%s', (_name, settings, where, thread, expected) => {
    expect(hearing(settings as ServerSettings, where, 'U1', thread)).toBe(expected);
  });
});
