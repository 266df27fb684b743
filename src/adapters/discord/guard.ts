import { type Client, InteractionResponseType, MessageFlags, type REST, Routes } from 'discord.js';
import type { Logger } from '../../log.js';
import { describeError } from '../shared/describe-error.js';

/** A gateway packet as discord.js hands it to its handlers. */
interface Packet {
  t?: string | null;
  d?: unknown;
}

interface RawInteraction {
  id?: unknown;
  token?: unknown;
  type?: unknown;
  data?: { type?: unknown; component_type?: unknown } | null;
}

const isId = (x: unknown): x is string => typeof x === 'string' && /^\d{1,25}$/.test(x);
const isToken = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 500 && !/[\s/?#]/.test(x);

/**
 * The interactions this adapter serves: slash commands, buttons and string selects, autocomplete
 * and modal submits. Everything else (context-menu commands, user/role/channel selects, types
 * Discord adds later) gets a calm private reply instead of silence.
 */
export function isServed(d: RawInteraction): boolean {
  switch (d.type) {
    case 2:
      return d.data?.type === 1;
    case 3:
      return d.data?.component_type === 2 || d.data?.component_type === 3;
    case 4:
    case 5:
      return true;
    default:
      return false;
  }
}

export const NOT_OFFERED =
  'That is not something I can do here. Type `/help` to see what I offer; everything starts with a slash command.';
export const UNREADABLE =
  'Sorry, I could not read that request from Discord, so nothing happened and nothing of yours changed. Please try again.';

/** Answers an interaction from its raw packet alone: privately, or with no choices for autocomplete. */
export async function answerRaw(rest: REST, d: RawInteraction, text: string, log: Logger): Promise<void> {
  if (!isId(d.id) || !isToken(d.token)) return;
  const body =
    d.type === 4
      ? { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } }
      : {
          type: InteractionResponseType.ChannelMessageWithSource,
          data: { content: text, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
        };
  try {
    await rest.post(Routes.interactionCallback(d.id, d.token), { body, auth: false });
  } catch (err) {
    log.warn({ interaction: d.id, type: d.type, err: describeError(err) }, 'could not answer an interaction we do not serve');
  }
}

/**
 * The crash guard. discord.js builds its objects from gateway packets synchronously inside the
 * WebSocket's message handler, so one malformed packet (an interaction without `entitlements`, a
 * member without a user, a button without its message) throws a TypeError there, which would end
 * the process. Every packet goes through `ws.handlePacket`; wrapped, a packet that throws is
 * logged by its ids and dropped (an interaction among them gets a calm private reply), and the
 * process keeps serving. Interactions of kinds we do not serve are answered here too.
 */
export function installCrashGuard(client: Client, rest: REST, log: Logger): void {
  const ws = client.ws as unknown as { handlePacket(packet?: Packet, shard?: unknown): boolean };
  const original = ws.handlePacket.bind(ws);
  ws.handlePacket = (packet, shard) => {
    let handled: boolean;
    try {
      handled = original(packet, shard);
    } catch (err) {
      const d = (packet?.d ?? {}) as RawInteraction & { guild_id?: unknown; channel_id?: unknown };
      log.warn(
        {
          event: typeof packet?.t === 'string' ? packet.t.slice(0, 40) : undefined,
          id: isId(d.id) ? d.id : undefined,
          type: typeof d.type === 'number' ? d.type : undefined,
          guild: isId(d.guild_id) ? d.guild_id : undefined,
          err: describeError(err),
        },
        'dropped a gateway event discord.js could not read',
      );
      if (packet?.t === 'INTERACTION_CREATE') void answerRaw(rest, d, isServed(d) ? UNREADABLE : NOT_OFFERED, log);
      return true;
    }
    if (handled && packet?.t === 'INTERACTION_CREATE' && packet.d && !isServed(packet.d as RawInteraction)) {
      const d = packet.d as RawInteraction;
      log.info(
        { id: isId(d.id) ? d.id : undefined, type: d.type, subtype: d.data?.type ?? d.data?.component_type },
        'interaction kind not served',
      );
      void answerRaw(rest, d, NOT_OFFERED, log);
    }
    return handled;
  };
}
