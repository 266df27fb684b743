import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { StateStore } from '../store/store.js';
import type { LimitName, QuestionLimits } from './server-settings.js';
import type { Platform } from './types.js';

/** Who asks: the member, and the server they ask in (none in a DM). */
export interface Asker {
  platform: Platform;
  user: string;
  team?: string;
}

export type LimitOutcome =
  | { ok: true }
  | {
      ok: false;
      limit: LimitName;
      count: number;
      retryAfterMs: number;
      /** The first refusal in this window: worth a message; later ones in a channel stay quiet. */
      first: boolean;
    };

// The counters never refuse on their own: each server may set its own limits, so the limit is
// compared here with the count the library keeps (atomically, with its expiry).
const NEVER = 1_000_000_000;
const PREFIX = 'img-advisor:rl';

type Windows = { minute: RateLimiterAbstract; day: RateLimiterAbstract };

/**
 * Question limits per member and per server, counted by rate-limiter-flexible in the state
 * store's backend: Redis (one count across every shard and instance) or process memory (SQLite).
 * Fixed windows: the short one (a minute unless RATE_LIMIT_MINUTE_SECONDS says otherwise) and a day.
 */
export class QuestionLimiter {
  private windows: Promise<Windows> | undefined;

  constructor(
    private readonly store: StateStore,
    private readonly seconds = { minute: 60, day: 86_400 },
  ) {}

  private open(): Promise<Windows> {
    this.windows ??= (async () => {
      const rlf = await import('rate-limiter-flexible');
      const client = await this.store.redisClient();
      const make = (name: string, duration: number): RateLimiterAbstract =>
        client
          ? new rlf.RateLimiterRedis({
              storeClient: client,
              useRedisPackage: true,
              keyPrefix: `${PREFIX}:${name}:${duration}`,
              points: NEVER,
              duration,
            })
          : new rlf.RateLimiterMemory({ keyPrefix: `${PREFIX}:${name}:${duration}`, points: NEVER, duration });
      return { minute: make('minute', this.seconds.minute), day: make('day', this.seconds.day) };
    })();
    return this.windows;
  }

  /**
   * Counts one question against the member's and the server's limits. A refused question does not
   * use up the other counters (a member over their limit cannot drain the server's), and a
   * question the server refuses is given back to the member.
   */
  async take(asker: Asker, limits: QuestionLimits): Promise<LimitOutcome> {
    const w = await this.open();
    const member = `m:${asker.platform}:${asker.user}`;
    const checks: { key: string; window: RateLimiterAbstract; name: LimitName }[][] = [
      [
        { key: member, window: w.minute, name: 'memberPerMinute' },
        { key: member, window: w.day, name: 'memberPerDay' },
      ],
    ];
    if (asker.team) {
      const server = `s:${asker.platform}:${asker.team}`;
      checks.push([
        { key: server, window: w.minute, name: 'serverPerMinute' },
        { key: server, window: w.day, name: 'serverPerDay' },
      ]);
    }
    const taken: { key: string; window: RateLimiterAbstract }[] = [];
    for (const group of checks) {
      const results = await Promise.all(group.map((c) => consume(c.window, c.key)));
      const over = group
        .map((c, i) => ({ c, res: results[i] as RateLimiterRes }))
        .filter(({ c, res }) => res.consumedPoints > limits[c.name]);
      if (over.length) {
        const worst = over.reduce((a, b) => (b.res.msBeforeNext > a.res.msBeforeNext ? b : a));
        // Counters this question did not exceed get it back.
        const fine = group.filter((c) => !over.some((o) => o.c === c));
        await Promise.all([...taken, ...fine].map((t) => t.window.reward(t.key, 1).catch(() => undefined)));
        return {
          ok: false,
          limit: worst.c.name,
          count: limits[worst.c.name],
          retryAfterMs: Math.max(worst.res.msBeforeNext, 0),
          first: worst.res.consumedPoints === limits[worst.c.name] + 1,
        };
      }
      taken.push(...group);
    }
    return { ok: true };
  }
}

async function consume(window: RateLimiterAbstract, key: string): Promise<RateLimiterRes> {
  try {
    return await window.consume(key, 1);
  } catch (err) {
    // The library rejects with its result when over its own (unreachable) points, else with an error.
    if (err && typeof err === 'object' && 'consumedPoints' in err) return err as RateLimiterRes;
    throw err;
  }
}

/** "in 42 seconds", "in 3 minutes", "in about 5 hours": when the member can ask again. */
export function waitPhrase(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 90) return `in ${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  if (m < 90) return `in ${m} minutes`;
  return `in about ${Math.ceil(m / 60)} hours`;
}

const WHAT: Record<LimitName, (n: number) => string> = {
  memberPerMinute: (n) => `You have asked ${n} questions in a short time, which is the limit here for now.`,
  memberPerDay: (n) => `You have asked ${n} questions today, which is the daily limit here.`,
  serverPerMinute: (n) => `Members here have asked ${n} questions in a short time, which is this server's limit for now.`,
  serverPerDay: (n) => `Members here have asked ${n} questions today, which is this server's daily limit.`,
};

/** The calm, private words for a refused question. */
export function limitMessage(outcome: Extract<LimitOutcome, { ok: false }>): string {
  return `${WHAT[outcome.limit](outcome.count)} You can ask again ${waitPhrase(outcome.retryAfterMs)}; until then, \`/help\` and your saved work are all still there.`;
}
