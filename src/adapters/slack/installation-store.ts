import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { z } from 'zod';
import { defineRecord } from '../../store/record.js';
import type { StateStore } from '../../store/store.js';

/**
 * OAuth installations (one per workspace or Enterprise org) as shared records in the state store,
 * so every process behind the same Redis serves every advising group that installed the app.
 */
const installationRecord = defineRecord('slack-installation', {
  version: 1,
  schema: z.looseObject({
    team: z.looseObject({ id: z.string() }).nullish(),
    enterprise: z.looseObject({ id: z.string() }).nullish(),
    isEnterpriseInstall: z.boolean().optional(),
  }),
  ttlDays: 3650,
  personal: false,
});

function keyOf(q: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string {
  if (q.isEnterpriseInstall && q.enterpriseId) return `enterprise-${q.enterpriseId}`;
  if (q.teamId) return `team-${q.teamId}`;
  throw new Error('an installation needs a team or an enterprise id');
}

export class StateInstallationStore implements InstallationStore {
  constructor(private readonly store: StateStore) {}

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(installation: Installation<AuthVersion, boolean>): Promise<void> {
    const key = keyOf({
      isEnterpriseInstall: installation.isEnterpriseInstall,
      enterpriseId: installation.enterprise?.id,
      teamId: installation.team?.id,
    });
    await this.store.saveShared(installationRecord, key, JSON.parse(JSON.stringify(installation)));
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const found = await this.store.loadShared(installationRecord, keyOf(query));
    if (found.status !== 'found') throw new Error(`no Slack installation for ${keyOf(query)}`);
    return found.value as unknown as Installation<'v1' | 'v2', boolean>;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.store.removeShared(installationRecord, keyOf(query));
  }

  async hasInstallation(query: InstallationQuery<boolean>): Promise<boolean> {
    return (await this.store.loadShared(installationRecord, keyOf(query))).status === 'found';
  }
}
