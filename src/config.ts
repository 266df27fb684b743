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
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  contentDir: string;
  sqlitePath: string;
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
  return {
    ...e,
    contentDir: path.resolve(e.CONTENT_DIR ?? path.join(PACKAGE_ROOT, 'content')),
    sqlitePath: path.resolve(e.SQLITE_PATH ?? path.join('data', 'img-advisor.sqlite')),
    logLevel: e.LOG_LEVEL ?? 'info',
  };
}
