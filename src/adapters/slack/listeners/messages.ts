import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { guarded, requestBase, type SlackContext } from '../context.js';
import { deliver } from '../deliver.js';
import { unescapeSlack } from '../mrkdwn.js';

interface ImMessage {
  channel: string;
  channel_type?: string;
  user?: string;
  text?: string;
  subtype?: string;
  bot_id?: string;
  thread_ts?: string;
}

/** A member's message in the bot's DM is a `message` request: the turn of a drill, or a question. */
export function onMessage(sc: SlackContext) {
  return async ({ event, body, client }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const e = event as unknown as ImMessage;
    // Edits, joins and bot posts (our own included) carry a subtype or bot_id: not a member's turn.
    if (e.channel_type !== 'im' || e.subtype || e.bot_id || !e.user) return;
    const user = e.user;
    await guarded(sc, 'message', async () => {
      sc.deps.dms.remember(user, e.channel);
      const replies = await sc.core.router.handle({
        // A thread is a conversation of its own (follow-up questions are read within it).
        ...requestBase({ id: user }, e.thread_ts ? `${e.channel}:${e.thread_ts}` : e.channel, true, body.team_id),
        kind: 'message',
        text: unescapeSlack(e.text ?? ''),
      });
      await deliver(replies, { client, user, channel: e.channel, direct: true }, sc.deps);
    });
  };
}
