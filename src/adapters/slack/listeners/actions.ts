import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { notice } from '../../../core/reply.js';
import { guarded, requestBase, type SlackContext } from '../context.js';
import { deliver, type Surface } from '../deliver.js';
import { findParkedForm, OPEN_FORM_PREFIX } from '../pending-forms.js';
import { decodeModalContext, formToModal } from '../render.js';
import { forgetFromHome, HOME_FORGET } from './home.js';

interface ElementAction {
  type: string;
  action_id: string;
  value?: string;
  selected_option?: { value: string } | null;
}

/** Our id rides in a button's value; a select's id is its action_id and its choice the value. */
export function actionOf(action: ElementAction): { id: string; values?: string[] } {
  // Buttons and Slack's feedback buttons carry our id in their value.
  if (action.type === 'button' || action.type === 'feedback_buttons') return { id: action.value || action.action_id };
  if (action.type === 'static_select')
    return { id: action.action_id, values: action.selected_option ? [action.selected_option.value] : [] };
  return { id: action.action_id };
}

/**
 * Every button and select on every message, modal or Home tab. The router checks the session
 * owner before any handler runs; a refusal comes back as a private notice, posted ephemerally.
 */
export function onAction(sc: SlackContext) {
  return async ({ ack, body, action, respond, client }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    if (body.type !== 'block_actions') return;
    const b = body as BlockAction;
    const user = b.user.id;
    const container = b.container as { type?: string; is_ephemeral?: boolean; channel_id?: string };
    const modal = b.view?.type === 'modal' ? decodeModalContext(b.view.private_metadata) : undefined;
    const channel = b.channel?.id ?? container.channel_id ?? modal?.channel;
    const direct = modal?.direct ?? (await sc.deps.dms.isDm(user, channel).catch(() => false));
    const surface: Surface = {
      client,
      user,
      channel,
      direct,
      respond: b.response_url ? respond : undefined,
      triggerId: b.trigger_id,
      source: container.type === 'message' ? { ephemeral: container.is_ephemeral === true } : undefined,
    };
    const { id, values } = actionOf(action as ElementAction);
    await guarded(sc, 'action', async () => {
      if (id === HOME_FORGET) return forgetFromHome(sc, client, user, b.team?.id);
      if (id.startsWith(OPEN_FORM_PREFIX)) {
        const parked = await findParkedForm(sc.core.store, user, id);
        if (!parked) {
          return deliver(
            [notice('That form is no longer available. Run the command again to get a fresh one.')],
            surface,
            sc.deps,
          );
        }
        await client.views.open({
          trigger_id: b.trigger_id,
          view: formToModal(parked.form, [], { channel: parked.channel, direct: parked.direct }, sc.deps.naming),
        });
        return;
      }
      const member = await sc.admins.memberFor(client, user, b.team?.id, { actionId: id });
      const replies = await sc.core.router.handle({
        ...requestBase({ id: user, name: b.user.name ?? b.user.username }, channel ?? `home-${user}`, direct, b.team?.id),
        ...(member ? { member } : {}),
        kind: 'action',
        actionId: id,
        values,
      });
      await deliver(replies, surface, sc.deps);
    });
  };
}
