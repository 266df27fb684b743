import { z } from 'zod';
import { defineRecord } from '../store/record.js';
import type { StateStore } from '../store/store.js';

/**
 * Per-server settings that features and adapters read (the advisors' channel and role).
 * Placeholder shape until /settings lands: one shared record per platform and server.
 */
export const serverSettingsSchema = z.object({
  advisorChannel: z.string().optional(),
  advisorRole: z.string().optional(),
});
export type ServerSettings = z.infer<typeof serverSettingsSchema>;

export const serverSettingsRecord = defineRecord('server-settings', {
  version: 1,
  personal: false,
  ttlDays: 3650,
  schema: serverSettingsSchema,
});

const serverIndex = defineRecord('server-settings-index', {
  version: 1,
  personal: false,
  ttlDays: 3650,
  schema: z.object({ servers: z.array(z.object({ platform: z.string(), server: z.string() })) }),
});

export async function getServerSettings(
  store: StateStore,
  platform: string,
  server: string | undefined,
): Promise<ServerSettings> {
  if (!server) return {};
  const loaded = await store.loadShared(serverSettingsRecord, `${platform}:${server}`);
  return loaded.status === 'found' ? loaded.value : {};
}

export async function setServerSettings(
  store: StateStore,
  platform: string,
  server: string,
  patch: ServerSettings,
): Promise<ServerSettings> {
  return store.withLock({ platform: 'shared', user: 'server-settings' }, async () => {
    const next = { ...(await getServerSettings(store, platform, server)), ...patch };
    await store.saveShared(serverSettingsRecord, `${platform}:${server}`, next);
    const idx = await store.loadShared(serverIndex, 'all');
    const servers = idx.status === 'found' ? idx.value.servers : [];
    if (!servers.some((s) => s.platform === platform && s.server === server)) {
      await store.saveShared(serverIndex, 'all', { servers: [...servers, { platform, server }] });
    }
    return next;
  });
}

/** Every server with settings, for jobs that visit each (the weekly digest). */
export async function listServers(store: StateStore): Promise<{ platform: string; server: string; settings: ServerSettings }[]> {
  const idx = await store.loadShared(serverIndex, 'all');
  const servers = idx.status === 'found' ? idx.value.servers : [];
  return Promise.all(servers.map(async (s) => ({ ...s, settings: await getServerSettings(store, s.platform, s.server) })));
}
