import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSlackApp, type SlackApp } from '../../../src/adapters/slack/app.js';
import { resolveSlackMode } from '../../../src/adapters/slack/mode.js';
import type { App } from '../../../src/app/app.js';
import { allRecords, registry, routerParts } from '../../../src/app/features.js';
import { loadConfig } from '../../../src/config.js';
import type { CommandDefinition } from '../../../src/core/command.js';
import { Router } from '../../../src/core/router.js';
import { createLogger } from '../../../src/log.js';
import { openStore } from '../../../src/store/open.js';
import type { RecordType } from '../../../src/store/record.js';
import type { StateStore } from '../../../src/store/store.js';
import { SIGNING_SECRET } from './signed.js';
import type { SlackStandin } from './standin.js';

export interface SlackUnderTest {
  core: App;
  slack: SlackApp;
  /** Where Slack would POST: http://127.0.0.1:<port>/slack/events */
  events: string;
  base: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  standin: SlackStandin;
  /** Test-only commands added after the registry's. */
  extraCommands?: CommandDefinition[];
  /** The record kinds those commands keep, for /forget. */
  extraRecords?: RecordType<unknown>[];
  env?: Record<string, string>;
  store?: StateStore;
  processBeforeResponse?: boolean;
  submitBudgetMs?: number;
  /** What the app loads before it listens (the real app loads and indexes every feature's content). */
  warm?: () => Promise<void>;
}

/**
 * The real Bolt app of the adapter on a real store (SQLite in a temp folder unless given),
 * over HTTP on a free loopback port, its Web API pointed at the stand-in.
 */
export async function startSlackHttp(opts: StartOptions): Promise<SlackUnderTest> {
  const dir = mkdtempSync(path.join(tmpdir(), 'img-advisor-slack-'));
  const config = loadConfig({
    SQLITE_PATH: path.join(dir, 'state.sqlite'),
    LOG_LEVEL: 'silent',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: opts.standin.apiUrl,
    PORT: '1',
    ...opts.env,
  });
  const log = createLogger('silent');
  const store = opts.store ?? openStore(config);
  const router = new Router({
    commands: [...registry(), ...(opts.extraCommands ?? [])],
    records: [...allRecords(), ...(opts.extraRecords ?? [])],
    forgetters: routerParts().forgetters,
    store,
    config,
    log,
  });
  const core: App = { config, log, store, router, warm: opts.warm, close: () => store.close() };
  const mode = { ...resolveSlackMode(config), port: 0 };
  const slack = createSlackApp(core, {
    mode,
    processBeforeResponse: opts.processBeforeResponse ?? true,
    clientOptions: { retryConfig: { retries: 0 } },
    autoReconnect: false,
    submitBudgetMs: opts.submitBudgetMs,
  });
  const { port } = await slack.start();
  const base = `http://127.0.0.1:${port}`;
  return {
    core,
    slack,
    base,
    events: `${base}/slack/events`,
    async stop() {
      await slack.stop().catch(() => undefined);
      await core.close();
    },
  };
}
