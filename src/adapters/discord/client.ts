import {
  type CacheFactory,
  type CacheWithLimitsOptions,
  Client,
  type ClientOptions,
  Collection as DjsCollection,
  GatewayIntentBits,
  Options,
  Partials,
  type RESTOptions,
  type User,
} from 'discord.js';
import type { Config } from '../../config.js';

/** Discord's own API, unless DISCORD_API_URL points the REST client at a proxy (or a stand-in). */
export const DEFAULT_API_URL = 'https://discord.com/api';

/**
 * REST options shared by the bot and the registration script. With DISCORD_API_URL set, every
 * request (and the gateway lookup `/gateway/bot`) goes there: large bots put a REST proxy in
 * front so all processes share one view of the rate limits. discord.js's REST queue waits out a
 * 429 and retries; we never set `rejectOnRateLimit`, so a rate limit is a delay, not an error.
 */
export function restOptions(config: Pick<Config, 'DISCORD_API_URL'>): Partial<RESTOptions> {
  // The REST client adds the version itself: "https://proxy/api/v10/" and "https://proxy/api" mean the same.
  return { api: (config.DISCORD_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, '').replace(/\/v\d+$/, '') };
}

/**
 * A cache that keeps nothing, for guilds, channels, roles and permission overwrites. discord.js
 * warns ("unsupported and breaks functionality") when those caches are limited, because its
 * permission and channel helpers (`interaction.guild`, `channel.permissionsFor`, ...) read them.
 * This adapter never calls those helpers: every interaction carries its user, channel ids and
 * permissions. The class is named `Collection`, which is what that warning checks for, so
 * operators are not told about breakage that cannot happen here. Code that starts using those
 * helpers must cache these managers again.
 */
const DiscardingCollection = class Collection<K, V> extends DjsCollection<K, V> {
  override set(_key: K, _value: V): this {
    return this;
  }
};
const DISCARDED = new Set(['GuildManager', 'ChannelManager', 'GuildChannelManager', 'RoleManager', 'PermissionOverwriteManager']);

/**
 * The bot reads interactions and DM messages and keeps nothing about servers, members,
 * channels or messages: every interaction carries what it needs. So every cache is off, except
 * the bot's own user, and memory stays flat however many and however large the servers are.
 */
export function cacheLimits(keepUser: (user: User) => boolean): CacheWithLimitsOptions {
  const off = 0;
  return {
    ApplicationCommandManager: off,
    ApplicationEmojiManager: off,
    AutoModerationRuleManager: off,
    BaseGuildEmojiManager: off,
    DMMessageManager: off,
    EntitlementManager: off,
    GuildBanManager: off,
    GuildEmojiManager: off,
    GuildForumThreadManager: off,
    GuildInviteManager: off,
    GuildMemberManager: off,
    GuildMessageManager: off,
    GuildScheduledEventManager: off,
    GuildStickerManager: off,
    GuildTextThreadManager: off,
    MessageManager: off,
    PresenceManager: off,
    ReactionManager: off,
    ReactionUserManager: off,
    StageInstanceManager: off,
    ThreadManager: off,
    ThreadMemberManager: off,
    VoiceStateManager: off,
    UserManager: { maxSize: 0, keepOverLimit: keepUser },
  };
}

export function makeCache(keepUser: (user: User) => boolean): CacheFactory {
  const limited = Options.cacheWithLimits(cacheLimits(keepUser));
  return ((managerType, holds, manager) =>
    DISCARDED.has(manager.name) ? new DiscardingCollection() : limited(managerType, holds, manager)) as CacheFactory;
}

/**
 * Guilds for the server list and thread creation; GuildMessages for mentions (a mention's text
 * arrives without any privileged intent); DirectMessages for drill turns and DM questions.
 * MessageContent, privileged, only when DISCORD_MESSAGE_CONTENT asks for it: without it the text
 * of a message that does not mention the bot is empty, so help channels, forum posts and
 * follow-ups without a mention cannot be read.
 */
export function intentsFor(config: Pick<Config, 'DISCORD_MESSAGE_CONTENT'>): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  if (config.DISCORD_MESSAGE_CONTENT) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

export function clientOptions(
  config: Pick<Config, 'DISCORD_API_URL' | 'DISCORD_MESSAGE_CONTENT'>,
  botUserId: () => string | undefined,
  overrides: Partial<ClientOptions> = {},
): ClientOptions {
  return {
    intents: intentsFor(config),
    // DM channels are never cached, so DM messages arrive on partial channels.
    partials: [Partials.Channel],
    makeCache: makeCache((user) => user.id === botUserId()),
    // Belt and braces: whatever a future discord.js caches anyway is swept.
    sweepers: {
      ...Options.DefaultSweeperSettings,
      messages: { interval: 600, lifetime: 600 },
      users: { interval: 3600, filter: () => (user) => user.id !== botUserId() },
    },
    rest: restOptions(config),
    // Our messages never ping anyone, whatever text they echo.
    allowedMentions: { parse: [] },
    ...overrides,
  };
}

/** A client with the bot's intents, caches and REST target. */
export function createDiscordClient(
  config: Pick<Config, 'DISCORD_API_URL' | 'DISCORD_MESSAGE_CONTENT'>,
  overrides: Partial<ClientOptions> = {},
): Client {
  let client: Client | undefined;
  client = new Client(clientOptions(config, () => client?.user?.id, overrides));
  return client;
}
