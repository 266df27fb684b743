/**
 * What each way of answering needs from Slack: bot scopes and event subscriptions. The manifest
 * asks for exactly the parts a deployment uses; the README's table is this one in words.
 */
export const SLACK_PARTS = {
  /** Slash commands, replies (ephemeral too, in channels the bot was not invited to), DMs and drills, file exports, the Home tab. */
  base: {
    scopes: ['commands', 'chat:write', 'chat:write.public', 'im:history', 'im:read', 'im:write', 'files:write'],
    events: ['app_home_opened', 'message.im'],
  },
  /** /settings: is the member a workspace admin or owner (users.info). */
  admins: { scopes: ['users:read'], events: [] },
  /** SLACK_ADMIN_GROUP: members of that user group may change /settings too. */
  adminGroup: { scopes: ['usergroups:read'], events: [] },
  /** @mentions, answered in their thread; a follow-up mentions the bot again. */
  mentions: { scopes: ['app_mentions:read'], events: ['app_mention'] },
  /** Every message in channels the bot is in: auto-answer channels and follow-ups without a mention. */
  channels: { scopes: ['channels:history', 'groups:history'], events: ['message.channels', 'message.groups'] },
  /** The assistant surface: greeting, suggested prompts, status, title. */
  assistant: { scopes: ['assistant:write'], events: ['assistant_thread_started', 'assistant_thread_context_changed'] },
} as const;

/** `mentions`: answer @mentions only. `channels`: also read channel messages (auto-answer channels, follow-ups). */
export type Listening = 'mentions' | 'channels';

export interface SlackNeeds {
  listen?: Listening;
  adminGroup?: boolean;
}

export function slackScopes(needs: SlackNeeds = {}): { scopes: string[]; events: string[] } {
  const parts: (keyof typeof SLACK_PARTS)[] = ['base', 'admins', 'mentions', 'assistant'];
  if (needs.listen === 'channels') parts.push('channels');
  if (needs.adminGroup) parts.push('adminGroup');
  const scopes = new Set<string>();
  const events = new Set<string>();
  for (const p of parts) {
    for (const s of SLACK_PARTS[p].scopes) scopes.add(s);
    for (const e of SLACK_PARTS[p].events) events.add(e);
  }
  return { scopes: [...scopes], events: [...events] };
}

/** Scopes an OAuth install asks for, from the deployment's settings (SLACK_LISTEN, SLACK_ADMIN_GROUP). */
export function installScopes(config: { SLACK_LISTEN?: Listening; SLACK_ADMIN_GROUP?: string }): string[] {
  return slackScopes({ listen: config.SLACK_LISTEN, adminGroup: Boolean(config.SLACK_ADMIN_GROUP) }).scopes;
}
