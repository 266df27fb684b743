import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The package root (nearest folder with package.json), so content resolves the same from src/ and dist/. */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return from;
  }
}
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

const optionalText = z.string().trim().min(1).optional();
const count = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, `a whole number of ${what}`)
    .transform(Number)
    .refine((n) => n >= 1, `at least 1 ${what}`)
    .optional();
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no']))
  .transform((v) => v === 'true' || v === '1' || v === 'yes')
  .optional();
const url = (what: string) =>
  z
    .string()
    .trim()
    .refine((s) => URL.canParse(s), `a full URL, like ${what}`)
    .optional();

/** Every environment variable the bot reads. README and .env.example list the same. */
export const envSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  SQLITE_PATH: optionalText,
  SPONSORS_DB_PATH: optionalText,
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\/\S+$/, 'a Redis URL, like redis://127.0.0.1:6379')
    .optional(),
  CONTENT_DIR: optionalText,
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: z
    .string()
    .regex(/^\d{15,22}$/, 'the numeric application id (a snowflake)')
    .optional(),
  DISCORD_GUILD_ID: z
    .string()
    .regex(/^\d{15,22}$/, 'a numeric server id (a snowflake)')
    .optional(),
  DISCORD_SHARDS: z
    .string()
    .regex(/^(auto|[1-9]\d{0,3})$/, '"auto" or a whole number of shards from 1')
    .optional(),
  DISCORD_API_URL: url('https://discord.com/api'),
  DISCORD_MESSAGE_CONTENT: flag,
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-\S+$/, 'a bot token starting with xoxb-')
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-\S+$/, 'an app-level token starting with xapp-')
    .optional(),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: url('https://slack.com/api/'),
  SLACK_COMMAND_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{0,10}$/, 'up to 10 lower-case letters, digits, - or _')
    .optional(),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  SLACK_LISTEN: z.enum(['mentions', 'channels']).optional(),
  SLACK_ADMIN_GROUP: z
    .string()
    .trim()
    .regex(/^S[A-Z0-9]{2,}$/, 'a user group id starting with S, like S0614TZR7')
    .optional(),
  MEMBER_QUESTIONS_PER_MINUTE: count('questions'),
  MEMBER_QUESTIONS_PER_DAY: count('questions'),
  SERVER_QUESTIONS_PER_MINUTE: count('questions'),
  SERVER_QUESTIONS_PER_DAY: count('questions'),
  RATE_LIMIT_MINUTE_SECONDS: count('seconds'),
  ADVISOR_REVIEW_DAYS: z
    .string()
    .trim()
    .regex(/^[1-9]\d{0,4}$/, 'a whole number of days, like 180')
    .transform(Number)
    .optional(),
  ADVISOR_DIGEST_EVERY: z
    .string()
    .trim()
    .regex(/^[1-9]\d*(ms|s|m|h|d)$/, 'a period like 7d, 12h or 30m')
    .optional(),
  FEEDBACK_SALT: z.string().trim().min(16, 'at least 16 characters').optional(),
  PORT: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'a port number from 1 to 65535')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 65535, 'a port number from 1 to 65535')
    .optional(),
  HEALTH_PORT: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'a port number from 0 to 65535')
    .transform(Number)
    .refine((n) => n <= 65535, 'a port number from 0 to 65535')
    .optional(),
  HEALTH_HOST: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.:-]+$/, 'an address to listen on, like 127.0.0.1 or 0.0.0.0')
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

/** What each variable is for: the README's table and .env.example are written from this. */
export const ENV_DOCS: Record<keyof Env, { group: string; doc: string; example?: string }> = {
  LOG_LEVEL: {
    group: 'General',
    doc: 'Log level (fatal, error, warn, info, debug, trace, silent). Default: info on platforms, warn in the terminal. Logs go to stderr as JSON and never contain what members type.',
  },
  CONTENT_DIR: { group: 'General', doc: 'Folder with the guide content. Default: the content/ folder of this package.' },
  SQLITE_PATH: {
    group: 'State',
    doc: 'SQLite file for the embedded store. Default: data/img-advisor.sqlite (relative to where you start the bot).',
    example: 'data/img-advisor.sqlite',
  },
  SPONSORS_DB_PATH: {
    group: 'State',
    doc: 'SQLite file for the imported H-1B sponsor data (`img-advisor sponsors import`), kept apart from the state store. Default: sponsors.sqlite beside SQLITE_PATH.',
    example: 'data/sponsors.sqlite',
  },
  REDIS_URL: {
    group: 'State',
    doc: 'Use Redis instead of SQLite (needed when several processes or Discord shards share state).',
    example: 'redis://127.0.0.1:6379',
  },
  DISCORD_TOKEN: { group: 'Discord', doc: 'Bot token. When set, `npm start` connects to Discord.' },
  DISCORD_APPLICATION_ID: { group: 'Discord', doc: 'Application id, for `npm run discord:register`.' },
  DISCORD_GUILD_ID: { group: 'Discord', doc: 'Register commands to this one server (instant) instead of globally.' },
  DISCORD_SHARDS: {
    group: 'Discord',
    doc: 'Run shards in separate processes: a number or `auto`. Use with REDIS_URL so shards share state.',
  },
  DISCORD_API_URL: {
    group: 'Discord',
    doc: "REST API base URL (a REST proxy). Default: Discord's. The gateway URL is then read from its /gateway/bot.",
  },
  DISCORD_MESSAGE_CONTENT: {
    group: 'Discord',
    doc: 'true: ask for the privileged Message Content intent (turn it on in the Developer Portal too), so the bot can answer new posts in help and forum channels and follow-ups without a mention. Off: it answers mentions only.',
  },
  SLACK_BOT_TOKEN: { group: 'Slack', doc: 'Bot token (xoxb-...). When set, `npm start` connects to Slack.' },
  SLACK_APP_TOKEN: { group: 'Slack', doc: 'App-level token (xapp-...): connect with Socket Mode, no public URL needed.' },
  SLACK_SIGNING_SECRET: { group: 'Slack', doc: 'Signing secret: serve HTTP (Events API) on PORT instead of Socket Mode.' },
  SLACK_API_URL: { group: 'Slack', doc: "Web API base URL (GovSlack, proxies). Default: Slack's." },
  SLACK_COMMAND_PREFIX: {
    group: 'Slack',
    doc: 'Prefix for slash command names, to avoid clashes in a shared workspace (`img-` gives /img-ask).',
  },
  SLACK_CLIENT_ID: {
    group: 'Slack',
    doc: 'OAuth install for many workspaces: client id (with SLACK_CLIENT_SECRET and SLACK_STATE_SECRET).',
  },
  SLACK_CLIENT_SECRET: { group: 'Slack', doc: 'OAuth client secret.' },
  SLACK_STATE_SECRET: { group: 'Slack', doc: 'Secret that signs the OAuth state parameter.' },
  SLACK_LISTEN: {
    group: 'Slack',
    doc: '`mentions` (default): answer @mentions only. `channels`: also read messages in channels the bot is in (auto-answer channels, follow-ups without a mention); needs the history scopes, see `npm run slack:manifest`.',
  },
  SLACK_ADMIN_GROUP: {
    group: 'Slack',
    doc: 'A user group (id S...) whose members may change `/settings`, besides workspace admins and owners. Needs the usergroups:read scope.',
  },
  PORT: { group: 'Slack', doc: 'HTTP port in Slack HTTP mode (GET /healthz answers there too). Default: 3000.', example: '3000' },
  MEMBER_QUESTIONS_PER_MINUTE: {
    group: 'Rate limits',
    doc: 'Questions one member may ask a minute (asks, mentions, thread follow-ups). Default: 10. A server admin can change it in `/settings`.',
  },
  MEMBER_QUESTIONS_PER_DAY: { group: 'Rate limits', doc: 'Questions one member may ask a day. Default: 100.' },
  SERVER_QUESTIONS_PER_MINUTE: {
    group: 'Rate limits',
    doc: 'Questions a whole server or workspace may ask a minute. Default: 60.',
  },
  SERVER_QUESTIONS_PER_DAY: { group: 'Rate limits', doc: 'Questions a whole server or workspace may ask a day. Default: 1000.' },
  RATE_LIMIT_MINUTE_SECONDS: {
    group: 'Rate limits',
    doc: 'Length of the short window in seconds. Default: 60. Limits hold across processes with REDIS_URL, per process on SQLite.',
  },
  ADVISOR_REVIEW_DAYS: {
    group: 'Advisors',
    doc: 'A guide section whose `reviewed` date is older than this many days is listed for review. Default: 180.',
    example: '180',
  },
  ADVISOR_DIGEST_EVERY: {
    group: 'Advisors',
    doc: 'How often the digest is posted to each advisor channel (7d, 12h, 30m). Default: 7d. Runs once per period across shards and instances.',
    example: '7d',
  },
  FEEDBACK_SALT: {
    group: 'Advisors',
    doc: 'Salt for the hashes that stand for members in answer votes and unanswered-question counts. Default: a random one kept in the store.',
  },
  HEALTH_PORT: {
    group: 'Operations',
    doc: 'Serve `GET /healthz` (store and each platform connection) and `GET /metrics` (Prometheus) on this port while the bot runs on Discord or Slack, in every mode. Unset: off. `0` picks a free port (logged).',
    example: '9464',
  },
  HEALTH_HOST: {
    group: 'Operations',
    doc: 'Address for HEALTH_PORT. Default: 127.0.0.1 (this machine only); `0.0.0.0` for a Prometheus on another host.',
    example: '127.0.0.1',
  },
};

export interface Config extends Env {
  contentDir: string;
  /** ADVISOR_REVIEW_DAYS, with its default. */
  reviewDays: number;
  /** ADVISOR_DIGEST_EVERY in milliseconds, with its default of a week. */
  digestEveryMs: number;
  sqlitePath: string;
  /** Reference data, not member data: its own embedded database even when state lives in Redis. */
  sponsorsDbPath: string;
  logLevel: NonNullable<Env['LOG_LEVEL']>;
}

export class ConfigError extends Error {}

/** Parses the environment; blank values count as unset. Throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(envSchema.shape)
      .map((k) => [k, env[k]])
      .filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      const expected = i.code === 'invalid_value' ? `one of ${i.values.join(', ')}` : i.message;
      return `${name} is not valid: expected ${expected}.`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  const e = parsed.data;
  const sqlitePath = path.resolve(e.SQLITE_PATH ?? path.join('data', 'img-advisor.sqlite'));
  return {
    ...e,
    contentDir: path.resolve(e.CONTENT_DIR ?? path.join(PACKAGE_ROOT, 'content')),
    sqlitePath,
    sponsorsDbPath: path.resolve(e.SPONSORS_DB_PATH ?? path.join(path.dirname(sqlitePath), 'sponsors.sqlite')),
    logLevel: e.LOG_LEVEL ?? 'info',
    reviewDays: e.ADVISOR_REVIEW_DAYS ?? 180,
    digestEveryMs: periodMs(e.ADVISOR_DIGEST_EVERY ?? '7d'),
  };
}

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

function periodMs(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : 7 * UNIT_MS.d;
}
