import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  InteractionContextType,
  InteractionResponseType,
  MessageFlags,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
  Routes,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { decodeActionId } from '../../core/action-id.js';
import type { AnyOptions, CommandDefinition } from '../../core/command.js';
import { metrics } from '../../core/metrics.js';
import { notice, reply } from '../../core/reply.js';
import type { CommandRequest, Reply, SelectOption } from '../../core/types.js';
import { within } from '../../core/within.js';
import { firstResponseBudget } from '../shared/deadline.js';
import type { BotDeps } from './deps.js';
import { describeError } from './dm.js';
import { answerRaw, UNREADABLE } from './guard.js';
import { clip, LIMITS } from './limits.js';
import { parseOpenFormId } from './modal.js';
import { discordName, optionNameMap } from './register.js';
import { type InteractionTarget, Responder } from './responder.js';

function inBotDm(i: Interaction): boolean {
  // Our commands are offered in servers and in the bot's DM only, so no server means the bot DM.
  return i.context === null || i.context === undefined ? !i.guildId : i.context === InteractionContextType.BotDM;
}

function requestBase(i: Interaction) {
  return {
    platform: 'discord' as const,
    user: { id: i.user.id, name: i.user.globalName ?? i.user.username },
    conversation: { id: i.channelId ?? `dm-${i.user.id}`, isDirect: inBotDm(i) },
    ...(i.guildId ? { team: i.guildId, member: memberOf(i) } : {}),
  };
}

/** Admin is the Manage Server permission (Administrator includes it), as Discord computed it for this interaction. */
function memberOf(i: Interaction) {
  const raw = i.member as { roles?: unknown } | null;
  const roles = Array.isArray(raw?.roles) ? raw.roles.filter((r): r is string => typeof r === 'string') : [];
  return { admin: i.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true, roles };
}

function target(i: Interaction & { token: string }, kind: InteractionTarget['kind'], personal: boolean): InteractionTarget {
  const message =
    'message' in i && i.message ? { private: inBotDm(i) || i.message.flags.has(MessageFlags.Ephemeral) } : undefined;
  return {
    id: i.id,
    createdAt: i.createdTimestamp,
    token: i.token,
    applicationId: i.applicationId,
    kind,
    userId: i.user.id,
    inBotDm: inBotDm(i),
    message,
    personal,
  };
}

/**
 * Gives the core until the budget runs out; a fast answer is the first response (so a form can
 * still open as a modal), a slow one is deferred within Discord's 3 seconds and delivered after.
 * Discord's 3 seconds run from the interaction's creation (its snowflake id), so the time it spent
 * reaching us comes off the budget, and one that is already old (a backlog, a busy machine) is
 * deferred at once rather than after a wait it cannot afford.
 */
async function answer(t: InteractionTarget, start: () => Promise<Reply[]>, deps: BotDeps): Promise<void> {
  const responder = new Responder(t, deps);
  try {
    const budget = firstResponseBudget({ createdAt: t.createdAt, now: Date.now(), budgetMs: deps.budgetMs });
    let work: Promise<Reply[]>;
    if (budget > 0) {
      work = start();
      const early = await within(work, budget);
      if (early) return await responder.deliver(early);
      await responder.defer();
    } else {
      // Already late: the acknowledgement goes out before the core's work competes with it for
      // the CPU. A backlog shows here first; operators read it as the time to add shards.
      deps.log.info({ interaction: t.id, ageMs: Date.now() - t.createdAt }, 'late interaction deferred at once');
      await responder.defer();
      work = start();
    }
    const replies = (await within(work, deps.maxWorkMs)) ?? [notice(TOO_SLOW)];
    await responder.deliver(replies);
  } catch (err) {
    // Whatever failed (a rejected payload, the store), the member should not be left with
    // "thinking…" or "This interaction failed": say so once, if the interaction still allows it.
    deps.log.warn({ interaction: t.id, kind: t.kind, err: describeError(err) }, 'discord reply failed');
    metrics.error('discord', 'deliver');
    await responder.deliver([notice(SORRY)]).catch(() => undefined);
  }
}

const TOO_SLOW = 'Sorry, that took far too long and I gave up. Nothing you saved was lost; please try again.';
const SORRY = 'Sorry, I could not show that answer. Nothing you saved was lost; please try again in a moment.';

function subcommandOf(def: CommandDefinition | undefined, name: string | null) {
  return name ? def?.subcommands?.find((s) => discordName(s.name) === name) : undefined;
}

/** Options as the schema names them, from Discord's option list (one level of subcommand). */
export function readOptions(def: CommandDefinition | undefined, data: readonly CommandInteractionOption[]) {
  const first = data[0];
  const isSub = first?.type === ApplicationCommandOptionType.Subcommand;
  const sub = isSub ? subcommandOf(def, first.name) : undefined;
  const schema: AnyOptions | undefined = isSub ? sub?.options : def?.options;
  const names = optionNameMap(schema);
  const list = isSub ? (first.options ?? []) : data;
  const options = Object.fromEntries(list.map((o) => [names.get(o.name)?.name ?? o.name, o.value]));
  return { subcommand: isSub ? (sub?.name ?? first.name) : undefined, options };
}

async function slashCommand(i: ChatInputCommandInteraction, deps: BotDeps): Promise<void> {
  const def = deps.router.command(i.commandName);
  const { subcommand, options } = readOptions(def, i.options.data);
  const req: CommandRequest = {
    ...requestBase(i),
    kind: 'command',
    command: def?.name ?? i.commandName,
    ...(subcommand ? { subcommand } : {}),
    options,
  };
  await answer(target(i, 'command', def?.personal === true), () => deps.router.handle(req), deps);
}

function personalAction(customId: string, deps: BotDeps): boolean {
  const name = decodeActionId(customId)?.command;
  return (name ? deps.router.command(name)?.personal : false) === true;
}

async function component(i: ButtonInteraction | StringSelectMenuInteraction, deps: BotDeps): Promise<void> {
  const t = target(i, 'component', personalAction(i.customId, deps));
  const open = parseOpenFormId(i.customId);
  if (open) return answer(t, () => shelvedForm(i.user.id, open, deps), deps);
  const req = {
    ...requestBase(i),
    kind: 'action' as const,
    actionId: i.customId,
    ...(i.isStringSelectMenu() ? { values: [...i.values] } : {}),
  };
  await answer(t, () => deps.router.handle(req), deps);
}

/**
 * A click on the button that stands in for a form the core could not show at once. Answered
 * like any click: found in time, the form opens as a modal; otherwise it comes back as a button.
 */
async function shelvedForm(userId: string, open: { owner: string; nonce: string }, deps: BotDeps): Promise<Reply[]> {
  if (open.owner !== userId) {
    return [notice('That form belongs to someone else, so I left it alone. Run the command yourself to get your own.')];
  }
  const form = await deps.forms.find(userId, open.nonce);
  if (!form) {
    return [
      notice(
        'That form is no longer available: forms wait for a day, and `/forget` or a newer run clears them. Run the command again.',
      ),
    ];
  }
  return [reply([form], 'private')];
}

async function modalSubmit(i: ModalSubmitInteraction, deps: BotDeps): Promise<void> {
  const fields: Record<string, string> = {};
  for (const [id, field] of i.fields.fields) {
    if ('value' in field && typeof field.value === 'string') fields[id] = field.value;
  }
  const req = { ...requestBase(i), kind: 'submit' as const, formId: i.customId, fields };
  await answer(target(i, 'submit', personalAction(i.customId, deps)), () => deps.router.handle(req), deps);
}

/** Suggestions while a member types: the command's own, or the option's choices when Discord could not list them all. */
async function autocomplete(i: AutocompleteInteraction, deps: BotDeps): Promise<void> {
  const def = deps.router.command(i.commandName);
  const focused = i.options.getFocused(true);
  const sub = subcommandOf(def, i.options.getSubcommand(false));
  const spec = optionNameMap(def?.subcommands?.length ? sub?.options : def?.options).get(focused.name);
  const partial = String(focused.value ?? '');
  let suggestions: SelectOption[] = [];
  if (spec?.choices) {
    const p = partial.toLowerCase();
    suggestions = spec.choices.filter((c) => c.toLowerCase().includes(p)).map((c) => ({ value: c, label: c }));
  } else if (def) {
    const req = {
      ...requestBase(i),
      kind: 'command' as const,
      command: def.name,
      ...(sub ? { subcommand: sub.name } : {}),
      focused: spec?.name ?? focused.name,
      partial,
    };
    suggestions = (await within(deps.router.autocomplete(req), deps.budgetMs)) ?? [];
  }
  const numeric = spec?.type === 'integer' || spec?.type === 'number';
  const choices = suggestions
    .filter(
      (s) =>
        s.label.trim() &&
        s.value.length >= 1 &&
        s.value.length <= LIMITS.choiceText &&
        (!numeric || Number.isFinite(Number(s.value))),
    )
    .slice(0, LIMITS.autocompleteChoices)
    .map((s) => ({ name: clip(s.label.trim(), LIMITS.choiceText), value: numeric ? Number(s.value) : s.value }));
  await deps.rest.post(Routes.interactionCallback(i.id, i.token), {
    body: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } },
    auth: false,
  });
}

/**
 * Every interaction the bot serves, translated to the core and answered within Discord's deadline.
 * Kinds it does not serve were answered by the crash guard (guard.ts) from the raw packet. One
 * that breaks on the way in (a field missing that discord.js did not need) gets a calm private reply.
 */
export async function handleInteraction(i: Interaction, deps: BotDeps): Promise<void> {
  try {
    if (i.isAutocomplete()) await autocomplete(i, deps);
    else if (i.isChatInputCommand()) await slashCommand(i, deps);
    else if (i.isButton() || i.isStringSelectMenu()) await component(i, deps);
    else if (i.isModalSubmit()) await modalSubmit(i, deps);
  } catch (err) {
    deps.log.warn({ interaction: i.id, type: i.type, err: describeError(err) }, 'discord interaction failed');
    metrics.error('discord', 'interaction');
    await answerRaw(deps.rest, { id: i.id, token: i.token, type: i.type }, UNREADABLE, deps.log);
  }
}
