import { expect } from 'vitest';
import { uniqueUser } from '../harness.js';
import type { SlackUnderTest } from './app.js';
import { postCommand, postInteraction } from './signed.js';
import { BOT, fixture, type Json, type SlackStandin } from './standin.js';

let clicks = 0;

/** A click as Slack sends it (fixture shape) on a message in a channel, with its own response_url. */
export function clickPayload(
  standin: SlackStandin,
  user: string,
  element: Json,
  opts: { channel?: string; ephemeral?: boolean; container?: Json } = {},
) {
  const responseId = `act-${Date.now()}-${++clicks}`;
  const base = fixture<Json>('block-actions');
  const channel = opts.channel ?? 'C0ADVISING';
  const payload = {
    ...base,
    user: { ...base.user, id: user },
    team: { id: BOT.team, domain: 'example' },
    channel: { id: channel, name: 'advising' },
    container: opts.container ?? { ...base.container, channel_id: channel, is_ephemeral: opts.ephemeral ?? false },
    response_url: standin.responseUrl(responseId),
    trigger_id: `trigger-${Date.now()}-${clicks}`,
    actions: [{ ...element, block_id: 'b1', action_ts: '1548426417.840180' }],
  };
  return { payload, responseId, triggerId: payload.trigger_id };
}

let commands = 0;

/**
 * A slash command as Slack sends it (fixture shape) from a member in a channel, with its own
 * response_url on the stand-in and its own trigger id.
 */
export function slashPayload(
  standin: SlackStandin,
  command: string,
  text: string,
  user: string,
  opts: { channel?: string; team?: string; userName?: string; responseId?: string; extra?: Record<string, string> } = {},
) {
  const n = ++commands;
  const responseId = opts.responseId ?? `cmd-${Date.now()}-${n}`;
  const fields = {
    ...fixture<Record<string, string>>('slash-command'),
    command,
    text,
    user_id: user,
    user_name: opts.userName ?? 'amina',
    team_id: opts.team ?? BOT.team,
    channel_id: opts.channel ?? 'C0ADVISING',
    response_url: standin.responseUrl(responseId),
    trigger_id: `trigger-${Date.now()}-${n}`,
    ...opts.extra,
  };
  return { fields, responseId, triggerId: fields.trigger_id };
}

/** A modal submission as Slack sends it; returns the app's response body (errors, update) or {}. */
export async function submitView(app: SlackUnderTest, user: string, view: Json, values: Record<string, string>): Promise<Json> {
  const base = fixture<Json>('view-submission');
  const state = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, { value: { type: 'plain_text_input', value: v } }]),
  );
  const payload = {
    ...base,
    user: { ...base.user, id: user },
    team: { id: BOT.team, domain: 'example' },
    view: { ...base.view, ...view, state: { values: state } },
  };
  const res = await postInteraction(app.events, payload);
  expect(res.status).toBe(200);
  const body = await res.text();
  return body ? (JSON.parse(body) as Json) : {};
}

/**
 * What a member does in Slack, as Slack sends it (fixture shapes, signed): a slash command with
 * its own response_url, a click on a message, a modal submission.
 */
export function slackRequests(standin: () => SlackStandin, app: () => SlackUnderTest, channel = 'C0ADVISING') {
  return {
    async send(command: string, text: string, user: string) {
      const { fields, responseId } = slashPayload(standin(), command, text, user, { channel, userName: 'member' });
      expect((await postCommand(app().events, fields)).status).toBe(200);
      return { responseId, triggerId: fields.trigger_id };
    },
    async click(user: string, element: Json, opts: { channel?: string } = {}) {
      const c = clickPayload(standin(), user, element, { channel: opts.channel ?? channel });
      expect((await postInteraction(app().events, c.payload)).status).toBe(200);
      return { responseId: c.responseId, triggerId: c.triggerId };
    },
    async submitView(user: string, view: Json, values: Record<string, string>) {
      return submitView(app(), user, view, values);
    },
  };
}

/** The interactive elements of Block Kit blocks, buttons and feedback buttons alike, by label. */
export function elementsOf(blocks: Json[] | undefined): { label: string; element: Json }[] {
  return (blocks ?? []).flatMap((b) => {
    if (b.type === 'actions') return (b.elements as Json[]).map((e) => ({ label: String(e.text?.text ?? ''), element: e }));
    if (b.type === 'context_actions') {
      return (b.elements as Json[]).flatMap((e) =>
        e.type === 'feedback_buttons'
          ? [
              {
                label: String(e.positive_button.text.text),
                element: { type: 'feedback_buttons', action_id: e.action_id, value: e.positive_button.value },
              },
              {
                label: String(e.negative_button.text.text),
                element: { type: 'feedback_buttons', action_id: e.action_id, value: e.negative_button.value },
              },
            ]
          : [],
      );
    }
    return [];
  });
}

export const textOfBlocks = (blocks: Json[] | undefined): string =>
  JSON.stringify(blocks ?? [])
    .replace(/\\n/g, '\n')
    .replace(/\\"/g, '"');

/** A fresh Slack member id (U + 12 letters and digits), unique per test run like uniqueUser. */
export const slackMember = () =>
  `U${uniqueUser()
    .id.replace(/[^a-z0-9]/gi, '')
    .toUpperCase()
    .slice(-12)}`;
