import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Bot, startBot } from '../../../src/adapters/discord/bot.js';
import type { App } from '../../../src/app/app.js';
import { allRecords, registry, routerParts } from '../../../src/app/features.js';
import { loadConfig } from '../../../src/config.js';
import type { CommandDefinition } from '../../../src/core/command.js';
import { Router } from '../../../src/core/router.js';
import { createLogger } from '../../../src/log.js';
import { openStore } from '../../../src/store/open.js';
import { DiscordStandin, type StandinOptions } from './server.js';

export interface DiscordHarness {
  standin: DiscordStandin;
  app: App;
  bot: Bot;
  guildId: string;
  /** Stops the bot and starts a new one on the same store: a restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real bot (real discord.js client, real router and store) connected to the stand-in.
 * `extra` commands join the registry for tests of reply shapes no real command uses yet.
 */
export async function startDiscordHarness(
  opts: {
    extra?: CommandDefinition[];
    budgetMs?: number;
    standin?: StandinOptions;
    redisUrl?: string;
    /** More environment, e.g. DISCORD_MESSAGE_CONTENT or the rate limits. */
    env?: Record<string, string>;
  } = {},
): Promise<DiscordHarness> {
  const standin = await DiscordStandin.start({ guilds: 1, ...opts.standin });
  const dir = mkdtempSync(path.join(tmpdir(), 'img-advisor-discord-'));
  const config = loadConfig({
    SQLITE_PATH: path.join(dir, 'state.sqlite'),
    REDIS_URL: opts.redisUrl,
    LOG_LEVEL: 'silent',
    DISCORD_TOKEN: standin.token,
    DISCORD_APPLICATION_ID: standin.applicationId,
    DISCORD_API_URL: standin.apiUrl,
    ...opts.env,
  });
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const store = openStore(config);
  const router = new Router({
    commands: [...registry(), ...(opts.extra ?? [])],
    records: allRecords(),
    forgetters: routerParts().forgetters,
    store,
    config,
    log,
  });
  const app: App = { config, log, store, router, close: () => store.close() };
  const start = () => startBot(app, { budgetMs: opts.budgetMs ?? 1500 });
  const h: DiscordHarness = {
    standin,
    app,
    bot: await start(),
    guildId: standin.guilds[0] ?? '',
    async restart() {
      await h.bot.stop();
      h.bot = await start();
    },
    async close() {
      await h.bot.stop();
      await app.close();
      await standin.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
