import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateServerSettings } from '../src/core/server-settings.js';
import { runScript } from './support/script.js';
import { type SlackUnderTest, startSlackHttp } from './support/slack-standin/app.js';
import { elementsOf, slackMember, slackRequests, textOfBlocks } from './support/slack-standin/requests.js';
import { BOT, type Json, SlackStandin } from './support/slack-standin/standin.js';

/**
 * Advisors in the loop on Slack (the real Bolt app, signed requests): Slack's own feedback
 * buttons under an answer, and a hand-off whose card goes to the advisor channel and whose answer
 * reaches the member alone.
 */
let standin: SlackStandin;
let app: SlackUnderTest;
const ADVISORS = 'C0ADVISORS';
const GROUP = 'S0ADVISORS';
const slack = slackRequests(
  () => standin,
  () => app,
);
const member = slackMember;

beforeAll(async () => {
  standin = await new SlackStandin().start();
  app = await startSlackHttp({ standin });
  await updateServerSettings(app.core.store, 'slack', BOT.team, (s) => ({ ...s, advisorChannel: ADVISORS, advisorRole: GROUP }));
});
afterAll(async () => {
  await app?.stop();
  await standin?.stop();
});

const pick = (blocks: Json[] | undefined, label: RegExp) => {
  const hit = elementsOf(blocks).find((e) => label.test(e.label));
  if (!hit) throw new Error(`no ${label} in ${JSON.stringify(elementsOf(blocks).map((e) => e.label))}`);
  return hit.element;
};

async function report() {
  return JSON.parse((await runScript(app.core, ['report', '--json'])).stdout).report as {
    feedback: { section: string; up: number; down: number }[];
    handoffs: { open: number; answered: number };
  };
}

describe('feedback on Slack', () => {
  it('shows Slack’s feedback buttons under an answer; two 👍 from one member count once', async () => {
    const ana = member();
    const asked = await slack.send('/ask', 'what does cap exempt mean', ana);
    const answer = await standin.waitForResponse(asked.responseId);
    const blocks = answer.body.blocks as Json[];
    expect(blocks.some((b) => b.type === 'context_actions')).toBe(true);
    const up = pick(blocks, /Helpful/);
    const section = String(up.value).split('~').at(-1);
    const before = (await report()).feedback.find((f) => f.section === section)?.up ?? 0;
    await slack.click(ana, up);
    await slack.click(ana, up);
    expect((await report()).feedback.find((f) => f.section === section)?.up).toBe(before + 1);
  });
});

describe('a hand-off on Slack', () => {
  it('posts an anonymous card to the advisor channel; an advisor’s answer goes to the member’s DM only', async () => {
    const cy = member();
    const asked = await slack.send('/ask', 'what is the filing fee for an O-1 visa petition', cy);
    const declined = await standin.waitForResponse(asked.responseId);
    const open = await slack.click(cy, pick(declined.body.blocks as Json[], /Ask an advisor/));
    const form = (await standin.waitForCall('views.open', (c) => c.args.trigger_id === open.triggerId)).args.view as Json;
    const question = 'Does a sponsoring hospital usually pay the O-1 attorney fees for a fellow?';
    await slack.submitView(cy, form, { question });
    const preview = await standin.waitForCall('chat.postEphemeral', (c) =>
      textOfBlocks(c.args.blocks as Json[]).includes(question),
    );
    await slack.click(cy, pick(preview.args.blocks as Json[], /anonymously/));
    const card = await standin.waitForCall('chat.postMessage', (c) => c.args.channel === ADVISORS);
    expect(textOfBlocks(card.args.blocks as Json[])).toContain(question);
    expect(textOfBlocks(card.args.blocks as Json[])).toMatch(/anonymous/);
    expect(JSON.stringify(card.args)).not.toContain(cy);

    // A member outside the advisor group is refused; one in it answers.
    const answerButton = pick(card.args.blocks as Json[], /^Answer$/);
    const bystander = member();
    const refused = await slack.click(bystander, answerButton, { channel: ADVISORS });
    expect(textOfBlocks((await standin.waitForResponse(refused.responseId)).body.blocks as Json[])).toMatch(
      /Only the server’s advisors/,
    );
    const advisor = member();
    standin.groups.set(GROUP, [advisor]);
    const answering = await slack.click(advisor, answerButton, { channel: ADVISORS });
    const answerForm = (await standin.waitForCall('views.open', (c) => c.args.trigger_id === answering.triggerId)).args
      .view as Json;
    const reply = 'Often yes at academic centers, but ask the GME office: the practice differs between hospitals.';
    await slack.submitView(advisor, answerForm, { answer: reply, propose: 'no' });
    const opened = await standin.waitForCall('conversations.open', (c) => c.args.users === cy);
    expect(opened).toBeDefined();
    const dm = await standin.waitForCall('chat.postMessage', (c) => textOfBlocks(c.args.blocks as Json[]).includes(reply));
    expect(dm.args.channel).not.toBe(ADVISORS);
    expect(standin.calls.filter((c) => c.method === 'conversations.open' && c.args.users === bystander)).toEqual([]);
    expect((await report()).handoffs.answered).toBeGreaterThanOrEqual(1);
  });
});
