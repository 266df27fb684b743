import { fileURLToPath } from 'node:url';
import { discordPlatform } from '../adapters/discord/platform.js';
import type { PlatformDefinition } from '../adapters/shared/platform.js';
import { slackPlatform } from '../adapters/slack/platform.js';
import { terminalPlatform } from '../adapters/terminal/platform.js';
import type { RecordType } from '../store/record.js';

/**
 * Every platform, one line each (see definePlatform in src/adapters/shared/platform.ts). A new
 * platform is a folder under src/adapters with a platform.ts, and one line here.
 */
export const PLATFORMS: PlatformDefinition[] = [
  discordPlatform({ shardEntry: fileURLToPath(new URL('./discord-shard.js', import.meta.url)) }),
  slackPlatform,
  terminalPlatform,
];

/** Records the platform adapters keep about members (forms waiting to open, DM channels), for /forget. */
export const PLATFORM_RECORDS: RecordType<unknown>[] = [
  ...new Map(PLATFORMS.flatMap((p) => p.records).map((r) => [r.flow, r])).values(),
];
