import type { Runtime as App } from '../../core/runtime.js';
import type { RunningPlatform } from '../shared/platform.js';
import { createSlackApp } from './app.js';
import { describeMode, resolveSlackMode } from './mode.js';

/** Why start-up failed, in one line: a rejected token, an unreachable API, a taken port. */
function startupProblem(err: unknown): string {
  const code = (err as { data?: { error?: string }; code?: string }).data?.error;
  if (code === 'invalid_auth' || code === 'not_authed' || code === 'token_revoked' || code === 'account_inactive') {
    return `Slack rejected the token (${code}): check SLACK_BOT_TOKEN${code === 'invalid_auth' ? ' and SLACK_APP_TOKEN' : ''}.`;
  }
  if ((err as { code?: string }).code === 'EADDRINUSE') return 'the PORT for Slack is already in use: choose another PORT.';
  return `could not connect to Slack: ${code ?? (err instanceof Error ? err.message : String(err))}`;
}

/** Starts Slack in the mode the environment describes and returns once it is connected. */
export async function startSlack(app: App): Promise<RunningPlatform> {
  const mode = resolveSlackMode(app.config);
  const slack = createSlackApp(app, { mode });
  let port: number | undefined;
  try {
    ({ port } = await slack.start());
  } catch (err) {
    await slack.stop().catch(() => undefined);
    throw new Error(startupProblem(err));
  }
  app.log.info({ platform: 'slack', transport: mode.transport, port, oauth: Boolean(mode.oauth) }, describeMode(mode, port));
  return { stop: () => slack.stop() };
}
