import { type AnyMiddlewareArgs, Assistant, type Middleware } from '@slack/bolt';
import { guarded, requestBase, type SlackContext } from '../context.js';
import { deliver } from '../deliver.js';
import { truncate } from '../limits.js';
import { unescapeSlack } from '../mrkdwn.js';

/** Up to four starting points, each a question the guide answers. */
export const SUGGESTED_PROMPTS = [
  { title: 'Cap-exempt employers', message: 'Which employers are cap exempt for H-1B?' },
  { title: 'The J-1 two-year rule', message: 'What is the J-1 two-year home residency requirement?' },
  { title: 'Fellowship length', message: 'How long is a clinical informatics fellowship?' },
  { title: 'Explaining a gap', message: 'How do I explain a gap in my training?' },
];

const GREETING =
  'Hi! I answer questions about the road to U.S. clinical informatics training for international medical graduates: visas, programs, red flags, interviews. Ask in your own words, or pick a suggestion below. Follow-up questions in this thread are read with the earlier ones.';

interface AssistantMessage {
  channel: string;
  thread_ts?: string;
  user?: string;
  text?: string;
  subtype?: string;
  bot_id?: string;
}

/**
 * The Slack assistant surface (Bolt's Assistant class, scope assistant:write): a new thread gets
 * a greeting and suggested prompts; each message in the thread is a question in that thread's
 * conversation (`channel:thread_ts`), answered there with a status while the core works and the
 * first question as the thread's title. The thread context (which channel the member is looking
 * at) is not kept: answers do not depend on it.
 */
export function assistantMiddleware(sc: SlackContext): Middleware<AnyMiddlewareArgs> {
  const assistant = new Assistant({
    threadContextStore: { get: async () => ({}), save: async () => {} },
    threadStarted: async ({ event, client, setSuggestedPrompts }) => {
      const t = event.assistant_thread;
      await guarded(sc, 'assistant-started', async () => {
        await deliver(
          [{ blocks: [{ type: 'text', markdown: GREETING }], fallbackText: GREETING, visibility: 'public' }],
          { client, user: t.user_id, channel: t.channel_id, direct: true, thread: t.thread_ts },
          sc.deps,
        );
        await setSuggestedPrompts({ title: 'Try one of these:', prompts: SUGGESTED_PROMPTS });
      });
    },
    threadContextChanged: async () => {},
    userMessage: async ({ message, body, client, setStatus, setTitle }) => {
      const m = message as unknown as AssistantMessage;
      if (m.subtype || m.bot_id || !m.user || !m.thread_ts) return;
      const user = m.user;
      const text = unescapeSlack(m.text ?? '').trim();
      await guarded(sc, 'assistant-message', async () => {
        sc.deps.dms.remember(user, m.channel);
        // Best effort: a thread in the DM that is not an assistant thread refuses both, and the
        // answer matters more than the decoration.
        await Promise.all([
          setTitle(truncate(text || 'A question', 80)).catch(() => undefined),
          setStatus('is looking in the guide…').catch(() => undefined),
        ]);
        const replies = await sc.core.router.handle({
          ...requestBase({ id: user }, `${m.channel}:${m.thread_ts}`, true, (body as { team_id?: string }).team_id),
          kind: 'message',
          text,
        });
        await deliver(replies, { client, user, channel: m.channel, direct: true, thread: m.thread_ts }, sc.deps);
      });
    },
  });
  return assistant.getMiddleware() as Middleware<AnyMiddlewareArgs>;
}
