import { z } from 'zod';
import { actionCodec } from '../src/core/actions.js';
import { type Ctx, defineCommand } from '../src/core/command.js';
import { ownerOf } from '../src/core/flow.js';
import { notice, reply, usageError } from '../src/core/reply.js';
import type { Reply } from '../src/core/types.js';

const codec = actionCodec('forget', { yes: z.tuple([]), no: z.tuple([]) });

/**
 * What is stored about the caller, one line per item or kind, in the member's own words of it:
 * each command's `mine` (drafts, checks, drills, tracker), then labelled records (forms waiting
 * to open, what they added to shared counts). Shown to the member alone.
 */
async function inventory(ctx: Ctx): Promise<{ lines: string[]; any: boolean }> {
  const owner = ownerOf(ctx);
  const [mine, stored] = await Promise.all([
    Promise.all(ctx.commands.map((c) => (c.mine ? c.mine(ctx).catch(() => [] as string[]) : Promise.resolve([])))),
    ctx.store.stored(owner, ctx.records),
  ]);
  const lines = mine.flat();
  for (const s of stored) if (s.record.label) lines.push(s.count > 1 ? `${s.record.label} (${s.count})` : s.record.label);
  // What features keep of the member inside shared records (answer votes, questions for advisors).
  const shares = (await Promise.all(ctx.forgetters.map((f) => f(ctx, false)))).flat().filter((s) => s.count > 0);
  for (const s of shares) lines.push(s.count > 1 ? `${s.what} (${s.count})` : s.what);
  // Kinds no command lists and no label names (progress of an unfinished step) still count.
  const unnamed = stored.filter((s) => !s.record.label).length;
  if (unnamed && !mine.flat().length) lines.push(`saved progress of ${unnamed} unfinished step${unnamed === 1 ? '' : 's'}`);
  return { lines, any: stored.length > 0 || shares.length > 0 || lines.length > 0 };
}

const list = (lines: string[]) => lines.map((l) => `- ${l}`).join('\n');
const NOTHING = 'There is nothing stored about you. Nothing to delete.';

async function forgetNow(ctx: Ctx, replace: boolean): Promise<Reply> {
  const before = await inventory(ctx);
  const gone = await ctx.store.forget(ownerOf(ctx), ctx.records);
  const shares = (await Promise.all(ctx.forgetters.map((f) => f(ctx, true)))).flat().filter((s) => s.count > 0);
  ctx.log.info({ command: 'forget', kinds: gone.length + shares.length }, 'forgot user data');
  if (!gone.length && !shares.length) return { ...notice(NOTHING), replace, data: { deleted: [] } };
  return {
    ...notice(
      `Done. I deleted everything stored about you:\n${list(before.lines)}\n\nNothing of yours remains, and the deleted text cannot be read back from storage.`,
    ),
    replace,
    data: { deleted: before.lines },
  };
}

export default defineCommand({
  name: 'forget',
  description: 'Delete everything stored about you: questionnaires, drafts, drills, tracker',
  personal: true,
  examples: ['/forget'],
  options: z.object({
    yes: z
      .boolean()
      .optional()
      .meta({ description: 'Delete without asking first (scripts cannot click a button)', surfaces: ['script'] }),
  }),
  async run({ yes }, ctx) {
    if (yes) return forgetNow(ctx, false);
    const { lines, any } = await inventory(ctx);
    if (!any) return notice(NOTHING);
    const ask = `This deletes everything stored about you, for good:\n${list(lines)}`;
    if (ctx.surface === 'script') {
      return usageError(`${ask}\n\nNothing was deleted. To delete it, run \`img-advisor forget --yes\`.`);
    }
    const owner = ctx.user.id;
    return reply(
      [
        { type: 'text', markdown: `${ask}\n\nDelete it?` },
        {
          type: 'buttons',
          buttons: [
            { id: codec.id(owner, 'yes'), label: 'Delete everything', style: 'danger' },
            { id: codec.id(owner, 'no'), label: 'Keep it', style: 'secondary' },
          ],
        },
      ],
      'private',
    );
  },
  async onAction(payload, _values, ctx) {
    const action = codec.decode(payload);
    if (!action) return notice('That button no longer works. Run `/forget` again.');
    if (action.kind === 'no') return { ...notice('Nothing was deleted. Everything you saved is still there.'), replace: true };
    return forgetNow(ctx, true);
  },
});
