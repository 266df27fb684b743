import { z } from 'zod';
import type { Config } from '../config.js';
import { defineRecord } from '../store/record.js';
import type { StateStore } from '../store/store.js';
import type { Platform } from './types.js';

/**
 * One server's (Discord guild's, Slack workspace's) settings: where the bot answers without a
 * slash command, how `/ask` answers by default, the advisor channel and role, and question
 * limits. Adapters and features read them; `/settings` changes them. They are read on every
 * message (no cache), so a change takes effect on the next one, on every instance.
 */
export const ANSWER_MODES = ['mention', 'auto', 'off'] as const;
export type AnswerMode = (typeof ANSWER_MODES)[number];

/** A channel, role or user-group id as the platforms write them (Discord snowflakes, Slack C…/G…/S… ids). */
export const platformId = z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'a channel or role id');

export const MAX_AUTO_CHANNELS = 20;

export const limitBounds = {
  memberPerMinute: { min: 1, max: 600 },
  memberPerDay: { min: 1, max: 10_000 },
  serverPerMinute: { min: 1, max: 10_000 },
  serverPerDay: { min: 1, max: 1_000_000 },
} as const;
export type LimitName = keyof typeof limitBounds;

const limit = (name: LimitName) => z.number().int().min(limitBounds[name].min).max(limitBounds[name].max).optional();

/** Question limits a server chose; an absent one falls back to the environment's default. */
export const questionLimitsSchema = z.object({
  memberPerMinute: limit('memberPerMinute'),
  memberPerDay: limit('memberPerDay'),
  serverPerMinute: limit('serverPerMinute'),
  serverPerDay: limit('serverPerDay'),
});
export type QuestionLimits = Required<z.infer<typeof questionLimitsSchema>>;

export const serverSettingsSchema = z.object({
  /** mention: answer @mentions (and follow-ups in those threads); auto: also every new post in `autoChannels`; off: slash commands only. */
  answerMode: z.enum(ANSWER_MODES),
  /** Help channels and forum channels whose new posts get an answer in auto mode. */
  autoChannels: z.array(platformId).max(MAX_AUTO_CHANNELS),
  /** How `/ask` and `/visa` answer in this server's channels. */
  askVisibility: z.enum(['public', 'private']),
  /** Where advisors are reached (read by the advisors feature). */
  advisorChannel: platformId.optional(),
  /** Discord role or Slack user group of the advisors. */
  advisorRole: platformId.optional(),
  limits: questionLimitsSchema,
  /** Who changed them last and when: shown to admins. */
  updatedBy: z.string().max(64).optional(),
  updatedAt: z.string().max(40).optional(),
});
export type ServerSettings = z.infer<typeof serverSettingsSchema>;

export const DEFAULT_SETTINGS: ServerSettings = Object.freeze({
  answerMode: 'mention',
  autoChannels: [],
  askVisibility: 'public',
  limits: {},
}) as ServerSettings;

/** Not about a member (so `/forget` leaves it); kept for ten years, rewritten on every change. */
export const serverSettingsRecord = defineRecord('server-settings', {
  version: 1,
  schema: serverSettingsSchema,
  ttlDays: 3650,
  personal: false,
});

export function settingsId(platform: Platform, team: string): string {
  return `${platform}:${team}`;
}

/** The server's settings, or the defaults when it never saved any (or none can be read). */
export async function readServerSettings(
  store: StateStore,
  platform: Platform,
  team: string | undefined,
): Promise<ServerSettings> {
  if (!team) return DEFAULT_SETTINGS;
  const loaded = await store.loadShared(serverSettingsRecord, settingsId(platform, team));
  return loaded.status === 'found' ? loaded.value : DEFAULT_SETTINGS;
}

/**
 * Read, change and write a server's settings under one lock (held across instances on Redis), so
 * two admins changing different settings at once both keep their change.
 */
export function updateServerSettings(
  store: StateStore,
  platform: Platform,
  team: string,
  change: (current: ServerSettings) => ServerSettings,
): Promise<ServerSettings> {
  return store.withLock({ platform, user: `server:${team}` }, async () => {
    const next = serverSettingsSchema.parse(change(await readServerSettings(store, platform, team)));
    await store.saveShared(serverSettingsRecord, settingsId(platform, team), next);
    await indexServer(store, platform, team);
    return next;
  });
}

/** Which servers have settings, so jobs that visit each (the advisors' digest) can find them. */
const serverIndexRecord = defineRecord('server-settings-index', {
  version: 1,
  schema: z.object({ servers: z.array(z.object({ platform: z.string(), team: z.string() })).max(100_000) }),
  ttlDays: 3650,
  personal: false,
});

async function indexServer(store: StateStore, platform: Platform, team: string): Promise<void> {
  await store.updateShared(serverIndexRecord, 'all', (current) => {
    const servers = current?.servers ?? [];
    return servers.some((s) => s.platform === platform && s.team === team)
      ? { servers }
      : { servers: [...servers, { platform, team }] };
  });
}

/** Every server that saved settings, with them. */
export async function listServers(store: StateStore): Promise<{ platform: Platform; team: string; settings: ServerSettings }[]> {
  const loaded = await store.loadShared(serverIndexRecord, 'all');
  const servers = loaded.status === 'found' ? loaded.value.servers : [];
  return Promise.all(
    servers.map(async (s) => ({
      platform: s.platform as Platform,
      team: s.team,
      settings: await readServerSettings(store, s.platform as Platform, s.team),
    })),
  );
}

export const DEFAULT_LIMITS: QuestionLimits = { memberPerMinute: 10, memberPerDay: 100, serverPerMinute: 60, serverPerDay: 1000 };

/** The limits in force: the server's own, else the environment's, else the defaults. */
export function limitsIn(settings: ServerSettings, config: Partial<Config>): QuestionLimits {
  const l = settings.limits;
  return {
    memberPerMinute: l.memberPerMinute ?? config.MEMBER_QUESTIONS_PER_MINUTE ?? DEFAULT_LIMITS.memberPerMinute,
    memberPerDay: l.memberPerDay ?? config.MEMBER_QUESTIONS_PER_DAY ?? DEFAULT_LIMITS.memberPerDay,
    serverPerMinute: l.serverPerMinute ?? config.SERVER_QUESTIONS_PER_MINUTE ?? DEFAULT_LIMITS.serverPerMinute,
    serverPerDay: l.serverPerDay ?? config.SERVER_QUESTIONS_PER_DAY ?? DEFAULT_LIMITS.serverPerDay,
  };
}
