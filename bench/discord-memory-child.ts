/**
 * One clean process for the Discord memory benchmark: connects a discord.js client to the
 * stand-in the parent runs, waits until every server has arrived, collects garbage and prints
 * its memory as one JSON line. `ours` uses the bot's client options; `default` is discord.js's
 * default caching with the same intents.
 */
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import { createDiscordClient } from '../src/adapters/discord/client.js';

const [mode = 'ours', apiUrl = '', token = ''] = process.argv.slice(2);
const client =
  mode === 'ours'
    ? createDiscordClient({ DISCORD_API_URL: apiUrl })
    : new Client({
        intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
        partials: [Partials.Channel],
        rest: { api: apiUrl },
      });
const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
await client.login(token);
await ready;
const gc = (globalThis as { gc?: () => void }).gc;
for (let i = 0; i < 3; i++) {
  gc?.();
  await new Promise((r) => setTimeout(r, 100));
}
const { rss, heapUsed } = process.memoryUsage();
process.stdout.write(`${JSON.stringify({ mode, rss, heapUsed, guildsCached: client.guilds.cache.size })}\n`);
await client.destroy();
process.exit(0);
