import { DiscordAPIError, type REST, RESTJSONErrorCodes, Routes } from 'discord.js';
import type { Reply } from '../../core/types.js';
import type { DmChannelCache } from '../shared/dm-channels.js';
import type { FormShelf } from './modal.js';
import type { OutgoingMessage } from './render.js';
import { renderReply } from './render.js';

/** Sends one rendered message to a channel, files as attachments. */
export async function postMessage(rest: REST, channelId: string, message: OutgoingMessage): Promise<{ id: string }> {
  const files = message.files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType }));
  return (await rest.post(Routes.channelMessages(channelId), {
    body: message.body,
    ...(files.length ? { files } : {}),
  })) as { id: string };
}

export type DirectResult = { ok: true; channelId: string } | { ok: false; reason: 'dms-closed' };

/**
 * Direct messages to members. A DM channel id never changes, so it is kept (in the store, with a
 * memory in front: see adapters/shared/dm-channels.ts) to spare a request per drill turn.
 */
export class DirectMessages {
  constructor(
    private readonly rest: REST,
    private readonly channels: DmChannelCache,
  ) {}

  async channelOf(userId: string): Promise<string> {
    const known = await this.channels.get(userId).catch(() => undefined);
    if (known) return known;
    const channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
    // Remembering is a saving, not a need: a store that is away costs one more lookup next time.
    await this.channels.set(userId, channel.id).catch(() => undefined);
    return channel.id;
  }

  /** Sends messages to the member's DMs; says so instead of throwing when their DMs are closed. */
  async send(userId: string, messages: OutgoingMessage[]): Promise<DirectResult> {
    const channelId = await this.channelOf(userId);
    try {
      for (const m of messages) await postMessage(this.rest, channelId, m);
    } catch (err) {
      if (err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser) {
        return { ok: false, reason: 'dms-closed' };
      }
      throw err;
    }
    return { ok: true, channelId };
  }
}

/** The link that opens a DM channel in the Discord app. */
export function dmLink(channelId: string): string {
  return `https://discord.com/channels/@me/${channelId}`;
}

/**
 * Renders replies for a DM channel, where nothing is ephemeral and no modal can open: a form
 * becomes a button that opens it.
 */
export async function renderForChannel(replies: Reply[], userId: string, deps: { forms: FormShelf }): Promise<OutgoingMessage[]> {
  const out: OutgoingMessage[] = [];
  for (const reply of replies) {
    let rendered = renderReply(reply, { ephemeral: false });
    if (rendered.form) {
      const formButton = await deps.forms.shelve(rendered.form, userId);
      rendered = renderReply(reply, { ephemeral: false, formButton });
    }
    out.push(...rendered.messages);
  }
  return out;
}

/** What may be logged about a failure: status and Discord's code, never URLs (they hold interaction tokens). */
export { describeError } from '../shared/describe-error.js';
