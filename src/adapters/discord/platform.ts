import { dmChannelRecord } from '../shared/dm-channels.js';
import { pendingFormsRecord } from '../shared/pending-forms.js';
import { definePlatform, present } from '../shared/platform.js';

/** Settings that say "run Discord" (DISCORD_API_URL alone does not: it only redirects REST calls). */
const DISCORD_SETTINGS = ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'DISCORD_GUILD_ID', 'DISCORD_SHARDS'] as const;

/**
 * Discord through discord.js, in this process or, with DISCORD_SHARDS, as shard processes started
 * from `shardEntry` (a file of the composition root, which this adapter may not import).
 */
export function discordPlatform(opts: { shardEntry: string }) {
  return definePlatform({
    name: 'discord',
    title: 'Discord',
    records: [pendingFormsRecord, dmChannelRecord],
    configured: (config) => present(config, DISCORD_SETTINGS).length > 0,
    missing: (config) => (config.DISCORD_TOKEN ? [] : ['DISCORD_TOKEN']),
    async start(runtime) {
      const { startDiscord } = await import('./index.js');
      return startDiscord(runtime, opts);
    },
  });
}
