import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { guarded, requestBase, type SlackContext } from '../context.js';
import { deliver } from '../deliver.js';
import { unescapeSlack } from '../mrkdwn.js';

interface ChannelEvent {
  channel: string;
  channel_type?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  subtype?: string;
  bot_id?: string;
  team?: string;
}

/** The question without the bot's mention (other mentions stay: they may be part of it). */
function question(text: string | undefined, botUser: string | undefined): string {
  const raw = unescapeSlack(text ?? '');
  const bare = botUser ? raw.replaceAll(`<@${botUser}>`, ' ') : raw;
  return bare.replace(/\s+/g, ' ').trim();
}

/**
 * One message in a channel, for the core to answer or leave alone. The conversation is the
 * thread (`channel:thread_ts`, a new thread on the message when it is top-level), which is what
 * follow-up context is kept by; the answer goes into that thread, a private reply as an
 * ephemeral message there.
 */
async function channelTurn(
  sc: SlackContext,
  e: ChannelEvent,
  args: { client: AllMiddlewareArgs['client']; team?: string; botUser?: string; mentioned: boolean },
): Promise<void> {
  const user = e.user;
  if (!user) return;
  const thread = e.thread_ts ?? e.ts;
  const inThread = e.thread_ts !== undefined && e.thread_ts !== e.ts;
  await guarded(sc, args.mentioned ? 'mention' : 'channel-message', async () => {
    const replies = await sc.core.router.handle({
      ...requestBase({ id: user }, `${e.channel}:${thread}`, false, args.team ?? e.team),
      kind: 'message',
      text: question(e.text, args.botUser),
      place: { channel: e.channel, mentioned: args.mentioned, inThread },
    });
    if (replies.length) await deliver(replies, { client: args.client, user, channel: e.channel, direct: false, thread }, sc.deps);
  });
}

/** `@img-advisor ...` in a channel or thread (event app_mention, scope app_mentions:read). */
export function onAppMention(sc: SlackContext) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    const e = event as unknown as ChannelEvent;
    // Edits arrive as a new app_mention with a subtype; bots (this one too) are never answered.
    if (e.subtype || e.bot_id) return;
    await channelTurn(sc, e, { client, team: body.team_id, botUser: context.botUserId, mentioned: true });
  };
}

/**
 * Any other message in a channel the bot is in (message.channels / message.groups, with the
 * history scopes): a follow-up in a thread it answered, or a new post in an auto-answer channel.
 * A message that mentions the bot is left to app_mention, so it is answered once.
 */
export function onChannelMessage(sc: SlackContext) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const e = event as unknown as ChannelEvent;
    if (e.subtype || e.bot_id || !e.user) return;
    if (context.botUserId && e.text?.includes(`<@${context.botUserId}>`)) return;
    await channelTurn(sc, e, { client, team: body.team_id, botUser: context.botUserId, mentioned: false });
  };
}
