import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StateInstallationStore } from '../src/adapters/slack/installation-store.js';
import { buildManifest, runManifestCli } from '../src/adapters/slack/manifest.js';
import { resolveSlackMode, SlackConfigError } from '../src/adapters/slack/mode.js';
import { registry } from '../src/app/features.js';
import { loadConfig } from '../src/config.js';
import { offeredOn } from '../src/core/router.js';
import { type Harness, makeHarness, REDIS_URL } from './support/harness.js';
import type { Json } from './support/slack-standin/standin.js';

/** Script-only commands (`report`, `proposals`) get no slash command. */
const onSlack = () => registry().filter((c) => offeredOn(c.surfaces, 'slack'));

describe('the Slack app manifest', () => {
  it('lists every registered command with the workspace prefix, for Socket Mode', () => {
    const m = buildManifest(registry(), { prefix: 'img-' }) as Json;
    const commands = m.features.slash_commands as Json[];
    expect(commands.map((c) => c.command)).toEqual(onSlack().map((c) => `/img-${c.name}`));
    expect(commands.find((c) => c.command === '/img-ask')?.usage_hint).toBe('[question]');
    for (const c of commands) {
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect(c.url).toBeUndefined();
    }
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['message.im', 'app_home_opened']));
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'im:history', 'im:write']));
  });

  it('asks for exactly the scopes and events of the listening mode', () => {
    const mentions = buildManifest(registry()) as Json;
    expect(mentions.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['app_mentions:read', 'assistant:write', 'users:read', 'commands', 'chat:write']),
    );
    expect(mentions.oauth_config.scopes.bot).not.toContain('channels:history');
    expect(mentions.oauth_config.scopes.bot).not.toContain('usergroups:read');
    expect(mentions.settings.event_subscriptions.bot_events.sort()).toEqual(
      ['app_home_opened', 'app_mention', 'assistant_thread_context_changed', 'assistant_thread_started', 'message.im'].sort(),
    );
    expect(mentions.features.assistant_view.suggested_prompts.length).toBeLessThanOrEqual(4);
    const channels = buildManifest(registry(), { listen: 'channels', adminGroup: true }) as Json;
    expect(channels.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['channels:history', 'groups:history', 'usergroups:read']),
    );
    expect(channels.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['message.channels', 'message.groups', 'app_mention']),
    );
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
    expect(runManifestCli(registry(), ['--stdout', '--listen', 'channels'], io)).toBe(0);
    expect(JSON.parse(out.join('')).settings.event_subscriptions.bot_events).toContain('message.channels');
    expect(runManifestCli(registry(), ['--stdout', '--listen', 'everything'], io)).toBe(2);
  });

  it('points every URL at the bot for HTTP mode', () => {
    const m = buildManifest(registry(), { url: 'https://advisor.example.org/' }) as Json;
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.settings.event_subscriptions.request_url).toBe('https://advisor.example.org/slack/events');
    expect(m.settings.interactivity.request_url).toBe('https://advisor.example.org/slack/events');
    expect(m.oauth_config.redirect_urls).toEqual(['https://advisor.example.org/slack/oauth_redirect']);
    expect((m.features.slash_commands as Json[]).every((c) => c.url === 'https://advisor.example.org/slack/events')).toBe(true);
  });

  it('refuses a prefix that makes a command name too long for Slack', () => {
    const long = [{ ...registry()[0], name: 'a'.repeat(30) } as ReturnType<typeof registry>[number]];
    expect(() => buildManifest(long, { prefix: 'prefix-' })).toThrow(/not a valid Slack command name/);
  });

  it('writes slack-manifest.json, or prints it with --stdout', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'img-advisor-manifest-'));
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
    expect(runManifestCli(registry(), [], io, dir)).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'slack-manifest.json'), 'utf8')).features.slash_commands.length).toBe(
      onSlack().length,
    );
    out.length = 0;
    expect(runManifestCli(registry(), ['--stdout', '--url', 'https://a.example'], io, dir)).toBe(0);
    expect(JSON.parse(out.join('')).settings.socket_mode_enabled).toBe(false);
    expect(runManifestCli(registry(), ['--url', 'nope'], io, dir)).toBe(2);
  });
});

describe('choosing how to connect', () => {
  const env = (vars: Record<string, string>) => loadConfig({ SQLITE_PATH: '/tmp/x.sqlite', ...vars });

  it('prefers Socket Mode, else HTTP on PORT (3000 by default)', () => {
    expect(
      resolveSlackMode(env({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 's' })).transport,
    ).toBe('socket');
    expect(resolveSlackMode(env({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }))).toMatchObject({
      transport: 'http',
      port: 3000,
    });
    expect(
      resolveSlackMode(env({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '8080', SLACK_COMMAND_PREFIX: 'img-' })),
    ).toMatchObject({
      port: 8080,
      prefix: 'img-',
    });
  });

  it('names what is missing in one sentence', () => {
    expect(() => resolveSlackMode(env({ SLACK_BOT_TOKEN: 'xoxb-1' }))).toThrow(SlackConfigError);
    expect(() => resolveSlackMode(env({ SLACK_BOT_TOKEN: 'xoxb-1' }))).toThrow(/SLACK_APP_TOKEN .* or SLACK_SIGNING_SECRET/);
    expect(() => resolveSlackMode(env({ SLACK_APP_TOKEN: 'xapp-1' }))).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => resolveSlackMode(env({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_CLIENT_ID: 'id' }))).toThrow(
      /missing: SLACK_CLIENT_SECRET, SLACK_STATE_SECRET/,
    );
  });

  it('turns on OAuth install when all three OAuth settings are there', () => {
    const mode = resolveSlackMode(
      env({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 's',
        SLACK_CLIENT_ID: 'id',
        SLACK_CLIENT_SECRET: 'sec',
        SLACK_STATE_SECRET: 'st',
      }),
    );
    expect(mode.oauth).toEqual({ clientId: 'id', clientSecret: 'sec', stateSecret: 'st' });
  });
});

describe('installations in the shared store (Redis)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness({ redisUrl: REDIS_URL });
  });
  afterAll(() => h?.close());

  it('stores, finds across restarts, and deletes a workspace installation', async () => {
    const team = `T${process.pid}${Date.now()}`;
    const first = new StateInstallationStore(h.app.store);
    await first.storeInstallation({
      team: { id: team, name: 'Advising group' },
      enterprise: undefined,
      user: { id: 'U1', token: undefined, scopes: undefined },
      bot: { id: 'B1', userId: 'U0BOT', token: 'xoxb-group', scopes: ['commands'] },
      tokenType: 'bot',
      isEnterpriseInstall: false,
    });
    h = await h.restart();
    const second = new StateInstallationStore(h.app.store);
    const found = await second.fetchInstallation({ teamId: team, isEnterpriseInstall: false, enterpriseId: undefined });
    expect(found.bot?.token).toBe('xoxb-group');
    await second.deleteInstallation({ teamId: team, isEnterpriseInstall: false, enterpriseId: undefined });
    await expect(second.fetchInstallation({ teamId: team, isEnterpriseInstall: false, enterpriseId: undefined })).rejects.toThrow(
      /no Slack installation/,
    );
  });
});
