/** Bot scopes the adapter uses: slash commands, posting (ephemeral too), the DM for drills, file uploads. */
export const BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'im:history', 'im:read', 'im:write', 'files:write'];

/** Events the adapter listens to: DM turns and the Home tab. */
export const BOT_EVENTS = ['app_home_opened', 'message.im'];
