import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewResponseAction, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { Reply } from '../../../core/types.js';
import { within } from '../../../core/within.js';
import { guarded, requestBase, type SlackContext } from '../context.js';
import { deliver } from '../deliver.js';
import { decodeModalContext, type FormBlock, fieldErrors, formToModal, submittedFields } from '../render.js';

/** What a submit must carry before anything reads it: a form id, the values, a member. Blocks may be missing. */
const submitShape = z.object({
  user: z.object({ id: z.string().min(1), name: z.string().optional() }),
  team: z.object({ id: z.string() }).nullish(),
  view: z.object({
    callback_id: z.string().min(1),
    private_metadata: z.string().optional(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }),
    blocks: z.array(z.object({ type: z.string(), block_id: z.string().optional() }).loose()).optional(),
  }),
});

/**
 * A modal submit. Every submission is acked exactly once, whatever it holds: Slack shows an error
 * after three seconds otherwise. The ack carries the outcome: field errors stay in the modal
 * (`response_action: errors`), a next form replaces it (`update`), anything else closes it and
 * the replies are posted where the form was opened. One without values (not from our modals)
 * is closed and nothing runs.
 */
export function onViewSubmission(sc: SlackContext) {
  return async ({ ack, body, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    let acked = false;
    const ackOnce: Ack = async (response) => {
      if (acked) return;
      acked = true;
      await (ack as Ack)(response);
    };
    try {
      await submit(sc, body as ViewSubmitAction, client, ackOnce);
    } catch (err) {
      sc.core.log.error({ platform: 'slack', listener: 'view', error: (err as Error).message }, 'slack view submission failed');
    } finally {
      await ackOnce().catch(() => undefined);
    }
  };
}

type Ack = (response?: ViewResponseAction) => Promise<void>;

async function submit(sc: SlackContext, raw: ViewSubmitAction, client: AllMiddlewareArgs['client'], ack: Ack): Promise<void> {
  const parsed = submitShape.safeParse(raw);
  if (!parsed.success) {
    await ack();
    sc.core.log.warn({ platform: 'slack', listener: 'view' }, 'view submission without form values closed');
    return;
  }
  const { user: who, team, view } = parsed.data;
  const user = who.id;
  const modal = decodeModalContext(view.private_metadata ?? '');
  const surface = { client, user, channel: modal.channel, direct: modal.direct === true };
  // Admin-only forms (/settings) and the advisors' forms need to know who the member is in the workspace.
  const work = sc.admins.memberFor(client, user, team?.id, { actionId: view.callback_id }).then((member) =>
    sc.core.router.handle({
      ...requestBase({ id: user, name: who.name }, modal.channel ?? `home-${user}`, surface.direct, team?.id),
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
  const inputs = (view.blocks ?? []).flatMap((blk) =>
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
}
