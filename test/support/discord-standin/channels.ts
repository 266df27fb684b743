import type { DiscordStandin, StandinMessage, StandinUser } from './server.js';
import { HttpError } from './server.js';
import { shardOf, snowflake } from './snowflake.js';

type Json = Record<string, unknown>;

/** Gateway intents that govern server messages (Discord's bit values). */
export const INTENT = { guildMessages: 1 << 9, messageContent: 1 << 15 } as const;

const CHANNEL = { text: 0, publicThread: 11, forum: 15 } as const;
const ARCHIVE_MINUTES = [60, 1440, 4320, 10080];

/**
 * A member's permissions as an interaction carries them: what an ordinary member has (see,
 * send, read history, use commands, threads), plus Manage Server for admins.
 */
export function permissionsFor(admin: boolean): string {
  const bits = [10n, 11n, 14n, 15n, 16n, 31n, 35n, 38n];
  if (admin) bits.push(5n);
  return bits.reduce((acc, b) => acc | (1n << b), 0n).toString();
}

export interface StandinChannel {
  id: string;
  guildId: string;
  type: number;
  name: string;
  parentId?: string;
  ownerId?: string;
  /** The bot may not create threads here (403 Missing Permissions). */
  noThreads?: boolean;
}

/**
 * Server channels as the stand-in keeps them: text channels, forum channels and threads; members
 * writing in them (MESSAGE_CREATE, with Discord's rules on which text the bot may read); thread
 * creation on a message (POST /channels/{id}/messages/{id}/threads) with Discord's refusals; and
 * forum posts (THREAD_CREATE, then the starter message with the thread's id).
 */
export class GuildPlaces {
  readonly channels = new Map<string, StandinChannel>();

  constructor(private readonly s: DiscordStandin) {}

  register(c: StandinChannel): void {
    this.channels.set(c.id, c);
  }

  addChannel(guildId: string, kind: 'text' | 'forum' = 'text', name = kind === 'forum' ? 'help-forum' : 'help'): string {
    const id = snowflake();
    this.register({ id, guildId, type: kind === 'forum' ? CHANNEL.forum : CHANNEL.text, name });
    return id;
  }

  /** The bot lacks Create Public Threads here. */
  denyThreads(channelId: string): void {
    this.need(channelId).noThreads = true;
  }

  /** Messages the bot posted in a channel or thread, oldest first. */
  botMessages(channelId: string): StandinMessage[] {
    return this.s.channelMessages(channelId).filter((m) => m.author.id === this.s.bot.id);
  }

  /** A member (or another bot) writes in a server channel or thread. */
  say(user: StandinUser, channelId: string, text: string): StandinMessage {
    const ch = this.need(channelId);
    if (ch.type === CHANNEL.forum) throw new Error('members post in a forum by opening a thread: use forumPost');
    const msg = this.s.createMessage(channelId, { content: text }, [], { ephemeral: false, author: user });
    this.deliver(msg);
    return msg;
  }

  /** The gateway delivers a message again (a replay after a reconnect, a duplicate). */
  redeliver(msg: StandinMessage): void {
    this.deliver(msg);
  }

  /** A member opens a forum post: THREAD_CREATE, then its first message, whose id is the thread's. */
  forumPost(user: StandinUser, forumId: string, title: string, text: string): { thread: string; message: StandinMessage } {
    const forum = this.need(forumId);
    if (forum.type !== CHANNEL.forum) throw new Error('not a forum channel');
    const thread = snowflake();
    this.register({
      id: thread,
      guildId: forum.guildId,
      type: CHANNEL.publicThread,
      name: title,
      parentId: forumId,
      ownerId: user.id,
    });
    this.s.dispatch('THREAD_CREATE', { ...this.threadJson(thread), newly_created: true }, forum.guildId);
    const message = this.s.createMessage(thread, { content: text }, [], { ephemeral: false, author: user, id: thread });
    this.deliver(message);
    return { thread, message };
  }

  private need(id: string): StandinChannel {
    const c = this.channels.get(id);
    if (!c) throw new Error(`stand-in: unknown channel ${id}`);
    return c;
  }

  private threadJson(id: string): Json {
    const t = this.need(id);
    return {
      id,
      guild_id: t.guildId,
      parent_id: t.parentId,
      owner_id: t.ownerId,
      type: t.type,
      name: t.name,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 1440,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
    };
  }

  /**
   * MESSAGE_CREATE to the guild's shard, only with the Guild Messages intent. Without Message
   * Content the text (and embeds, attachments) is empty unless the message mentions the bot or
   * the bot wrote it, as Discord does.
   */
  private deliver(msg: StandinMessage): void {
    const ch = this.need(msg.channel_id);
    const session = this.s.sessions.filter((x) => x.shard[0] === shardOf(ch.guildId, x.shard[1])).at(-1);
    if (!session || !(session.intents & INTENT.guildMessages)) return;
    const botId = this.s.bot.id;
    const mentionsBot = new RegExp(`<@!?${botId}>`).test(msg.content);
    const readable = (session.intents & INTENT.messageContent) !== 0 || mentionsBot || msg.author.id === botId;
    const inThread = ch.type === CHANNEL.publicThread;
    const position = inThread ? this.s.channelMessages(ch.id).filter((m) => m.id !== msg.id).length : undefined;
    const d: Json = {
      id: msg.id,
      type: msg.replyTo ? 19 : 0,
      channel_id: msg.channel_id,
      guild_id: ch.guildId,
      author: msg.author,
      member: { roles: [], joined_at: '2024-01-01T00:00:00.000000+00:00', deaf: false, mute: false, flags: 0 },
      content: readable ? msg.content : '',
      embeds: [],
      attachments: [],
      components: [],
      mentions: mentionsBot ? [this.s.bot] : [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      flags: 0,
      timestamp: msg.timestamp,
      edited_timestamp: null,
      nonce: snowflake(),
      ...(position !== undefined ? { position } : {}),
    };
    this.s.dispatch('MESSAGE_CREATE', d, ch.guildId, INTENT.guildMessages);
  }

  /** Posting in a channel: it must exist and take messages; a reply must point at a message. */
  checkPost(channelId: string, body: Json): void {
    const ch = this.channels.get(channelId);
    if (!ch) throw new HttpError(404, 10003, 'Unknown Channel');
    if (ch.type === CHANNEL.forum) throw new HttpError(400, 50024, 'Cannot execute action on this channel type');
    const ref = body.message_reference as Json | undefined;
    if (ref) {
      const target = this.s.messages.get(String(ref.message_id));
      if ((!target || target.channel_id !== channelId) && ref.fail_if_not_exists !== false) {
        throw new HttpError(400, 50035, 'Invalid Form Body', ['message_reference: Unknown message']);
      }
    }
  }

  route(method: string, path: string, body: Json): Json | undefined | 'pass' {
    const m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path);
    if (!m || method !== 'POST') return 'pass';
    const [, channelId = '', messageId = ''] = m;
    const ch = this.channels.get(channelId);
    if (!ch) throw new HttpError(404, 10003, 'Unknown Channel');
    if (ch.type !== CHANNEL.text) throw new HttpError(400, 50024, 'Cannot execute action on this channel type');
    if (ch.noThreads) throw new HttpError(403, 50013, 'Missing Permissions');
    const msg = this.s.messages.get(messageId);
    if (!msg || msg.channel_id !== channelId) throw new HttpError(404, 10008, 'Unknown Message');
    if (msg.thread) throw new HttpError(400, 160004, 'A thread has already been created for this message');
    const problems: string[] = [];
    const name = typeof body.name === 'string' ? body.name : '';
    if (name.length < 1 || name.length > 100) problems.push('name must be 1-100 characters');
    if (body.auto_archive_duration !== undefined && !ARCHIVE_MINUTES.includes(Number(body.auto_archive_duration))) {
      problems.push('auto_archive_duration must be 60, 1440, 4320 or 10080');
    }
    if (problems.length) throw new HttpError(400, 50035, 'Invalid Form Body', problems);
    // A thread started on a message takes the message's id.
    this.register({
      id: messageId,
      guildId: ch.guildId,
      type: CHANNEL.publicThread,
      name,
      parentId: channelId,
      ownerId: this.s.bot.id,
    });
    msg.thread = messageId;
    const json = this.threadJson(messageId);
    this.s.dispatch('THREAD_CREATE', { ...json, newly_created: true }, ch.guildId);
    return json;
  }
}
