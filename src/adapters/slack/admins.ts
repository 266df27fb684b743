import type { webApi } from '@slack/bolt';
import { decodeActionId } from '../../core/action-id.js';
import type { Router } from '../../core/router.js';
import { readServerSettings } from '../../core/server-settings.js';
import type { Member } from '../../core/types.js';
import type { Logger } from '../../log.js';
import type { StateStore } from '../../store/store.js';

const KEEP_MS = 30_000;
const MAX_KEPT = 10_000;

/**
 * Who may change a workspace's settings: its admins and owners (users.info, `users:read`), and
 * members of the configured admin user group (SLACK_ADMIN_GROUP, `usergroups:read`). Asked only
 * for admin-only commands, their buttons and forms, and remembered for half a minute so a
 * settings session does not call Slack on every click.
 */
export class SlackAdmins {
  private readonly known = new Map<string, { admin: boolean; at: number }>();

  private readonly groups = new Map<string, { members: Set<string>; at: number }>();

  constructor(
    private readonly router: Router,
    private readonly log: Logger,
    private readonly group?: string,
    private readonly store?: StateStore,
  ) {}

  /** The member field for a request to `command` (or to the command an action id belongs to). */
  async memberFor(
    client: webApi.WebClient,
    user: string,
    team: string | undefined,
    target: { command?: string; actionId?: string },
  ): Promise<Member | undefined> {
    const name = target.command ?? (target.actionId ? decodeActionId(target.actionId)?.command : undefined);
    const def = name ? this.router.command(name) : undefined;
    if (!def || (def.admin !== true && def.readsRoles !== true)) return undefined;
    const admin = await this.isAdmin(client, user, team);
    if (!def.readsRoles || !this.store) return { admin };
    // The server's advisor role is a user group on Slack: a member of it holds that role.
    const { advisorRole } = await readServerSettings(this.store, 'slack', team);
    const roles = advisorRole && (await this.inGroup(client, advisorRole, user)) ? [advisorRole] : [];
    return { admin, roles };
  }

  private async inGroup(client: webApi.WebClient, group: string, user: string): Promise<boolean> {
    const hit = this.groups.get(group);
    if (hit && Date.now() - hit.at < KEEP_MS) return hit.members.has(user);
    try {
      const res = await client.usergroups.users.list({ usergroup: group });
      const members = new Set(res.users ?? []);
      if (this.groups.size >= MAX_KEPT) this.groups.clear();
      this.groups.set(group, { members, at: Date.now() });
      return members.has(user);
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error ?? (err instanceof Error ? err.message : String(err));
      this.log.warn({ platform: 'slack', error: code }, 'could not read a user group');
      return false;
    }
  }

  async isAdmin(client: webApi.WebClient, user: string, team?: string): Promise<boolean> {
    const key = `${team ?? ''}:${user}`;
    const hit = this.known.get(key);
    if (hit && Date.now() - hit.at < KEEP_MS) return hit.admin;
    let admin = false;
    try {
      const info = await client.users.info({ user });
      const u = info.user;
      admin = u?.is_admin === true || u?.is_owner === true || u?.is_primary_owner === true;
      if (!admin && this.group) {
        const members = await client.usergroups.users.list({ usergroup: this.group });
        admin = members.users?.includes(user) === true;
      }
    } catch (err) {
      // A missing scope or an API failure never makes anyone an admin.
      const code = (err as { data?: { error?: string } }).data?.error ?? (err instanceof Error ? err.message : String(err));
      this.log.warn({ platform: 'slack', error: code }, 'could not check whether a member is an admin');
      return false;
    }
    if (this.known.size >= MAX_KEPT) this.known.clear();
    this.known.set(key, { admin, at: Date.now() });
    return admin;
  }
}
