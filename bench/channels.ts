import { createApp } from '../src/app/app.js';
import { loadConfig } from '../src/config.js';
import type { MessageRequest } from '../src/core/types.js';
import { createLogger } from '../src/log.js';
import { memoryStore, openStore } from '../src/store/open.js';
import { type BenchResult, timeAsync, versus } from './stats.js';

const RUNS = 1500;
const QUESTIONS = ['how long is a clinical informatics fellowship', 'what is cap exempt', 'can I get a J-1 waiver'];

/**
 * What answering in a channel adds to a question: the server's settings, the thread lookup, the
 * thread record and the question limits, against the same question asked in a DM (which has the
 * limits but not the rest). Limits are raised so every question is answered. In memory, and on
 * Redis when it answers (the limits then cost a round trip each).
 */
export async function benchChannels(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const backend of ['memory', 'redis'] as const) {
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      MEMBER_QUESTIONS_PER_MINUTE: '999999',
      MEMBER_QUESTIONS_PER_DAY: '999999',
      SERVER_QUESTIONS_PER_MINUTE: '999999',
      SERVER_QUESTIONS_PER_DAY: '999999',
      ...(backend === 'redis' ? { REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' } : {}),
    });
    const store = backend === 'memory' ? memoryStore() : openStore(config);
    try {
      await store.ping();
    } catch {
      out.push({ name: `channels (${backend}): skipped, store not reachable`, value: 0, unit: 'ms' });
      continue;
    }
    const app = createApp({ config, store, log: createLogger('silent') });
    let i = 0;
    const user = { id: `bench-${process.pid}`, name: 'bench' };
    const dm = (): MessageRequest => ({
      kind: 'message',
      platform: 'slack',
      user,
      conversation: { id: 'D1', isDirect: true },
      text: QUESTIONS[i++ % QUESTIONS.length] ?? '',
    });
    const mention = (): MessageRequest => {
      const n = i++;
      return {
        kind: 'message',
        platform: 'slack',
        user,
        team: `T-bench-${process.pid}`,
        // One thread id for every run, so the bench leaves one thread record behind, not thousands.
        conversation: { id: `C1:bench-${process.pid}`, isDirect: false },
        text: QUESTIONS[n % QUESTIONS.length] ?? '',
        place: { channel: 'C1', mentioned: true, inThread: false },
      };
    };
    const direct = await timeAsync(() => app.router.handle(dm()), RUNS);
    const channel = await timeAsync(() => app.router.handle(mention()), RUNS);
    await app.close();
    out.push(
      versus(
        `channels (${backend}): a mention answered in its thread, p50, vs the same question in a DM`,
        'ms',
        channel.p50,
        direct.p50,
        { goal: 2 },
      ),
    );
  }
  return out;
}
