import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config.js';
import type { CommandDefinition } from '../../core/command.js';
import { usageOf } from '../../core/parse-text.js';
import { offeredOn } from '../../core/router.js';
import { truncate } from './limits.js';
import { SUGGESTED_PROMPTS } from './listeners/assistant.js';
import { type Listening, slackScopes } from './scopes.js';

export interface ManifestOptions {
  /** SLACK_COMMAND_PREFIX: `img-` gives /img-ask. */
  prefix?: string;
  /** Public base URL for HTTP mode (e.g. https://advisor.example.org). Absent: Socket Mode. */
  url?: string;
  name?: string;
  /** `mentions` (default) or `channels`: which messages the bot reads (SLACK_LISTEN). */
  listen?: Listening;
  /** SLACK_ADMIN_GROUP is set: ask for usergroups:read. */
  adminGroup?: boolean;
}

const SLASH_NAME = /^\/[a-z0-9_-]{1,31}$/;

/** What goes after the command name in Slack's autocomplete, read off the schema. */
export function usageHint(def: CommandDefinition): string {
  if (def.subcommands?.length) {
    const subs = def.subcommands.filter((s) => offeredOn(s.surfaces, 'slack')).map((s) => usageOf(s.name, s.options, ['slack']));
    return truncate(subs.join(' | '), 100);
  }
  return def.options ? truncate(usageOf('', def.options, ['slack']).trim(), 100) : '';
}

/** The app manifest (paste it at api.slack.com/apps → Create New App → From a manifest). */
export function buildManifest(commands: CommandDefinition[], opts: ManifestOptions = {}) {
  const prefix = opts.prefix ?? '';
  const base = opts.url?.replace(/\/+$/, '');
  const events = base ? `${base}/slack/events` : undefined;
  const slashCommands = commands
    .filter((def) => offeredOn(def.surfaces, 'slack'))
    .map((def) => {
      const command = `/${prefix}${def.name}`;
      if (!SLASH_NAME.test(command)) {
        throw new Error(
          `${command} is not a valid Slack command name (lower case, at most 32 characters with the slash): shorten SLACK_COMMAND_PREFIX.`,
        );
      }
      const hint = usageHint(def);
      return {
        command,
        description: truncate(def.description, 100),
        ...(hint ? { usage_hint: hint } : {}),
        should_escape: false,
        ...(events ? { url: events } : {}),
      };
    });
  const name = opts.name ?? 'img-advisor';
  const needs = slackScopes({ listen: opts.listen, adminGroup: opts.adminGroup });
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Guidance for IMGs aiming at U.S. clinical informatics training, from an advisor-written guide.',
      background_color: '#1d4f6e',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: true },
      assistant_view: {
        assistant_description: 'Ask about visas, programs, red flags and interviews on the way to clinical informatics.',
        suggested_prompts: SUGGESTED_PROMPTS,
      },
      slash_commands: slashCommands,
    },
    oauth_config: {
      ...(base ? { redirect_urls: [`${base}/slack/oauth_redirect`] } : {}),
      scopes: { bot: needs.scopes },
    },
    settings: {
      event_subscriptions: { ...(events ? { request_url: events } : {}), bot_events: needs.events },
      interactivity: { is_enabled: true, ...(events ? { request_url: events } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !base,
      token_rotation_enabled: false,
    },
  };
}

/**
 * `npm run slack:manifest [-- --stdout] [--url https://host] [--listen mentions|channels]`: writes
 * slack-manifest.json. `--listen` defaults to SLACK_LISTEN (else mentions).
 */
export function runManifestCli(
  commands: CommandDefinition[],
  argv: string[],
  out: { stdout(t: string): void; stderr(t: string): void },
  cwd = process.cwd(),
): number {
  const urlAt = argv.indexOf('--url');
  const url = urlAt >= 0 ? argv[urlAt + 1] : undefined;
  if (urlAt >= 0 && (!url || !URL.canParse(url))) {
    out.stderr('--url needs the public base URL of the bot, like https://advisor.example.org');
    return 2;
  }
  const listenAt = argv.indexOf('--listen');
  const listenArg = listenAt >= 0 ? argv[listenAt + 1] : undefined;
  if (listenAt >= 0 && listenArg !== 'mentions' && listenArg !== 'channels') {
    out.stderr('--listen needs `mentions` (answer @mentions only) or `channels` (also auto-answer channels and follow-ups)');
    return 2;
  }
  try {
    const config = loadConfig();
    const listen = (listenArg as Listening | undefined) ?? config.SLACK_LISTEN ?? 'mentions';
    const manifest = buildManifest(commands, {
      prefix: config.SLACK_COMMAND_PREFIX,
      url,
      listen,
      adminGroup: Boolean(config.SLACK_ADMIN_GROUP),
    });
    const json = `${JSON.stringify(manifest, null, 2)}\n`;
    if (argv.includes('--stdout')) {
      out.stdout(json);
    } else {
      const file = path.join(cwd, 'slack-manifest.json');
      writeFileSync(file, json);
      out.stdout(
        `Wrote ${file} (${url ? 'HTTP' : 'Socket Mode'}). Paste it at api.slack.com/apps, Create New App, From a manifest.\n`,
      );
    }
    return 0;
  } catch (err) {
    out.stderr(`slack manifest: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
