import type { RespondArguments, RespondFn, webApi } from '@slack/bolt';
import { metrics } from '../../core/metrics.js';
import { notice } from '../../core/reply.js';
import type { Block, Reply } from '../../core/types.js';
import type { Logger } from '../../log.js';
import type { StateStore } from '../../store/store.js';
import type { DmChannelCache } from '../shared/dm-channels.js';
import { LIMITS, truncate } from './limits.js';
import type { CommandNaming } from './mrkdwn.js';
import { parkForm } from './pending-forms.js';
import { type FormBlock, formToModal, renderReply, type SlackMessage } from './render.js';

type WebClient = webApi.WebClient;

/** Where a request came from and what Slack lets us do in answer to it. */
export interface Surface {
  client: WebClient;
  user: string;
  /** The conversation of the request, when there is one (not for Home tab clicks). */
  channel?: string;
  /** That conversation is the member's DM with the bot. */
  direct: boolean;
  /** response_url: slash commands and clicks on messages. */
  respond?: RespondFn;
  /** Opens a modal; single use and only valid for three seconds. */
  triggerId?: string;
  /** The message a button was on, so `replace` can edit it. */
  source?: { ephemeral: boolean };
  /** Set once a DM could not be sent, so later replies do not point to it. */
  dmFailed?: boolean;
  /** Answer in this thread of `channel` (thread_ts): mentions, channel posts, the assistant. */
  thread?: string;
}

export interface DeliveryDeps {
  store: StateStore;
  log: Logger;
  naming: CommandNaming;
  dms: DmChannels;
}

/**
 * Each member's DM channel with the bot, kept in the store (adapters/shared/dm-channels.ts): a
 * drill does not reopen it every turn, and after a restart a click inside the DM is still known
 * to be there (no needless "I sent this to our direct messages").
 */
export class DmChannels {
  constructor(private readonly cache: DmChannelCache) {}

  async remember(user: string, channel: string): Promise<void> {
    await this.cache.set(user, channel);
  }

  async isDm(user: string, channel: string | undefined): Promise<boolean> {
    if (channel === undefined) return false;
    return (await this.cache.get(user).catch(() => undefined)) === channel;
  }

  async open(client: WebClient, user: string): Promise<string> {
    const known = await this.cache.get(user).catch(() => undefined);
    if (known) return known;
    const res = await client.conversations.open({ users: user });
    const id = res.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    // Remembering is a saving, not a need: a store that is away costs one more lookup next time.
    await this.remember(user, id).catch(() => undefined);
    return id;
  }
}

function errorCode(err: unknown): string {
  const data = (err as { data?: { error?: string } }).data;
  return data?.error ?? (err instanceof Error ? err.message : String(err));
}

/** Opens the form as a modal when a fresh trigger id allows it; otherwise parks it behind a button. */
async function openForm(form: FormBlock, context: Block[], s: Surface, deps: DeliveryDeps): Promise<SlackMessage | undefined> {
  if (s.triggerId) {
    const trigger = s.triggerId;
    s.triggerId = undefined;
    try {
      await s.client.views.open({
        trigger_id: trigger,
        view: formToModal(form, context, { channel: s.channel, direct: s.direct }, deps.naming),
      });
      return undefined;
    } catch (err) {
      deps.log.warn(
        { platform: 'slack', form: form.id.split('~')[0], error: errorCode(err) },
        'modal did not open; offering a button',
      );
    }
  }
  const buttonId = await parkForm(deps.store, s.user, { form, channel: s.channel, direct: s.direct });
  return {
    text: truncate(form.title, LIMITS.fallbackText),
    blocks: [
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: buttonId,
            value: buttonId,
            style: 'primary',
            text: { type: 'plain_text', text: truncate(`Open: ${form.title}`, LIMITS.buttonText) },
          },
        ],
      },
    ],
  };
}

async function post(reply: Reply, messages: SlackMessage[], s: Surface, deps: DeliveryDeps): Promise<void> {
  const { client } = s;
  for (const [i, m] of messages.entries()) {
    const replace = i === 0 && reply.replace === true && s.source !== undefined;
    const body = { text: m.text, blocks: m.blocks, ...(s.thread ? { thread_ts: s.thread } : {}) };
    if (s.direct && s.channel) {
      // In the bot's DM every visibility is private enough: post (or edit) right there.
      if (replace && s.respond) await s.respond({ ...body, replace_original: true } as RespondArguments);
      else await client.chat.postMessage({ channel: s.channel, ...body });
    } else if (reply.visibility === 'direct') {
      await postDirect({ text: m.text, blocks: m.blocks }, s, deps);
    } else if (reply.visibility === 'private') {
      // Never edit a message others can see into a private one: a new ephemeral instead.
      const replaceOk = replace && s.source?.ephemeral === true;
      if (s.respond) await s.respond({ ...body, response_type: 'ephemeral', replace_original: replaceOk } as RespondArguments);
      else if (s.channel) await client.chat.postEphemeral({ channel: s.channel, user: s.user, ...body });
      else await client.chat.postMessage({ channel: await deps.dms.open(client, s.user), ...body });
    } else if (s.respond) {
      await s.respond({ ...body, response_type: 'in_channel', replace_original: replace } as RespondArguments);
    } else if (s.channel) {
      await client.chat.postMessage({ channel: s.channel, ...body });
    } else {
      await client.chat.postMessage({ channel: await deps.dms.open(client, s.user), ...body });
    }
  }
}

const DM_CLOSED =
  'I could not send you a direct message. In Slack, open **Apps**, pick img-advisor and its **Messages** tab, then run the command again.';
const DM_POINTER = 'I sent this to our direct messages: find img-advisor under **Apps** in the sidebar.';

async function postDirect(body: SlackMessage, s: Surface, deps: DeliveryDeps): Promise<void> {
  try {
    await s.client.chat.postMessage({ channel: await deps.dms.open(s.client, s.user), ...body });
  } catch (err) {
    deps.log.warn({ platform: 'slack', error: errorCode(err) }, 'direct message failed');
    if (s.dmFailed) throw err;
    s.dmFailed = true;
    await post(notice(DM_CLOSED), renderReply(notice(DM_CLOSED), deps.naming).messages, { ...s, direct: false }, deps);
    throw err;
  }
}

async function upload(reply: Reply, files: Extract<Block, { type: 'file' }>[], s: Surface, deps: DeliveryDeps): Promise<void> {
  // Only a public reply may land in a shared channel; everything else goes to the member's DM.
  const channel = reply.visibility === 'public' && s.channel && !s.direct ? s.channel : await deps.dms.open(s.client, s.user);
  for (const f of files) {
    await s.client.files.uploadV2({ channel_id: channel, filename: f.name, title: f.name, content: f.content });
  }
}

/** The open-form button goes under the reply's own text when it fits in that message. */
function withButton(messages: SlackMessage[], button: SlackMessage): SlackMessage[] {
  const last = messages.at(-1);
  if (!last || last.blocks.length + button.blocks.length > LIMITS.blocksPerMessage) return [...messages, button];
  return [...messages.slice(0, -1), { ...last, blocks: [...last.blocks, ...button.blocks] }];
}

/** A reply for another channel (an advisors' card) or another member's DMs (an advisor's answer). */
async function deliverElsewhere(reply: Reply, to: NonNullable<Reply['deliver']>, s: Surface, deps: DeliveryDeps): Promise<void> {
  const channel = 'user' in to ? await deps.dms.open(s.client, to.user) : to.channel;
  for (const m of renderReply(reply, deps.naming).messages)
    await s.client.chat.postMessage({ channel, text: m.text, blocks: m.blocks });
}

/** Posts each reply where its visibility says, in order. One failed post does not stop the rest. */
export async function deliver(replies: Reply[], s: Surface, deps: DeliveryDeps): Promise<void> {
  // Asked in a channel and answered only in the DM: say where the answer went.
  const here = replies.filter((r) => !r.deliver);
  const pointer = !s.direct && here.length > 0 && here.every((r) => r.visibility === 'direct');
  for (const reply of pointer ? [...replies, notice(DM_POINTER)] : replies) {
    if (pointer && s.dmFailed && reply.visibility !== 'direct') break;
    try {
      if (reply.deliver) {
        await deliverElsewhere(reply, reply.deliver, s, deps);
        continue;
      }
      const rendered = renderReply(reply, deps.naming);
      let messages = rendered.messages;
      if (rendered.form) {
        const fallback = await openForm(
          rendered.form,
          reply.blocks.filter((b) => b.type !== 'form'),
          s,
          deps,
        );
        messages = fallback ? withButton(messages, fallback) : [];
      }
      await post(reply, messages, s, deps);
      if (rendered.files.length) await upload(reply, rendered.files, s, deps);
    } catch (err) {
      deps.log.error({ platform: 'slack', visibility: reply.visibility, error: errorCode(err) }, 'could not deliver a reply');
      metrics.error('slack', 'deliver');
    }
  }
}
