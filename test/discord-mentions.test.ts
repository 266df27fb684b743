import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordHarness, startDiscordHarness } from './support/discord-standin/harness.js';
import { type StandinUser, visibleText } from './support/discord-standin/index.js';

/**
 * Members ask where they talk: a mention in a channel is answered in a thread on that message,
 * follow-ups in the thread are answered there, and nothing is answered twice. The real
 * discord.js client against the stand-in, which delivers server messages as Discord does: with
 * only the Guilds, Guild Messages and Direct Messages intents, a mention's text arrives and
 * nothing else does.
 */
let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(() => h?.close());

const s = () => h.standin;
const at = () => `<@${s().bot.id}>`;
const general = () => s().channelOf(h.guildId);

async function mentionAndAnswer(u: StandinUser, question: string, channel = general()) {
  const msg = s().places.say(u, channel, `${at()} ${question}`);
  const answer = await s().waitFor(() => s().places.botMessages(msg.id)[0], 'an answer in the thread');
  return { msg, answer };
}

describe('a mention in a channel', () => {
  it('needs no privileged intent: Guilds, Guild Messages and Direct Messages only', () => {
    expect(s().identifies.map((i) => i.intents)).toEqual([(1 << 0) | (1 << 9) | (1 << 12)]);
  });

  it('is answered in a thread started on that message, named after the question', async () => {
    const ana = s().makeUser('ana');
    const { msg, answer } = await mentionAndAnswer(ana, 'how long is the clinical informatics fellowship?');
    const thread = s().places.channels.get(msg.id);
    expect(thread?.parentId).toBe(general());
    expect(thread?.name).toBe('how long is the clinical informatics fellowship?');
    expect(visibleText(answer)).toMatch(/two years|2 years|2-year|two-year/i);
    // Nothing was posted in the channel itself.
    expect(s().places.botMessages(general())).toEqual([]);
    expect(s().rejections).toEqual([]);
  });

  it('takes follow-ups in that thread (a mention, since message text is not readable without the intent)', async () => {
    const ben = s().makeUser('ben');
    const { msg } = await mentionAndAnswer(ben, 'How long is the J-1 home country requirement?');
    const thread = msg.id;
    s().places.say(ben, thread, `${at()} and can I get a waiver for it?`);
    const follow = await s().waitFor(() => s().places.botMessages(thread)[1], 'the follow-up answer');
    expect(visibleText(follow)).toMatch(/waiver|waive/i);
    // Answered in the thread, not in a new one.
    expect([...s().places.channels.values()].filter((c) => c.parentId === thread)).toEqual([]);
    // A message without the mention carries no text without Message Content: left alone.
    s().places.say(ben, thread, 'thanks!');
    await mentionAndAnswer(s().makeUser('bo'), 'what is a J-1 waiver?');
    expect(s().places.botMessages(thread)).toHaveLength(2);
  });

  it('is answered inline, as a reply, where the bot may not create threads', async () => {
    const guild = h.guildId;
    const locked = s().places.addChannel(guild, 'text', 'no-threads');
    s().places.denyThreads(locked);
    const cy = s().makeUser('cy');
    const msg = s().places.say(cy, locked, `${at()} what does cap exempt mean?`);
    const reply = await s().waitFor(() => s().places.botMessages(locked)[0], 'an inline answer');
    expect(reply.replyTo).toBe(msg.id);
    expect(visibleText(reply)).toMatch(/cap/i);
    expect(s().rejections.map((r) => r.code)).toEqual([50013]);
  });

  it('greets a bare mention instead of guessing a question', async () => {
    const di = s().makeUser('di');
    const msg = s().places.say(di, general(), at());
    const hi = await s().waitFor(() => s().places.botMessages(msg.id)[0], 'a hint');
    expect(visibleText(hi)).toMatch(/Ask me a question/);
  });
});

describe('no loops, no storms', () => {
  it('never answers a bot, itself included', async () => {
    const other = s().makeUser('helper-bot', { bot: true });
    const before = s().requests.length;
    const msg = s().places.say(other, general(), `${at()} what is cap exempt?`);
    // A member's mention afterwards is answered: the bot's was skipped, not queued.
    const eve = s().makeUser('eve');
    const { msg: theirs } = await mentionAndAnswer(eve, 'what is cap exempt?');
    expect(s().places.channels.has(msg.id)).toBe(false);
    expect(s().places.channels.has(theirs.id)).toBe(true);
    expect(
      s()
        .requests.slice(before)
        .filter((r) => r.path.includes(`/messages/${msg.id}/threads`)),
    ).toEqual([]);
  });

  it('answers a message delivered twice once', async () => {
    const rejectedBefore = s().rejections.length;
    const fay = s().makeUser('fay');
    const { msg } = await mentionAndAnswer(fay, 'is a university hospital cap exempt?');
    s().places.redeliver(msg);
    // Another member's question after the duplicate is answered, so the duplicate was handled by then.
    await mentionAndAnswer(s().makeUser('gil'), 'what is a J-1 waiver?');
    expect(s().places.botMessages(msg.id)).toHaveLength(1);
    expect(s().rejections.slice(rejectedBefore)).toEqual([]);
  });
});
