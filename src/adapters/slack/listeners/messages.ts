import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { notice } from '../../../core/reply.js';
import type { Reply } from '../../../core/types.js';
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

const FILES_UNREAD =
  'I cannot open attached files, so I did not read it. Paste the text into a message here instead, and I will take it from there.';
const TEXT_ONLY = 'I cannot open attached files, so I read only the text of your message.';

/**
 * A member's message in the bot's DM is a `message` request: the turn of a drill, or a question.
 * A message with a file attached is answered kindly: its text is read, the file is not.
 */
export function onMessage(sc: SlackContext) {
  return async ({ event, body, client }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const e = event as unknown as ImMessage;
    const withFile = e.subtype === 'file_share';
    // Edits, joins and bot posts (our own included) carry a subtype or bot_id: not a member's turn.
    if (e.channel_type !== 'im' || (e.subtype && !withFile) || e.bot_id || !e.user || typeof e.channel !== 'string') return;
    const user = e.user;
    const channel = e.channel;
    const surface = { client, user, channel, direct: true };
    await guarded(sc, 'message', async () => {
      await sc.deps.dms.remember(user, channel).catch(() => undefined);
      const text = unescapeSlack(typeof e.text === 'string' ? e.text : '').trim();
      if (withFile && !text) return deliver([notice(FILES_UNREAD)], surface, sc.deps);
      const replies: Reply[] = await sc.core.router.handle({
        // A thread is a conversation of its own (follow-up questions are read within it).
        ...requestBase({ id: user }, e.thread_ts ? `${channel}:${e.thread_ts}` : channel, true, body.team_id),
        kind: 'message',
        text,
      });
      await deliver(withFile ? [notice(TEXT_ONLY), ...replies] : replies, surface, sc.deps);
    });
  };
}
