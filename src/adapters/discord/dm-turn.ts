import type { Message } from 'discord.js';
import { metrics } from '../../core/metrics.js';
import type { MessageRequest } from '../../core/types.js';
import type { BotDeps } from './deps.js';
import { describeError, postMessage, renderForChannel } from './dm.js';

/**
 * A member's free-text turn in a DM with the bot (a drill answer, or a question): the core's
 * `message` request, answered in the same channel. Bots, and anything outside a DM, are ignored.
 */
export async function handleDirectMessage(message: Message, deps: BotDeps): Promise<void> {
  // A bot cannot join group DMs, so a message from outside any server is a DM with the bot.
  // (The channel object itself is not cached; its id is enough.)
  if (message.author.bot || message.guildId) return;
  const req: MessageRequest = {
    kind: 'message',
    platform: 'discord',
    user: { id: message.author.id, name: message.author.globalName ?? message.author.username },
    conversation: { id: message.channelId, isDirect: true },
    text: message.content,
  };
  try {
    const replies = await deps.router.handle(req);
    for (const m of await renderForChannel(replies, req.user.id, deps)) await postMessage(deps.rest, message.channelId, m);
  } catch (err) {
    deps.log.warn({ kind: 'message', err: describeError(err) }, 'discord DM turn failed');
    metrics.error('discord', 'dm');
  }
}
