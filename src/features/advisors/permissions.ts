import type { Ctx } from '../../core/command.js';
import { readServerSettings, type ServerSettings } from '../../core/server-settings.js';

/**
 * Who may read reports and answer hand-offs: server admins, members with the server's advisor
 * role, and whoever runs the terminal (it is their own installation).
 */
export function isAdvisor(ctx: Ctx, settings: ServerSettings): boolean {
  if (ctx.platform === 'cli') return true;
  if (ctx.member?.admin) return true;
  return Boolean(settings.advisorRole && ctx.member?.roles?.includes(settings.advisorRole));
}

export async function settingsOf(ctx: Ctx): Promise<ServerSettings> {
  return readServerSettings(ctx.store, ctx.platform, ctx.team);
}
