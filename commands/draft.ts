import { z } from 'zod';
import type { Ctx } from '../src/core/command.js';
import { defineCommand, subcommand } from '../src/core/command.js';
import { ownerOf, runFlow } from '../src/core/flow.js';
import { newNonce } from '../src/core/nonce.js';
import { notice } from '../src/core/reply.js';
import { neutralize } from '../src/core/sanitize.js';
import type { Reply } from '../src/core/types.js';
import type { DraftKind } from '../src/features/drafts/fields.js';
import { type DraftEvent, step } from '../src/features/drafts/flow.js';
import { getDraftLexicon } from '../src/features/drafts/lexicon.js';
import { DRAFTS_RECORD, EMPTY_STATE, isEmpty, pruneExpired, refSchema } from '../src/features/drafts/records.js';
import { scriptedDraft, scriptedList } from '../src/features/drafts/script.js';
import { TONES } from '../src/features/drafts/tone.js';
import { COMMAND, codec } from '../src/features/drafts/view.js';

/** One turn of the drafts flow: load, step, save under the member's lock (the flow runner). */
async function run(ctx: Ctx, ev: DraftEvent): Promise<Reply[]> {
  const lexicon = await getDraftLexicon(ctx.config.contentDir);
  // The terminal asks one field at a time, so each answer is checked as it is typed.
  const layout = ctx.platform === 'cli' ? 'fields' : 'modal';
  return runFlow(ctx, { record: DRAFTS_RECORD, command: COMMAND }, (stored) => {
    const before = stored ? pruneExpired(stored, ctx.now()) : EMPTY_STATE;
    const env = { owner: ctx.user.id, now: ctx.now(), newId: newNonce, lexicon, layout } as const;
    const { state, replies } = step(before, ev, env);
    // Ids and counts only: drafts are personal and never logged.
    ctx.log.info(
      { command: COMMAND, event: ev.type, op: ev.type === 'action' ? ev.op : undefined, saved: state.saved.length },
      'draft',
    );
    if (isEmpty(state)) return { state: stored ? null : undefined, replies };
    return { state: state === stored ? undefined : state, replies };
  });
}

/** Scripts only: the facts as a JSON file, and the style the chat's buttons would set. */
const scriptOptions = {
  input: z
    .string()
    .max(100_000)
    .optional()
    .meta({ description: 'A JSON file of the fields (- reads stdin)', file: true, surfaces: ['script'] }),
  tone: z
    .enum(TONES)
    .optional()
    .meta({ description: 'plain, neutral (the default) or warm', surfaces: ['script'] }),
  short: z
    .boolean()
    .optional()
    .meta({ description: 'The shorter version', surfaces: ['script'] }),
  save: z
    .boolean()
    .optional()
    .meta({ description: 'Keep the draft with your saved drafts', surfaces: ['script'] }),
};

const kindSub = (kind: DraftKind, description: string) =>
  subcommand({
    name: kind,
    description,
    options: z.object(scriptOptions),
    examples: [`/draft ${kind}`],
    run: ({ input, tone, short, save }, ctx) =>
      ctx.surface === 'script'
        ? scriptedDraft(ctx, kind, { input, save, style: { tone: tone ?? 'neutral', short: short === true } })
        : run(ctx, { type: 'start', kind }),
  });

const selectValues = z.array(refSchema).length(1);
const formFields = z.record(z.string().max(40), z.string().max(4000));

export default defineCommand({
  name: 'draft',
  description: 'Draft a gap explanation, exam-failure explanation or disclosure from your facts (private)',
  personal: true,
  async mine(ctx) {
    const stored = await ctx.store.get(DRAFTS_RECORD, ownerOf(ctx));
    return pruneExpired(stored ?? EMPTY_STATE, ctx.now()).saved.map(
      (d) => `Saved ${d.draft.kind} draft: ${neutralize(d.title)} (${d.savedAt.slice(0, 10)})`,
    );
  },
  subcommands: [
    kindSub('gap', 'Explain a gap in training: Reason, Responsibility, Relevance, Recovery'),
    kindSub('failure', 'Explain a failed exam attempt: Context, Insight, Change'),
    kindSub('disclosure', 'Disclose a warning or probation calmly: what, ownership, actions, since'),
    subcommand({
      name: 'list',
      description: 'Your saved drafts: open, copy or delete them',
      options: z.object({}),
      examples: ['/draft list'],
      run: async (_input, ctx) => (ctx.surface === 'script' ? scriptedList(ctx) : run(ctx, { type: 'list' })),
    }),
  ],
  async onAction(payload, values, ctx) {
    const action = codec.decode(payload);
    if (!action || action.kind === 'form') {
      return notice('That button is from an older version of this bot. Run `/draft list` or start a new draft.');
    }
    if (action.kind === 'open') return run(ctx, { type: 'open', ref: action.args[0], step: action.args[1] });
    const [ref] = action.args;
    if (action.kind !== 'pick') return run(ctx, { type: 'action', op: action.kind, ref });
    const chosen = selectValues.safeParse(values);
    if (!chosen.success) return notice('Pick one draft from the list.');
    return run(ctx, { type: 'action', op: 'pick', ref, values: chosen.data });
  },
  async onSubmit(payload, fields, ctx) {
    const action = codec.decode(payload);
    const values = formFields.safeParse(fields);
    if (action?.kind !== 'form' || !values.success) {
      return notice('That form is from an older version of this bot. Start again with `/draft gap`.');
    }
    const [formStep, kind, nonce] = action.args;
    return run(ctx, { type: 'submit', step: formStep, kind, nonce, fields: values.data });
  },
});
