/**
 * The bot (or, for the baseline, a bare discord.js client replying a constant) in a process of its
 * own for the burst benchmark, so the stand-in that measures it does not share its CPU. Prints
 * `ready` once connected; stops on SIGTERM.
 */
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { startBot } from '../src/adapters/discord/bot.js';
import { createApp } from '../src/app/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';

const [mode = 'ours', apiUrl = '', token = '', sqlitePath = ''] = process.argv.slice(2);

let stop: () => Promise<void>;
if (mode === 'ours') {
  const config = loadConfig({ DISCORD_TOKEN: token, DISCORD_API_URL: apiUrl, SQLITE_PATH: sqlitePath, LOG_LEVEL: 'silent' });
  const app = createApp({ config, log: createLogger('silent') });
  const bot = await startBot(app);
  stop = async () => {
    await bot.stop();
    await app.close();
  };
} else {
  const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages], rest: { api: apiUrl } });
  client.on(Events.InteractionCreate, (i: Interaction) => {
    if (i.isChatInputCommand()) void i.reply('pong').catch(() => undefined);
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(token);
  await ready;
  stop = () => client.destroy();
}
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void stop().finally(() => process.exit(0));
});
