import { DiscordAPIError, InteractionResponseType, MessageFlags, RESTJSONErrorCodes, Routes } from 'discord.js';
import { notice } from '../../core/reply.js';
import type { Reply } from '../../core/types.js';
import type { BotDeps } from './deps.js';
import { type DirectResult, dmLink, postMessage } from './dm.js';
import { modalFor } from './modal.js';
import { asReplacement, type MessageBody, type OutgoingMessage, renderReply } from './render.js';

/** Discord's answers when an interaction's token can no longer be used. */
const TOKEN_GONE = new Set<number>([RESTJSONErrorCodes.UnknownInteraction, RESTJSONErrorCodes.UnknownWebhook]);

/** What the responder needs to know about the interaction it answers. */
export interface InteractionTarget {
  id: string;
  /** When Discord created it (from the id): the 3-second window starts there. */
  createdAt: number;
  token: string;
  applicationId: string;
  kind: 'command' | 'component' | 'submit';
  userId: string;
  /** In the DM with the bot: nothing needs to be ephemeral and `direct` is right here. */
  inBotDm: boolean;
  /** The message the component (or the modal opened from one) sits on; `private` when only this member sees it. */
  message?: { private: boolean };
  /** A personal command: a deferred reply starts out ephemeral. */
  personal: boolean;
}

const UNDELIVERED = 'The member’s direct messages are closed, so the answer could not reach them. It is kept on the card.';

type State =
  /** Nothing sent yet: the 3-second window is open. */
  | 'fresh'
  /** "Thinking…" is shown; @original waits for the first reply. */
  | 'deferred-reply'
  /** A click was acknowledged silently; @original is the clicked message. */
  | 'deferred-update'
  /** A modal was shown: the interaction is spent. */
  | 'modal'
  | 'answered';

export function dmPointer(result: DirectResult): Reply {
  if (result.ok) {
    return notice(`I sent that to our direct messages, where only you can see it: ${dmLink(result.channelId)}`);
  }
  return notice(
    [
      'I could not send you a direct message: your DMs are closed to members of this server.',
      'To open them, click the server name, choose **Privacy Settings** and turn on **Direct Messages** (or allow direct messages from server members under **User Settings > Privacy & Safety**). Then run the command again.',
    ].join('\n'),
  );
}

/**
 * Delivers the core's replies for one interaction, whatever state it is in: first response,
 * after a defer, after a modal. It picks ephemeral or public per reply, replaces the clicked
 * message only when the core asked and it is safe (never turning a public message private or
 * the reverse), sends `direct` replies to the member's DMs with a private pointer, shows forms
 * as modals when that can still be the first response, and otherwise as a button that opens them.
 */
export class Responder {
  private state: State = 'fresh';
  private deferredEphemeral = false;
  /** @original is the clicked message (after an update or a deferred update), so it can be edited. */
  private originalIsSource = false;
  private pointed = false;

  constructor(
    private readonly t: InteractionTarget,
    private readonly deps: Pick<BotDeps, 'rest' | 'dms' | 'forms'> & { log?: BotDeps['log'] },
  ) {}

  /** Acknowledges within the deadline while the core keeps working. */
  async defer(): Promise<void> {
    if (this.state !== 'fresh') return;
    if (this.t.message) {
      await this.callback({ type: InteractionResponseType.DeferredMessageUpdate });
      this.state = 'deferred-update';
      this.originalIsSource = true;
      return;
    }
    this.deferredEphemeral = this.t.personal && !this.t.inBotDm;
    await this.callback({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: this.deferredEphemeral ? { flags: MessageFlags.Ephemeral } : {},
    });
    this.state = 'deferred-reply';
  }

  async deliver(replies: Reply[]): Promise<void> {
    // A DM can take seconds (a 429 on the DM route is waited out) and the interaction only has
    // three: it is acknowledged before any DM goes out, and a DM still goes if that fails.
    if (this.state === 'fresh' && !this.t.inBotDm && replies.some((r) => r.visibility === 'direct')) {
      await this.defer();
    }
    for (const reply of replies) {
      if (this.state === 'modal') break; // nothing can follow a modal; its submit brings the next answer
      await this.one(reply);
    }
    await this.finish();
  }

  /**
   * The interaction's token no longer works (expired, or Discord lost the interaction): nothing
   * more can be said through it, but DMs, which do not need it, are still delivered.
   */
  private dead = false;

  /** Runs a call that needs the interaction token; a dead token makes it a no-op instead of an error. */
  private async viaToken(call: () => Promise<unknown>): Promise<void> {
    if (this.dead) return;
    try {
      await call();
    } catch (err) {
      if (err instanceof DiscordAPIError && TOKEN_GONE.has(Number(err.code))) {
        this.dead = true;
        this.deps.log?.warn({ interaction: this.t.id, code: err.code }, 'interaction token no longer valid; DMs continue');
        return;
      }
      throw err;
    }
  }

  private async one(reply: Reply): Promise<void> {
    if (reply.deliver) {
      await this.elsewhere(reply, reply.deliver);
      return;
    }
    const direct = reply.visibility === 'direct' && !this.t.inBotDm;
    const ephemeral = !direct && !this.t.inBotDm && (reply.visibility !== 'public' || reply.error !== undefined);
    let rendered = renderReply(reply, { ephemeral });
    if (rendered.form) {
      if (this.state === 'fresh' && this.t.kind !== 'submit') {
        // A modal must be the first response. The reply's other blocks introduce the form on
        // platforms without modals; here the modal's title and labels do that.
        await this.callback({ type: InteractionResponseType.Modal, data: modalFor(rendered.form) });
        this.state = 'modal';
        return;
      }
      const formButton = await this.deps.forms.shelve(rendered.form, this.t.userId);
      rendered = renderReply(reply, { ephemeral, formButton });
    }
    if (direct) {
      const result = await this.deps.dms.send(this.t.userId, rendered.messages);
      if (!this.pointed || !result.ok) {
        this.pointed = true;
        for (const m of renderReply(dmPointer(result), { ephemeral: true }).messages) await this.post(m, true);
      }
      return;
    }
    const [first, ...rest] = rendered.messages;
    if (!first) return;
    const replace =
      reply.replace === true &&
      !reply.error &&
      this.t.message !== undefined &&
      (this.t.inBotDm || this.t.message.private === ephemeral);
    if (replace) await this.update(first);
    else await this.post(first, ephemeral);
    for (const m of rest) await this.post(m, ephemeral);
  }

  /** A reply for another channel (an advisors' card) or another member's DMs (an advisor's answer). */
  private async elsewhere(reply: Reply, to: NonNullable<Reply['deliver']>): Promise<void> {
    const { messages } = renderReply(reply, { ephemeral: false });
    if ('user' in to) {
      const result = await this.deps.dms.send(to.user, messages);
      if (!result.ok) {
        for (const m of renderReply(notice(UNDELIVERED), { ephemeral: true }).messages) await this.post(m, true);
      }
      return;
    }
    for (const m of messages) await postMessage(this.deps.rest, to.channel, m);
  }

  /** Replaces the clicked message. */
  private async update(m: OutgoingMessage): Promise<void> {
    const body = asReplacement(m.body);
    if (this.state === 'fresh') {
      await this.callback({ type: InteractionResponseType.UpdateMessage, data: body }, m);
      this.state = 'answered';
      this.originalIsSource = true;
    } else if (this.originalIsSource) {
      await this.editOriginal(body, m);
    } else {
      await this.followUp(m.body, m);
    }
  }

  /** Posts a new message (the first response, the deferred reply, or a follow-up). */
  private async post(m: OutgoingMessage, ephemeral: boolean): Promise<void> {
    if (this.state === 'fresh') {
      await this.callback({ type: InteractionResponseType.ChannelMessageWithSource, data: m.body }, m);
      this.state = 'answered';
      return;
    }
    if (this.state === 'deferred-reply') {
      this.state = 'answered';
      if (ephemeral === this.deferredEphemeral) {
        await this.editOriginal(asReplacement(m.body), m);
        return;
      }
      // "Thinking…" was shown publicly (or privately) and this reply is the other kind: it
      // cannot change visibility, so it goes and the reply comes as its own message.
      await this.deleteOriginal();
    }
    await this.followUp(m.body, m);
  }

  private async finish(): Promise<void> {
    if (this.state === 'fresh') {
      if (this.t.message) await this.callback({ type: InteractionResponseType.DeferredMessageUpdate });
      else await this.post(renderReply(notice('Done.'), { ephemeral: !this.t.inBotDm }).messages[0] as OutgoingMessage, true);
    } else if (this.state === 'deferred-reply') {
      await this.deleteOriginal();
      this.state = 'answered';
    }
  }

  private files(m?: OutgoingMessage) {
    return m?.files.length ? { files: m.files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType })) } : {};
  }

  private async callback(body: { type: InteractionResponseType; data?: unknown }, m?: OutgoingMessage): Promise<void> {
    await this.viaToken(() =>
      this.deps.rest.post(Routes.interactionCallback(this.t.id, this.t.token), { body, auth: false, ...this.files(m) }),
    );
  }

  private async editOriginal(body: MessageBody, m: OutgoingMessage): Promise<void> {
    await this.viaToken(() =>
      this.deps.rest.patch(Routes.webhookMessage(this.t.applicationId, this.t.token, '@original'), {
        body,
        auth: false,
        ...this.files(m),
      }),
    );
  }

  private async deleteOriginal(): Promise<void> {
    await this.viaToken(() =>
      this.deps.rest.delete(Routes.webhookMessage(this.t.applicationId, this.t.token, '@original'), { auth: false }),
    );
  }

  private async followUp(body: MessageBody, m: OutgoingMessage): Promise<void> {
    await this.viaToken(() =>
      this.deps.rest.post(Routes.webhook(this.t.applicationId, this.t.token), { body, auth: false, ...this.files(m) }),
    );
  }
}
