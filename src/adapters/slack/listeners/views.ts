import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Reply } from '../../../core/types.js';
import { within } from '../../../core/within.js';
import { guarded, requestBase, type SlackContext } from '../context.js';
import { deliver } from '../deliver.js';
import { decodeModalContext, type FormBlock, fieldErrors, formToModal, submittedFields } from '../render.js';

/**
 * A modal submit. The ack carries the outcome: field errors stay in the modal
 * (`response_action: errors`), a next form replaces it (`update`), anything else closes it and
 * the replies are posted where the form was opened.
 */
export function onViewSubmission(sc: SlackContext) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const b = body as ViewSubmitAction;
    const user = b.user.id;
    const modal = decodeModalContext(view.private_metadata);
    const surface = { client, user, channel: modal.channel, direct: modal.direct === true };
    const work = sc.admins.memberFor(client, user, b.team?.id, { actionId: view.callback_id }).then((member) =>
      sc.core.router.handle({
        ...requestBase({ id: user, name: b.user.name }, modal.channel ?? `home-${user}`, surface.direct, b.team?.id),
        ...(member ? { member } : {}),
        kind: 'submit',
        formId: view.callback_id,
        fields: submittedFields(view.state.values),
      }),
    );
    const replies = await within(work, sc.submitBudgetMs);
    if (!replies) {
      await ack();
      await guarded(sc, 'view', async () => deliver(await work, surface, sc.deps));
      return;
    }
    const inputs = view.blocks.flatMap((blk) =>
      blk.type === 'input' && blk.block_id
        ? [{ id: blk.block_id, label: (blk as { label?: { text?: string } }).label?.text ?? '' }]
        : [],
    );
    const errors = fieldErrors(replies, inputs, sc.deps.naming);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    const next = replies.find((r) => r.blocks.some((blk) => blk.type === 'form'));
    const form = next?.blocks.find((blk): blk is FormBlock => blk.type === 'form');
    if (next && form) {
      const context = next.blocks.filter((blk) => blk.type !== 'form');
      await ack({ response_action: 'update', view: formToModal(form, context, modal, sc.deps.naming) });
    } else {
      await ack();
    }
    const rest: Reply[] = replies.filter((r) => r !== next);
    if (rest.length) await guarded(sc, 'view', async () => deliver(rest, surface, sc.deps));
  };
}
