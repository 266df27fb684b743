import {
  DiscordAPIError,
  type GatewayMessageCreateDispatchData,
  type GatewayThreadCreateDispatchData,
  MessageType,
  Routes,
  ThreadAutoArchiveDuration,
} from 'discord.js';
import type { MessageRequest, Reply } from '../../core/types.js';
import type { StateStore } from '../../store/store.js';
import { firstTake } from '../shared/first-delivery.js';
import type { BotDeps } from './deps.js';
import { describeError, postMessage, renderForChannel } from './dm.js';
import type { OutgoingMessage } from './render.js';

/** "A thread has already been created for this message" (not named in discord-api-types). */
const THREAD_EXISTS = 160004;
const THREAD_CHANNEL_TYPES = new Set([10, 11, 12]);
const REMEMBERED_THREADS = 5000;

/** What the channel listener needs beyond the interaction handlers' deps. */
export interface ChannelDeps extends BotDeps {
  store: StateStore;
  botId(): string | undefined;
  /** The privileged Message Content intent was asked for (DISCORD_MESSAGE_CONTENT). */
  readsAllMessages: boolean;
}

/** A thread name from the question: the words, no mentions, at most 90 characters (Discord allows 100). */
export function threadName(text: string): string {
  const plain = text
    .replace(/<(@[!&]?|#)\d+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!plain) return 'Question';
  return plain.length > 90 ? `${plain.slice(0, 89).trimEnd()}…` : plain;
}

function mentionPattern(botId: string): RegExp {
  return new RegExp(`<@!?${botId}>`, 'g');
}

/**
 * Messages in server channels, read from the gateway as they come (the client keeps no guild or
 * channel cache, so discord.js's own message event never fires for them). The core decides
 * whether to answer (mention, follow-up in a thread it answered, new post in an auto-answer
 * channel); the answer goes into a thread started on the member's message, or into the thread
 * the message is in, or inline as a reply where no thread can be made. Private replies (a rate
 * limit notice) go to the member's DMs: a channel message cannot be answered ephemerally.
 */
export class ChannelListener {
  /** Threads just opened (forum posts), with their parent channel: the starter message comes next. */
  private readonly opened = new Map<string, string>();

  constructor(private readonly deps: ChannelDeps) {}

  threadCreated(t: GatewayThreadCreateDispatchData): void {
    if (!t.newly_created || !t.parent_id) return;
    if (this.opened.size >= REMEMBERED_THREADS) {
      const oldest = this.opened.keys().next().value;
      if (oldest !== undefined) this.opened.delete(oldest);
    }
    this.opened.set(t.id, t.parent_id);
  }

  async message(d: GatewayMessageCreateDispatchData): Promise<void> {
    const botId = this.deps.botId();
    // DMs are the DM handler's; bots (this one included) and webhooks are never answered.
    if (!d.guild_id || !botId || d.author.bot || d.webhook_id || d.author.id === botId) return;
    if (d.type !== MessageType.Default && d.type !== MessageType.Reply) return;
    const mentioned = (d.mentions ?? []).some((u) => u.id === botId) || mentionPattern(botId).test(d.content ?? '');
    // Without the Message Content intent, only a mention's text is delivered: nothing else to read.
    if (!mentioned && !this.deps.readsAllMessages) return;
    const text = (d.content ?? '').replace(mentionPattern(botId), ' ').replace(/\s+/g, ' ').trim();
    if (!mentioned && !text) return;
    const forum = this.opened.get(d.channel_id);
    const opensThread = forum !== undefined && d.id === d.channel_id;
    const channelType = (d as { channel_type?: number }).channel_type;
    const inThread =
      opensThread ||
      forum !== undefined ||
      d.position !== undefined ||
      (channelType !== undefined && THREAD_CHANNEL_TYPES.has(channelType));
    try {
      if (!(await firstTake(this.deps.store, 'discord', d.id))) return;
      const req: MessageRequest = {
        kind: 'message',
        platform: 'discord',
        user: { id: d.author.id, name: d.author.global_name ?? d.author.username },
        // A thread's messages share its id; a new thread started on a message takes the message's id.
        conversation: { id: inThread ? d.channel_id : d.id, isDirect: false },
        team: d.guild_id,
        text,
        place: { channel: forum ?? d.channel_id, mentioned, inThread, ...(opensThread ? { opensThread } : {}) },
      };
      const replies = await this.deps.router.handle(req);
      if (!replies.length) return;
      await this.deliver(replies, d, inThread, text);
    } catch (err) {
      this.deps.log.warn({ kind: 'channel-message', err: describeError(err) }, 'discord channel message failed');
    }
  }

  private async deliver(replies: Reply[], d: GatewayMessageCreateDispatchData, inThread: boolean, text: string): Promise<void> {
    const shown = replies.filter((r) => r.visibility === 'public');
    const mine = replies.filter((r) => r.visibility !== 'public');
    if (mine.length) {
      const result = await this.deps.dms.send(d.author.id, await renderForChannel(mine, d.author.id, this.deps));
      if (!result.ok) this.deps.log.info({ kind: 'channel-message' }, 'private reply not sent: DMs closed');
    }
    if (!shown.length) return;
    const messages = await renderForChannel(shown, d.author.id, this.deps);
    const where = inThread ? { channel: d.channel_id } : await this.openThread(d, text);
    for (const [i, m] of messages.entries()) {
      const body = where.inline && i === 0 ? asReplyTo(m, d.id) : m;
      await postMessage(this.deps.rest, where.channel, body);
    }
  }

  /** A thread on the member's message; where none can be made, the answer goes inline as a reply. */
  private async openThread(d: GatewayMessageCreateDispatchData, text: string): Promise<{ channel: string; inline?: boolean }> {
    try {
      const thread = (await this.deps.rest.post(Routes.threads(d.channel_id, d.id), {
        body: { name: threadName(text), auto_archive_duration: ThreadAutoArchiveDuration.OneDay },
      })) as { id: string };
      return { channel: thread.id };
    } catch (err) {
      if (!(err instanceof DiscordAPIError)) throw err;
      // Another delivery already opened it: answer there.
      if (err.code === THREAD_EXISTS) return { channel: d.id };
      this.deps.log.info({ kind: 'channel-message', code: err.code }, 'no thread could be made; answering inline');
      return { channel: d.channel_id, inline: true };
    }
  }
}

/** The first message of an inline answer replies to the question, so it reads as an answer to it. */
function asReplyTo(m: OutgoingMessage, messageId: string): OutgoingMessage {
  const body = { ...m.body, message_reference: { message_id: messageId, fail_if_not_exists: false } };
  return { ...m, body };
}
