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
import { guildIdForShard } from './snowflake.js';

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

export interface TwoBots {
  standin: DiscordStandin;
  /** One guild per shard: events of guilds[0] reach instance 0, of guilds[1] instance 1. */
  guilds: [string, string];
  apps: App[];
  bots: Bot[];
  close(): Promise<void>;
}

/**
 * Two bot instances, one gateway shard each (as two processes would be), sharing one Redis: for
 * tests of what must hold across instances.
 */
export async function startTwoBots(redisUrl: string): Promise<TwoBots> {
  const guilds: [string, string] = [guildIdForShard(0, 2), guildIdForShard(1, 2)];
  const standin = await DiscordStandin.start({ guildIds: guilds, recommendedShards: 2 });
  const dir = mkdtempSync(path.join(tmpdir(), 'img-advisor-two-bots-'));
  const apps: App[] = [];
  const bots: Bot[] = [];
  for (const shard of [0, 1]) {
    const config = loadConfig({
      SQLITE_PATH: path.join(dir, `unused-${shard}.sqlite`),
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'silent',
      DISCORD_TOKEN: standin.token,
      DISCORD_APPLICATION_ID: standin.applicationId,
      DISCORD_API_URL: standin.apiUrl,
    });
    const log = createLogger('silent');
    const store = openStore(config);
    const router = new Router({ ...routerParts(), store, config, log });
    const app: App = { config, log, store, router, close: () => store.close() };
    apps.push(app);
    bots.push(await startBot(app, { budgetMs: 1500, client: { shards: [shard], shardCount: 2 } }));
  }
  await standin.waitForShards(2);
  return {
    standin,
    guilds,
    apps,
    bots,
    async close() {
      for (const b of bots) await b.stop();
      for (const a of apps) await a.close();
      await standin.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
