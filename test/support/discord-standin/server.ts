import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { GuildPlaces, permissionsFor } from './channels.js';
import { fixture } from './fixtures.js';
import { guildIdForShard, shardOf, snowflake } from './snowflake.js';
import { autocompleteProblems, commandsProblems, messageProblems, modalProblems } from './validate.js';

type Json = Record<string, unknown>;

export interface StandinUser {
  id: string;
  username: string;
  global_name: string | null;
  avatar: null;
  discriminator: string;
  public_flags: number;
  bot?: boolean;
}

export interface StandinAttachment {
  id: string;
  filename: string;
  content_type?: string;
  size: number;
  url: string;
  /** The file's text, for assertions. */
  text: string;
}

export interface StandinMessage {
  id: string;
  channel_id: string;
  author: StandinUser;
  content: string;
  embeds: Json[];
  components: Json[];
  attachments: StandinAttachment[];
  flags: number;
  /** Seen only by the member who used the interaction. */
  ephemeral: boolean;
  /** A deferred reply still showing "thinking…". */
  loading: boolean;
  deleted: boolean;
  edits: number;
  /** Every body that created or edited this message, as sent (for allowed_mentions checks). */
  bodies: Json[];
  interactionId?: string;
  timestamp: string;
  /** The message this one replies to (message_reference). */
  replyTo?: string;
  /** The thread started on this message. */
  thread?: string;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  user: StandinUser;
  guildId?: string;
  channelId: string;
  createdAt: number;
  /** Callback types in the order they were accepted (4 message, 5 deferred, 6 deferred update, 7 update, 8 choices, 9 modal). */
  callbacks: number[];
  acknowledged: boolean;
  /** The response message, or for components the clicked message once updated or deferred. */
  original?: StandinMessage;
  followups: StandinMessage[];
  modal?: Json;
  choices?: Json[];
  source?: StandinMessage;
  /** A callback came after the deadline and was refused, as Discord refuses it (10062). */
  late: boolean;
  /** When the first callback was accepted (ms since the epoch): what the member sees first. */
  respondedAt?: number;
}

export interface Rejection {
  method: string;
  path: string;
  status: number;
  code: number;
  problems: string[];
}

interface GatewayEvent {
  s: number;
  t: string;
  d: unknown;
}

interface Session {
  id: string;
  shard: [number, number];
  intents: number;
  seq: number;
  events: GatewayEvent[];
  socket?: WebSocket;
  resumes: number;
}

/** How much each server holds: what a GUILD_CREATE carries without privileged intents. */
export interface GuildShape {
  channels: number;
  roles: number;
  emojis: number;
  stickers: number;
  threads: number;
  events: number;
}

export interface StandinOptions {
  token?: string;
  applicationId?: string;
  /** Guilds the bot is in (each gets READY's unavailable entry and a GUILD_CREATE). */
  guilds?: number;
  guildShape?: Partial<GuildShape>;
  /** Guild ids to create, e.g. from guildIdForShard, before the numbered ones. */
  guildIds?: string[];
  /** Discord's interaction deadline; callbacks later than this get 10062 Unknown interaction. */
  deadlineMs?: number;
  recommendedShards?: number;
  maxConcurrency?: number;
  heartbeatIntervalMs?: number;
}

const EPHEMERAL = 64;
const LOADING = 128;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly problems: string[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function optionType(v: unknown): number {
  if (typeof v === 'boolean') return 5;
  if (typeof v === 'number') return Number.isInteger(v) ? 4 : 10;
  return 3;
}

/**
 * A small Discord on loopback for tests and benchmarks: the REST routes a bot uses (gateway
 * lookup, interaction callbacks, webhook follow-ups and edits, DM channels, channel messages,
 * command registration) and a WebSocket gateway (HELLO, IDENTIFY, heartbeats, READY,
 * GUILD_CREATE, dispatches, RESUME with replay). It enforces Discord's payload limits and the
 * 3-second interaction deadline, and can inject 429s, closed DMs and dropped connections.
 */
export class DiscordStandin extends EventEmitter {
  readonly token: string;
  readonly applicationId: string;
  readonly bot: StandinUser;
  readonly guilds: string[] = [];
  readonly interactions = new Map<string, InteractionRecord>();
  readonly messages = new Map<string, StandinMessage>();
  readonly rejections: Rejection[] = [];
  readonly requests: { method: string; path: string }[] = [];
  /** Registered commands: `global`, or a guild id. */
  readonly commands = new Map<string, Json[]>();
  readonly identifies: { shard: [number, number]; intents: number }[] = [];
  readonly sessions: Session[] = [];
  readonly dmChannels = new Map<string, string>();
  readonly closedDms = new Set<string>();
  private readonly users = new Map<string, StandinUser>();
  private readonly guildChannels = new Map<string, string>();
  private readonly limits: { method?: string; path: RegExp; retryAfter: number; remaining: number }[] = [];
  private readonly refusals: { path: RegExp; remaining: number }[] = [];
  /** Server channels, threads and forum posts, and what members write in them. */
  readonly places: GuildPlaces = new GuildPlaces(this);
  /** Members with the Manage Server permission. */
  readonly admins = new Set<string>();
  /** Role ids each member holds in every server (none unless made with roles). */
  readonly memberRoles = new Map<string, string[]>();
  /** Heartbeats received (each acknowledged with op 11). */
  heartbeats = 0;
  private readonly sockets = new Set<WebSocket>();
  private server!: Server;
  private wss!: WebSocketServer;
  port = 0;

  private constructor(private readonly opts: StandinOptions) {
    super();
    this.setMaxListeners(0);
    this.token = opts.token ?? 'standin-token';
    this.applicationId = opts.applicationId ?? snowflake();
    this.bot = { ...this.makeUser('img-advisor'), bot: true, id: this.applicationId };
    for (const id of opts.guildIds ?? []) this.addGuild(id);
    for (let i = 0; i < (opts.guilds ?? 0); i++) this.addGuild(snowflake());
  }

  static async start(opts: StandinOptions = {}): Promise<DiscordStandin> {
    const s = new DiscordStandin(opts);
    s.server = createServer((req, res) => void s.onHttp(req, res));
    s.server.keepAliveTimeout = 60_000;
    s.wss = new WebSocketServer({ server: s.server });
    s.wss.on('connection', (socket, req) => s.onSocket(socket, req.url ?? '/'));
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    s.port = (s.server.address() as AddressInfo).port;
    return s;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What DISCORD_API_URL should be. */
  get apiUrl(): string {
    return `${this.url}/api`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- people and places -------------------------------------------------------------------

  makeUser(name = 'member', opts: { admin?: boolean; bot?: boolean; roles?: string[] } = {}): StandinUser {
    const user: StandinUser = {
      id: snowflake(),
      username: name.toLowerCase(),
      global_name: name,
      avatar: null,
      discriminator: '0',
      public_flags: 0,
      ...(opts.bot ? { bot: true } : {}),
    };
    this.users.set(user.id, user);
    if (opts.admin) this.admins.add(user.id);
    if (opts.roles) this.memberRoles.set(user.id, opts.roles);
    return user;
  }

  addGuild(id = snowflake()): string {
    this.guilds.push(id);
    const general = snowflake();
    this.guildChannels.set(id, general);
    this.places.register({ id: general, guildId: id, type: 0, name: 'general' });
    return id;
  }

  /** A guild that Discord would route to `shard` of `count` shards. */
  addGuildOnShard(shard: number, count: number): string {
    return this.addGuild(guildIdForShard(shard, count));
  }

  channelOf(guildId: string): string {
    const c = this.guildChannels.get(guildId);
    if (!c) throw new Error(`unknown guild ${guildId}`);
    return c;
  }

  dmChannelOf(userId: string): string {
    let id = this.dmChannels.get(userId);
    if (!id) {
      id = snowflake();
      this.dmChannels.set(userId, id);
    }
    return id;
  }

  /** Messages in a channel, oldest first (ephemeral ones included, tagged). */
  channelMessages(channelId: string): StandinMessage[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId && !m.deleted);
  }

  dmMessages(user: StandinUser): StandinMessage[] {
    const id = this.dmChannels.get(user.id);
    return id ? this.channelMessages(id).filter((m) => m.author.id === this.bot.id) : [];
  }

  // ---- waiting -------------------------------------------------------------------------------

  /** Resolves with the first truthy value of `check`, re-checked after every request and event. */
  waitFor<T>(check: () => T | undefined | null | false, what = 'condition', timeoutMs = 10_000): Promise<T> {
    const first = check();
    if (first) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const onChange = () => {
        const v = check();
        if (v) {
          cleanup();
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`stand-in: timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off('change', onChange);
      };
      this.on('change', onChange);
    });
  }

  /** Waits until `count` shards have identified (or resumed) and hold a live connection. */
  waitForShards(count: number, timeoutMs = 30_000): Promise<Session[]> {
    return this.waitFor(
      () => {
        const live = this.sessions.filter((s) => s.socket && s.socket.readyState === 1);
        const ids = new Set(live.map((s) => s.shard[0]));
        return ids.size >= count ? live : undefined;
      },
      `${count} connected shards`,
      timeoutMs,
    );
  }

  /** The final message an interaction produced once it is no longer "thinking". */
  response(rec: InteractionRecord, what = 'a response'): Promise<StandinMessage> {
    return this.waitFor(
      () => (rec.original && !rec.original.loading && !rec.original.deleted ? rec.original : rec.followups[0]),
      what,
    );
  }

  // ---- failure injection ---------------------------------------------------------------------

  /** Answers the next `times` matching requests with 429 and a Retry-After. */
  rateLimit(path: RegExp, opts: { method?: string; retryAfter?: number; times?: number } = {}): void {
    this.limits.push({ path, method: opts.method, retryAfter: opts.retryAfter ?? 0.4, remaining: opts.times ?? 1 });
  }

  /** Refuses the next `times` matching requests with 400 Invalid Form Body, as Discord refuses a bad payload. */
  refuse(path: RegExp, times = 1): void {
    this.refusals.push({ path, remaining: times });
  }

  /** This member does not accept DMs from the server (sending gets 50007). */
  closeDms(user: StandinUser): void {
    this.closedDms.add(user.id);
  }

  /** Cuts a shard's connection without a close frame, as a network failure would. */
  drop(shard = 0): void {
    for (const s of this.sessions) {
      if (s.shard[0] === shard && s.socket) {
        s.socket.terminate();
        s.socket = undefined;
      }
    }
  }

  // ---- what members do -----------------------------------------------------------------------

  private where(guildId: string | undefined, user: StandinUser, thread?: string) {
    if (guildId) return { guildId, channelId: thread ?? this.channelOf(guildId) };
    return { guildId: undefined, channelId: this.dmChannelOf(user.id) };
  }

  private envelope(
    user: StandinUser,
    guildId: string | undefined,
    type: number,
    data: Json,
    message?: StandinMessage,
    thread?: string,
    raw: { ageMs?: number; mutate?: (envelope: Json) => void } = {},
  ) {
    const at = this.where(guildId, user, thread);
    const base: Json = fixture(guildId ? 'interaction-chat-input-guild' : 'interaction-chat-input-dm');
    const createdAt = Date.now() - (raw.ageMs ?? 0);
    const id = snowflake(createdAt);
    const token = `itok-${randomBytes(18).toString('base64url')}`;
    base.id = id;
    base.token = token;
    base.type = type;
    base.application_id = this.applicationId;
    base.data = data;
    base.channel_id = at.channelId;
    if (guildId) {
      base.guild_id = guildId;
      // What Discord computed for this member in this channel: Manage Server only for admins.
      (base.member as Json).permissions = permissionsFor(this.admins.has(user.id));
      (base.member as Json).roles = this.memberRoles.get(user.id) ?? [];
      base.guild = { id: guildId, locale: 'en-US', features: [] };
      (base.member as Json).user = user;
      base.channel = { ...(base.channel as Json), id: at.channelId, guild_id: guildId };
      // A public thread under the server's channel: a conversation of its own.
      if (thread) base.channel = { ...(base.channel as Json), type: 11, parent_id: this.channelOf(guildId) };
      base.authorizing_integration_owners = { '0': guildId };
    } else {
      base.user = user;
      base.channel = { ...(base.channel as Json), id: at.channelId, recipients: [user] };
    }
    if (message) base.message = this.apiMessage(message);
    raw.mutate?.(base);
    const rec: InteractionRecord = {
      id,
      token,
      type,
      user,
      guildId,
      channelId: at.channelId,
      createdAt,
      callbacks: [],
      acknowledged: false,
      followups: [],
      source: message,
      late: false,
    };
    this.interactions.set(id, rec);
    this.dispatch('INTERACTION_CREATE', base, guildId);
    return rec;
  }

  private commandData(command: string, options: Json, subcommand?: string, focused?: string): Json {
    let list: Json[] = Object.entries(options).map(([name, value]) => ({
      type: optionType(value),
      name,
      value,
      ...(name === focused ? { focused: true } : {}),
    }));
    if (subcommand) list = [{ type: 1, name: subcommand, options: list }];
    return { id: this.commandId(command), name: command, type: 1, ...(list.length ? { options: list } : {}) };
  }

  private commandId(name: string): string {
    for (const list of this.commands.values()) {
      const hit = list.find((c) => c.name === name);
      if (hit) return String(hit.id);
    }
    return snowflake();
  }

  /**
   * A member runs a slash command in a server (`guildId`) or in their DM with the bot. `ageMs`
   * makes it arrive that late (its id and Discord's deadline count from its creation).
   */
  slash(
    user: StandinUser,
    command: string,
    opts: { guildId?: string; options?: Json; subcommand?: string; thread?: string; ageMs?: number } = {},
  ): InteractionRecord {
    return this.envelope(
      user,
      opts.guildId,
      2,
      this.commandData(command, opts.options ?? {}, opts.subcommand),
      undefined,
      opts.thread,
      { ageMs: opts.ageMs },
    );
  }

  /**
   * Any INTERACTION_CREATE, as Discord might send it or get it wrong: a type and data of the
   * test's choosing, on a message or not, and `mutate` to change the envelope before it goes out
   * (drop `entitlements`, a member's user, ...). Its callbacks are recorded like any other.
   */
  rawInteraction(
    user: StandinUser,
    opts: { guildId?: string; type: number; data: Json; message?: StandinMessage; mutate?: (envelope: Json) => void },
  ): InteractionRecord {
    return this.envelope(user, opts.guildId, opts.type, opts.data, opts.message, undefined, { mutate: opts.mutate });
  }

  /** Any gateway event, exactly as given (a malformed MESSAGE_CREATE, say), on shard 0 or a guild's shard. */
  rawEvent(t: string, d: unknown, guildId?: string): void {
    this.dispatch(t, d, guildId);
  }

  /** A member types into an option with autocomplete. */
  autocomplete(
    user: StandinUser,
    command: string,
    focused: string,
    value: string,
    opts: { guildId?: string; subcommand?: string; options?: Json } = {},
  ): InteractionRecord {
    const data = fixture('interaction-autocomplete-data');
    Object.assign(data, this.commandData(command, { ...opts.options, [focused]: value }, opts.subcommand, focused));
    return this.envelope(user, opts.guildId, 4, data);
  }

  /** A member clicks a button, or picks `values` in a select menu, on a message the bot posted. */
  click(user: StandinUser, message: StandinMessage, customId: string, values?: string[]): InteractionRecord {
    const component = message.components.flatMap((row) => (row.components as Json[]) ?? []).find((c) => c.custom_id === customId);
    if (!component) throw new Error(`no component ${customId} on that message`);
    const data: Json = values
      ? { ...fixture('interaction-string-select-data'), custom_id: customId, values }
      : { component_type: 2, id: component.id ?? 2, custom_id: customId };
    if (values && component.type !== 3) throw new Error(`${customId} is not a select menu`);
    const guildId = this.guildOfChannel(message.channel_id);
    return this.envelope(user, guildId, 3, data, message);
  }

  /** A member fills a modal the bot showed and submits it. */
  submit(user: StandinUser, shown: InteractionRecord, values: Record<string, string>): InteractionRecord {
    const modal = shown.modal;
    if (!modal) throw new Error('that interaction showed no modal');
    const template = fixture('interaction-modal-submit-data');
    const components = (modal.components as Json[]).map((c, i) => {
      const input = (c.type === 18 ? c.component : (c.components as Json[])[0]) as Json;
      const id = String(input.custom_id);
      const value = values[id] ?? String(input.value ?? '');
      if (input.required !== false && !value) throw new Error(`Discord would not submit: "${id}" is required`);
      if (input.max_length !== undefined && value.length > Number(input.max_length))
        throw new Error(`"${id}" is over max_length`);
      const answer = { type: 4, id: i * 2 + 2, custom_id: id, value };
      return c.type === 18 ? { type: 18, id: i * 2 + 1, component: answer } : { type: 1, id: i * 2 + 1, components: [answer] };
    });
    const data = { ...template, custom_id: modal.custom_id, components };
    return this.envelope(user, shown.guildId, 5, data, shown.source);
  }

  /** A member writes to the bot in their DMs. */
  dm(user: StandinUser, text: string): void {
    const channelId = this.dmChannelOf(user.id);
    const d: Json = fixture('message-create-dm');
    Object.assign(d, {
      id: snowflake(),
      channel_id: channelId,
      author: user,
      content: text,
      timestamp: new Date().toISOString(),
    });
    this.dispatch('MESSAGE_CREATE', d, undefined, 1 << 12);
  }

  private guildOfChannel(channelId: string): string | undefined {
    for (const [g, c] of this.guildChannels) if (c === channelId) return g;
    return this.places.channels.get(channelId)?.guildId;
  }

  // ---- gateway -------------------------------------------------------------------------------

  private guildsOf(shard: [number, number]): string[] {
    return this.guilds.filter((g) => shardOf(g, shard[1]) === shard[0]);
  }

  /**
   * Sends an event to the shard Discord would use (a guild's shard, else shard 0). With no live
   * connection it waits in the session and is replayed on RESUME, as Discord does.
   */
  dispatch(t: string, d: unknown, guildId?: string, intent?: number): void {
    const candidates = this.sessions.filter((s) => s.shard[0] === (guildId ? shardOf(guildId, s.shard[1]) : 0));
    const session = candidates.at(-1);
    if (!session) throw new Error(`stand-in: no gateway session for ${t}`);
    if (intent !== undefined && !(session.intents & intent)) return;
    this.send(session, t, d);
  }

  private send(session: Session, t: string, d: unknown): void {
    const event = { s: ++session.seq, t, d };
    session.events.push(event);
    if (session.events.length > 5000) session.events.shift();
    if (session.socket?.readyState === 1) session.socket.send(JSON.stringify({ op: 0, ...event }));
  }

  private guildCreate(id: string): Json {
    const shape: GuildShape = { channels: 1, roles: 1, emojis: 0, stickers: 0, threads: 0, events: 0, ...this.opts.guildShape };
    const g = fixture('guild-create');
    const channel = fixture('guild-text-channel');
    const role = fixture('role');
    const emoji = fixture('emoji');
    const general = this.channelOf(id);
    g.id = id;
    g.name = `Server ${id.slice(-4)}`;
    g.channels = Array.from({ length: shape.channels }, (_, i) => ({
      ...channel,
      id: i === 0 ? general : snowflake(),
      guild_id: id,
      name: i === 0 ? 'general' : `channel-${i}`,
      position: i,
      topic: `Talk about topic ${i}`,
    }));
    g.roles = Array.from({ length: shape.roles }, (_, i) => ({
      ...role,
      id: i === 0 ? id : snowflake(),
      name: i === 0 ? '@everyone' : `role-${i}`,
      position: i,
    }));
    g.emojis = Array.from({ length: shape.emojis }, (_, i) => ({ ...emoji, id: snowflake(), name: `emoji_${i}` }));
    g.stickers = Array.from({ length: shape.stickers }, (_, i) => ({
      id: snowflake(),
      name: `sticker ${i}`,
      tags: 'wave',
      type: 2,
      format_type: 1,
      description: 'A friendly sticker',
      available: true,
      guild_id: id,
    }));
    const textChannels = g.channels as Json[];
    g.threads = Array.from({ length: shape.threads }, (_, i) => ({
      ...channel,
      id: snowflake(),
      guild_id: id,
      parent_id: textChannels[i % textChannels.length]?.id,
      owner_id: this.bot.id,
      name: `Thread about question ${i}`,
      type: 11,
      message_count: 12,
      member_count: 4,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: g.joined_at, locked: false },
      total_message_sent: 12,
    }));
    g.guild_scheduled_events = Array.from({ length: shape.events }, (_, i) => ({
      id: snowflake(),
      guild_id: id,
      channel_id: null,
      creator_id: this.bot.id,
      name: `Office hours ${i}`,
      description: 'Ask advisors anything',
      scheduled_start_time: '2030-01-01T18:00:00.000000+00:00',
      scheduled_end_time: '2030-01-01T19:00:00.000000+00:00',
      privacy_level: 2,
      status: 1,
      entity_type: 3,
      entity_id: null,
      entity_metadata: { location: 'Online' },
      user_count: 10,
    }));
    g.members = [
      {
        user: this.bot,
        roles: [],
        joined_at: g.joined_at,
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        nick: null,
        avatar: null,
      },
    ];
    g.member_count = 50 + shape.channels;
    return g;
  }

  private onSocket(socket: WebSocket, path: string): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.opts.heartbeatIntervalMs ?? 41_250 }, s: null, t: null }));
    socket.on('message', (raw) => {
      let msg: { op: number; d: Json | number | null };
      try {
        msg = JSON.parse(String(raw));
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      if (msg.op === 1) {
        this.heartbeats++;
        socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      } else if (msg.op === 2) this.identify(socket, msg.d as Json);
      else if (msg.op === 6) this.resume(socket, msg.d as Json, path);
      this.emit('change');
    });
  }

  private identify(socket: WebSocket, d: Json): void {
    if (d.token !== this.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    const shard = (Array.isArray(d.shard) ? d.shard : [0, 1]) as [number, number];
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      shard,
      intents: Number(d.intents ?? 0),
      seq: 0,
      events: [],
      socket,
      resumes: 0,
    };
    this.sessions.push(session);
    this.identifies.push({ shard, intents: session.intents });
    const ready: Json = fixture('ready');
    const guilds = this.guildsOf(shard);
    Object.assign(ready, {
      user: this.bot,
      guilds: guilds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: `ws://127.0.0.1:${this.port}/resume`,
      shard,
      application: { id: this.applicationId, flags: 0 },
    });
    this.send(session, 'READY', ready);
    for (const id of guilds) this.send(session, 'GUILD_CREATE', this.guildCreate(id));
  }

  private resume(socket: WebSocket, d: Json, path: string): void {
    const session = this.sessions.find((s) => s.id === d.session_id);
    if (!session || d.token !== this.token || !path.startsWith('/resume')) {
      socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
      return;
    }
    session.socket = socket;
    session.resumes++;
    const from = Number(d.seq ?? 0);
    for (const e of session.events.filter((x) => x.s > from)) socket.send(JSON.stringify({ op: 0, ...e }));
    this.send(session, 'RESUMED', {});
  }

  // ---- REST ----------------------------------------------------------------------------------

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    this.requests.push({ method, path });
    try {
      const limit = this.limits.find((l) => l.remaining > 0 && l.path.test(path) && (!l.method || l.method === method));
      if (limit) {
        limit.remaining--;
        const body = { ...fixture('error-rate-limited'), retry_after: limit.retryAfter };
        throw new HttpError(429, 0, 'You are being rate limited.', [], {
          'retry-after': String(limit.retryAfter),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(limit.retryAfter),
          'x-ratelimit-bucket': 'standin-bucket',
          'x-ratelimit-scope': 'user',
          'x-body': JSON.stringify(body),
        });
      }
      const refusal = this.refusals.find((r) => r.remaining > 0 && r.path.test(path));
      if (refusal) {
        refusal.remaining--;
        throw new HttpError(400, 50035, 'Invalid Form Body', ['refused by the test']);
      }
      const { body, files } = await readBody(req);
      const out = this.route(method, path, url, body, files, req.headers.authorization);
      if (out === undefined) {
        res.writeHead(204); // no content-type on an empty body, or clients try to parse it
        res.end();
      } else {
        const text = JSON.stringify(out);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      }
    } catch (err) {
      const e = err instanceof HttpError ? err : new HttpError(500, 0, err instanceof Error ? err.message : String(err));
      if (e.status !== 429) this.rejections.push({ method, path, status: e.status, code: e.code, problems: e.problems });
      const { 'x-body': raw, ...headers } = e.headers;
      const text =
        raw ?? JSON.stringify({ message: e.message, code: e.code, ...(e.problems.length ? { errors: e.problems } : {}) });
      res.writeHead(e.status, { 'content-type': 'application/json', ...headers });
      res.end(text);
    } finally {
      this.emit('change');
    }
  }

  private authorize(auth: string | undefined): void {
    if (auth !== `Bot ${this.token}`) throw new HttpError(401, 0, '401: Unauthorized');
  }

  private route(method: string, path: string, url: URL, body: Json, files: StandinAttachment[], auth?: string): Json | undefined {
    if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
      if (path === '/gateway/bot') this.authorize(auth);
      const g = fixture('gateway-bot');
      g.url = `ws://127.0.0.1:${this.port}`;
      g.shards = this.opts.recommendedShards ?? 1;
      (g.session_start_limit as Json).max_concurrency = this.opts.maxConcurrency ?? 16;
      return g;
    }
    const callback = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    if (callback && method === 'POST') {
      this.callback(callback[1] ?? '', callback[2] ?? '', body, files);
      return url.searchParams.get('with_response') === 'true' ? { interaction: { id: callback[1] } } : undefined;
    }
    const webhook = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(path);
    if (webhook) return this.webhook(method, webhook[1] ?? '', webhook[2] ?? '', webhook[3], body, files);
    this.authorize(auth);
    if (method === 'GET' && path === '/users/@me') return this.bot as unknown as Json;
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = this.users.get(String(body.recipient_id));
      if (!recipient) throw new HttpError(400, 50035, 'Invalid Form Body', ['recipient_id: unknown user']);
      return { ...fixture('dm-channel'), id: this.dmChannelOf(recipient.id), recipients: [recipient], last_message_id: null };
    }
    const placed = this.places.route(method, path, body);
    if (placed !== 'pass') return placed;
    const channel = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (channel && method === 'POST') {
      const channelId = channel[1] ?? '';
      if (!dmOwner(this.dmChannels, channelId)) this.places.checkPost(channelId, body);
      const dmUser = [...this.dmChannels.entries()].find(([, c]) => c === channelId)?.[0];
      if (dmUser && this.closedDms.has(dmUser)) {
        const e = fixture('error-cannot-dm');
        throw new HttpError(403, Number(e.code), String(e.message));
      }
      this.check(messageProblems(body, files.length, 'create'));
      const posted = this.createMessage(channelId, body, files, { ephemeral: false });
      const ref = (body.message_reference as Json | undefined)?.message_id;
      if (ref) posted.replyTo = String(ref);
      return this.apiMessage(posted);
    }
    const commands = /^\/applications\/(\d+)\/(?:guilds\/(\d+)\/)?commands$/.exec(path);
    if (commands) {
      const [, app, guild] = commands;
      if (app !== this.applicationId) throw new HttpError(403, 50001, 'Missing Access');
      const scope = guild ?? 'global';
      if (method === 'GET') return this.commands.get(scope) as unknown as Json;
      if (method === 'PUT') {
        const list = Array.isArray(body) ? (body as Json[]) : [];
        this.check(commandsProblems(list, guild ? 'guild' : 'global'));
        const saved = list.map((c) => ({
          ...c,
          id: snowflake(),
          application_id: this.applicationId,
          version: snowflake(),
          ...(guild ? { guild_id: guild } : {}),
        }));
        this.commands.set(scope, saved);
        return saved as unknown as Json;
      }
    }
    throw new HttpError(404, 0, `404: Not Found (${method} ${path})`);
  }

  private check(problems: string[]): void {
    if (problems.length) throw new HttpError(400, 50035, 'Invalid Form Body', problems);
  }

  private callback(id: string, token: string, body: Json, files: StandinAttachment[]): void {
    const rec = this.interactions.get(id);
    if (!rec || rec.token !== token) throw new HttpError(404, 10062, 'Unknown interaction');
    if (rec.acknowledged) throw new HttpError(400, 40060, 'Interaction has already been acknowledged.');
    if (Date.now() - rec.createdAt > (this.opts.deadlineMs ?? 3000)) {
      rec.late = true;
      throw new HttpError(404, 10062, 'Unknown interaction');
    }
    const type = Number(body.type);
    const data = (body.data ?? {}) as Json;
    const fromMessage = (rec.type === 3 || rec.type === 5) && rec.source !== undefined;
    const allowed: Record<number, number[]> = {
      2: [4, 5, 9],
      3: [4, 5, 6, 7, 9],
      4: [8],
      5: fromMessage ? [4, 5, 6, 7] : [4, 5],
    };
    // A type Discord has not documented to us: a plain message is what every type accepts.
    if (!(allowed[rec.type] ?? [4]).includes(type)) {
      throw new HttpError(400, 50035, 'Invalid Form Body', [
        `callback type ${type} is not valid for interaction type ${rec.type}`,
      ]);
    }
    if (type === 4) {
      this.check(messageProblems(data, files.length, 'create'));
      rec.original = this.createMessage(rec.channelId, data, files, {
        ephemeral: (Number(data.flags ?? 0) & EPHEMERAL) !== 0,
        interactionId: id,
      });
    } else if (type === 5) {
      const ephemeral = (Number(data.flags ?? 0) & EPHEMERAL) !== 0;
      rec.original = this.createMessage(rec.channelId, { content: '' }, [], { ephemeral, interactionId: id, loading: true });
    } else if (type === 6) {
      rec.original = rec.source;
    } else if (type === 7) {
      this.check(messageProblems(data, files.length, 'edit'));
      if (!rec.source) throw new HttpError(400, 50035, 'Invalid Form Body', ['no message to update']);
      this.editMessage(rec.source, data, files);
      rec.original = rec.source;
    } else if (type === 8) {
      this.check(autocompleteProblems(data));
      rec.choices = (data.choices ?? []) as Json[];
    } else if (type === 9) {
      this.check(modalProblems(data));
      rec.modal = data;
    }
    rec.callbacks.push(type);
    rec.acknowledged = true;
    rec.respondedAt ??= Date.now();
  }

  private webhook(
    method: string,
    appId: string,
    token: string,
    target: string | undefined,
    body: Json,
    files: StandinAttachment[],
  ): Json | undefined {
    const rec = [...this.interactions.values()].find((r) => r.token === token);
    if (appId !== this.applicationId || !rec || !rec.acknowledged) throw new HttpError(404, 10015, 'Unknown Webhook');
    if (!target && method === 'POST') {
      this.check(messageProblems(body, files.length, 'create'));
      const msg = this.createMessage(rec.channelId, body, files, {
        ephemeral: (Number(body.flags ?? 0) & EPHEMERAL) !== 0,
        interactionId: rec.id,
      });
      rec.followups.push(msg);
      return this.apiMessage(msg);
    }
    const msg = target === '@original' ? rec.original : [...rec.followups, rec.original].find((x) => x?.id === target);
    if (!msg || msg.deleted) throw new HttpError(404, 10008, 'Unknown Message');
    if (method === 'PATCH') {
      this.check(messageProblems(body, files.length, 'edit'));
      this.editMessage(msg, body, files);
      return this.apiMessage(msg);
    }
    if (method === 'DELETE') {
      msg.deleted = true;
      return undefined;
    }
    if (method === 'GET') return this.apiMessage(msg);
    throw new HttpError(405, 0, '405: Method Not Allowed');
  }

  createMessage(
    channelId: string,
    body: Json,
    files: StandinAttachment[],
    opts: { ephemeral: boolean; interactionId?: string; loading?: boolean; author?: StandinUser; id?: string },
  ): StandinMessage {
    const msg: StandinMessage = {
      id: opts.id ?? snowflake(),
      channel_id: channelId,
      author: opts.author ?? this.bot,
      content: String(body.content ?? ''),
      embeds: (body.embeds ?? []) as Json[],
      components: (body.components ?? []) as Json[],
      attachments: files,
      flags: (opts.ephemeral ? EPHEMERAL : 0) | (opts.loading ? LOADING : 0),
      ephemeral: opts.ephemeral,
      loading: opts.loading ?? false,
      deleted: false,
      edits: 0,
      bodies: opts.loading ? [] : [body],
      interactionId: opts.interactionId,
      timestamp: new Date().toISOString(),
    };
    this.messages.set(msg.id, msg);
    return msg;
  }

  private editMessage(msg: StandinMessage, body: Json, files: StandinAttachment[]): void {
    const next = {
      content: body.content !== undefined ? String(body.content ?? '') : msg.content,
      embeds: body.embeds !== undefined ? ((body.embeds ?? []) as Json[]) : msg.embeds,
      components: body.components !== undefined ? ((body.components ?? []) as Json[]) : msg.components,
      attachments: body.attachments !== undefined || files.length ? files : msg.attachments,
    };
    if (!next.content && !next.embeds.length && !next.components.length && !next.attachments.length) {
      throw new HttpError(400, 50006, 'Cannot send an empty message');
    }
    Object.assign(msg, next);
    if (!msg.loading) msg.edits++;
    msg.loading = false;
    msg.flags &= ~LOADING;
    msg.bodies.push(body);
  }

  apiMessage(msg: StandinMessage): Json {
    return {
      id: msg.id,
      type: msg.interactionId ? 20 : 0,
      channel_id: msg.channel_id,
      author: msg.author,
      content: msg.content,
      embeds: msg.embeds,
      components: msg.components,
      attachments: msg.attachments.map(({ text: _t, ...a }) => a),
      flags: msg.flags,
      timestamp: msg.timestamp,
      edited_timestamp: msg.edits ? new Date().toISOString() : null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      ...(msg.interactionId ? { application_id: this.applicationId, webhook_id: this.applicationId } : {}),
    };
  }
}

function dmOwner(dms: Map<string, string>, channelId: string): string | undefined {
  return [...dms.entries()].find(([, c]) => c === channelId)?.[0];
}

async function readBody(req: IncomingMessage): Promise<{ body: Json; files: StandinAttachment[] }> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (!raw.length) return { body: {}, files: [] };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const body = JSON.parse(String(form.get('payload_json') ?? '{}')) as Json;
    const files: StandinAttachment[] = [];
    for (const [key, value] of form.entries()) {
      if (!key.startsWith('files[') || typeof value === 'string') continue;
      const text = await value.text();
      const id = snowflake();
      files.push({
        id,
        filename: value.name,
        content_type: value.type,
        size: value.size,
        url: `https://cdn.example/attachments/${id}/${value.name}`,
        text,
      });
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')) as Json, files: [] };
}
