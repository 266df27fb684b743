import { z } from 'zod';
import { actionCodec } from '../src/core/actions.js';
import { type Ctx, defineCommand } from '../src/core/command.js';
import { notice, reply, usageError } from '../src/core/reply.js';
import {
  ANSWER_MODES,
  MAX_AUTO_CHANNELS,
  readServerSettings,
  type ServerSettings,
  updateServerSettings,
} from '../src/core/server-settings.js';
import type { Reply } from '../src/core/types.js';
import { applyChannels, applyLimits, channelsForm, limitsForm } from '../src/features/settings/forms.js';
import { MODE_LABEL, settingsPanel } from '../src/features/settings/view.js';

const codec = actionCodec('settings', {
  mode: z.tuple([]),
  visibility: z.tuple([]),
  here: z.tuple([z.enum(['add', 'remove'])]),
  edit: z.tuple([z.enum(['channels', 'limits'])]),
  save: z.tuple([z.enum(['channels', 'limits'])]),
});

function team(ctx: Ctx): string {
  // The router runs admin commands only in a server, so there is always one here.
  return ctx.team ?? '';
}

function panel(s: ServerSettings, ctx: Ctx, saved?: string): Reply {
  const me = ctx.user.id;
  const r = settingsPanel(
    s,
    ctx,
    {
      mode: codec.id(me, 'mode'),
      visibility: codec.id(me, 'visibility'),
      hereAdd: codec.id(me, 'here', 'add'),
      hereRemove: codec.id(me, 'here', 'remove'),
      editChannels: codec.id(me, 'edit', 'channels'),
      editLimits: codec.id(me, 'edit', 'limits'),
    },
    saved,
  );
  return saved ? { ...r, replace: true } : r;
}

async function change(ctx: Ctx, edit: (s: ServerSettings) => ServerSettings, saved: string): Promise<Reply> {
  const next = await updateServerSettings(ctx.store, ctx.platform, team(ctx), (s) => ({
    ...edit(s),
    updatedBy: ctx.user.id,
    updatedAt: ctx.now().toISOString(),
  }));
  ctx.log.info({ command: 'settings', team: ctx.team }, 'server settings changed');
  return panel(next, ctx, `Saved. ${saved} It applies from the next message.`);
}

export default defineCommand({
  name: 'settings',
  description: 'Server admins: where the bot answers, private or public answers, advisors, question limits',
  admin: true,
  surfaces: ['discord', 'slack'],
  examples: ['/settings'],
  options: z.object({}),
  async run(_input, ctx) {
    return panel(await readServerSettings(ctx.store, ctx.platform, team(ctx)), ctx);
  },
  async onAction(payload, values, ctx) {
    const action = codec.decode(payload);
    if (!action) return notice('That control is from an older version of the settings. Run `/settings` again.');
    const current = await readServerSettings(ctx.store, ctx.platform, team(ctx));
    switch (action.kind) {
      case 'mode': {
        const mode = z.enum(ANSWER_MODES).safeParse(values?.[0]);
        if (!mode.success) return notice('Pick one of the choices in the menu.');
        return change(ctx, (s) => ({ ...s, answerMode: mode.data }), `Where I answer: ${MODE_LABEL[mode.data]}.`);
      }
      case 'visibility': {
        const v = z.enum(['public', 'private']).safeParse(values?.[0]);
        if (!v.success) return notice('Pick one of the choices in the menu.');
        return change(ctx, (s) => ({ ...s, askVisibility: v.data }), `/ask and /visa answers are now ${v.data}.`);
      }
      case 'here': {
        const here = ctx.conversation.id;
        if (action.args[0] === 'remove') {
          return change(
            ctx,
            (s) => ({ ...s, autoChannels: s.autoChannels.filter((c) => c !== here) }),
            'I no longer answer new posts in this channel.',
          );
        }
        if (!current.autoChannels.includes(here) && current.autoChannels.length >= MAX_AUTO_CHANNELS) {
          return notice(`At most ${MAX_AUTO_CHANNELS} auto-answer channels: remove one first (**Channels and advisors**).`);
        }
        const hint =
          current.answerMode === 'auto'
            ? ''
            : ' Choose **Mentions and new posts in chosen channels** in the first menu to turn that on.';
        return change(
          ctx,
          (s) => ({ ...s, autoChannels: s.autoChannels.includes(here) ? s.autoChannels : [...s.autoChannels, here] }),
          `This channel is on the auto-answer list.${hint}`,
        );
      }
      case 'edit':
        return reply(
          [
            action.args[0] === 'channels'
              ? channelsForm(codec.id(ctx.user.id, 'save', 'channels'), current, ctx.platform)
              : limitsForm(codec.id(ctx.user.id, 'save', 'limits'), current, ctx.config),
          ],
          'private',
        );
      case 'save':
        return notice('Fill in the form and press **Save**.');
    }
  },
  async onSubmit(payload, fields, ctx) {
    const action = codec.decode(payload);
    if (action?.kind !== 'save') return notice('That form is from an older version of the settings. Run `/settings` again.');
    const current = await readServerSettings(ctx.store, ctx.platform, team(ctx));
    const which = action.args[0];
    const applied = which === 'channels' ? applyChannels(current, ctx.platform, fields) : applyLimits(current, fields);
    if (!applied.ok) {
      const again =
        which === 'channels'
          ? channelsForm(codec.id(ctx.user.id, 'save', 'channels'), current, ctx.platform, fields)
          : limitsForm(codec.id(ctx.user.id, 'save', 'limits'), current, ctx.config, fields);
      return [...applied.problems.map((p) => usageError(p)), reply([again], 'private')];
    }
    const { next } = applied;
    return change(
      ctx,
      (s) =>
        which === 'channels'
          ? { ...s, autoChannels: next.autoChannels, advisorChannel: next.advisorChannel, advisorRole: next.advisorRole }
          : { ...s, limits: next.limits },
      which === 'channels' ? 'Channels and advisors updated.' : 'Question limits updated.',
    );
  },
});
