import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { guarded, requestBase, type SlackContext } from '../context.js';
import { deliver } from '../deliver.js';
import { unescapeSlack } from '../mrkdwn.js';

/** `/img-ask` with prefix `img-` is the registry's `ask`. */
export function commandName(slash: string, prefix: string): string {
  const bare = slash.replace(/^\//, '').toLowerCase();
  return prefix && bare.startsWith(prefix) ? bare.slice(prefix.length) : bare;
}

/**
 * Every slash command, whatever the registry holds: ack at once (Slack's three seconds), then let
 * the router parse the text against the command's schema and post the replies.
 */
export function onCommand(sc: SlackContext) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await guarded(sc, 'command', async () => {
      const direct = await sc.deps.dms.isDm(command.user_id, command.channel_id);
      const name = commandName(command.command, sc.deps.naming.prefix);
      const member = await sc.admins.memberFor(client, command.user_id, command.team_id, { command: name });
      const replies = await sc.core.router.handle({
        ...requestBase({ id: command.user_id, name: command.user_name }, command.channel_id, direct, command.team_id),
        ...(member ? { member } : {}),
        kind: 'command',
        command: name,
        text: unescapeSlack(command.text ?? ''),
      });
      await deliver(
        replies,
        { client, user: command.user_id, channel: command.channel_id, direct, respond, triggerId: command.trigger_id },
        sc.deps,
      );
    });
  };
}
