import type { Config } from '../../config.js';

/** How this deployment talks to Slack, decided from the environment alone. */
export interface SlackMode {
  transport: 'socket' | 'http';
  botToken: string;
  appToken?: string;
  signingSecret?: string;
  /** HTTP: where Slack posts. Socket Mode: only for /healthz and the OAuth pages, when set. */
  port?: number;
  apiUrl?: string;
  prefix: string;
  oauth?: { clientId: string; clientSecret: string; stateSecret: string };
}

export class SlackConfigError extends Error {}

const DEFAULT_PORT = 3000;

/** Every setting that says "run Slack": any of them set means the operator wants Slack. */
export const SLACK_SETTINGS = [
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
] as const;

const OAUTH = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/** What is still missing for Slack to start, each as the variable(s) to set; empty when complete. */
export function missingSlackSettings(config: Config): string[] {
  const missing: string[] = [];
  if (!config.SLACK_BOT_TOKEN) missing.push('SLACK_BOT_TOKEN');
  if (!config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    missing.push('SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP)');
  }
  const oauthMissing = OAUTH.filter((k) => !config[k]);
  if (oauthMissing.length > 0 && oauthMissing.length < OAUTH.length) missing.push(...oauthMissing);
  return missing;
}

/**
 * Socket Mode (SLACK_APP_TOKEN) wins when both are set: it needs no public URL, the easy path
 * for an advising group. A missing piece is one sentence naming the variables to set.
 */
export function resolveSlackMode(config: Config): SlackMode {
  const { SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, PORT, SLACK_API_URL, SLACK_COMMAND_PREFIX } = config;
  if (!SLACK_BOT_TOKEN)
    throw new SlackConfigError('Slack needs SLACK_BOT_TOKEN (the xoxb- bot token from the app’s OAuth page).');
  const oauthVars = {
    SLACK_CLIENT_ID: config.SLACK_CLIENT_ID,
    SLACK_CLIENT_SECRET: config.SLACK_CLIENT_SECRET,
    SLACK_STATE_SECRET: config.SLACK_STATE_SECRET,
  };
  const missingOauth = Object.entries(oauthVars)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missingOauth.length > 0 && missingOauth.length < 3) {
    throw new SlackConfigError(
      `Slack OAuth install needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET together; missing: ${missingOauth.join(', ')}.`,
    );
  }
  const oauth =
    missingOauth.length === 0
      ? {
          clientId: String(oauthVars.SLACK_CLIENT_ID),
          clientSecret: String(oauthVars.SLACK_CLIENT_SECRET),
          stateSecret: String(oauthVars.SLACK_STATE_SECRET),
        }
      : undefined;
  const base = { botToken: SLACK_BOT_TOKEN, apiUrl: SLACK_API_URL, prefix: SLACK_COMMAND_PREFIX ?? '', oauth };
  if (SLACK_APP_TOKEN) return { ...base, transport: 'socket', appToken: SLACK_APP_TOKEN, port: PORT };
  if (SLACK_SIGNING_SECRET)
    return { ...base, transport: 'http', signingSecret: SLACK_SIGNING_SECRET, port: PORT ?? DEFAULT_PORT };
  throw new SlackConfigError(
    'Slack needs a way to receive events: set SLACK_APP_TOKEN (xapp-, Socket Mode, no public URL) or SLACK_SIGNING_SECRET with PORT (HTTP).',
  );
}

export function describeMode(mode: SlackMode, port?: number): string {
  const how = mode.transport === 'socket' ? 'Socket Mode' : `HTTP on port ${port ?? mode.port}`;
  return `Slack connected over ${how}${mode.oauth ? ' with OAuth install' : ''}${mode.prefix ? `, commands prefixed /${mode.prefix}` : ''}`;
}
