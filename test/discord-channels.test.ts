import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askProbe } from './support/ask-probe.js';
import { type DiscordHarness, startDiscordHarness } from './support/discord-standin/harness.js';
import { buttonLabelled, componentsOf, modalInputs, type StandinUser, visibleText } from './support/discord-standin/index.js';

/**
 * With the Message Content intent (DISCORD_MESSAGE_CONTENT=true): follow-ups without a mention,
 * help channels and forum channels chosen in /settings, the settings themselves (admins only,
 * taking effect on the next message) and the question limit. /ask is a probe that repeats the
 * question and its conversation id, which is what follow-up context is keyed by.
 */
let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness({
    extra: [askProbe],
    standin: { guilds: 2 },
    env: { DISCORD_MESSAGE_CONTENT: 'true', RATE_LIMIT_MINUTE_SECONDS: '2' },
  });
});
afterAll(() => h?.close());

const s = () => h.standin;
const at = () => `<@${s().bot.id}>`;
const generalOf = (guild = h.guildId) => s().channelOf(guild);
const answers = (channel: string) => s().places.botMessages(channel).map(visibleText);

/** Everything after `say` has been handled once `probe` (a later mention) is answered: events run in order. */
async function settle(guild = h.guildId) {
  const probe = s().places.say(s().makeUser('probe'), generalOf(guild), `${at()} settle`);
  await s().waitFor(() => s().places.botMessages(probe.id)[0], 'the settling answer');
}

async function openSettings(admin: StandinUser, guild = h.guildId) {
  const rec = s().slash(admin, 'settings', { guildId: guild });
  return s().response(rec);
}

async function pick(admin: StandinUser, panel: Awaited<ReturnType<typeof openSettings>>, placeholder: string, value: string) {
  const menu = componentsOf(panel).find((c) => c.type === 'select' && c.label.startsWith(placeholder));
  if (!menu) throw new Error(`no menu "${placeholder}"`);
  const click = s().click(admin, panel, menu.customId, [value]);
  await s().waitFor(() => click.acknowledged, 'the settings change');
  return click;
}

describe('follow-ups in a thread', () => {
  it('asks for the privileged Message Content intent only because DISCORD_MESSAGE_CONTENT says so', () => {
    expect(s().identifies.every((i) => (i.intents & (1 << 15)) !== 0)).toBe(true);
  });

  it('are read in the thread’s conversation, from the member who asked, without a mention', async () => {
    const ana = s().makeUser('ana');
    const msg = s().places.say(ana, generalOf(), `${at()} is the J-1 two-year rule a problem?`);
    await s().waitFor(() => s().places.botMessages(msg.id)[0], 'the first answer');
    expect(answers(msg.id)[0]).toBe(`Q: is the J-1 two-year rule a problem? | conversation ${msg.id} | direct false`);
    s().places.say(ana, msg.id, 'can I get out of it?');
    await s().waitFor(() => s().places.botMessages(msg.id)[1], 'the follow-up');
    expect(answers(msg.id)[1]).toBe(`Q: can I get out of it? | conversation ${msg.id} | direct false`);
    // Someone else talking in the thread is not interrupted; a mention from them is answered.
    const ben = s().makeUser('ben');
    s().places.say(ben, msg.id, 'I had the same question');
    s().places.say(ben, msg.id, `${at()} does it apply to H-1B?`);
    await s().waitFor(() => s().places.botMessages(msg.id)[2], 'the answer to the mention');
    expect(answers(msg.id)).toHaveLength(3);
    expect(answers(msg.id)[2]).toMatch(/^Q: does it apply to H-1B\?/);
  });

  it('a channel message without a mention is left alone in mention mode', async () => {
    const cy = s().makeUser('cy');
    const msg = s().places.say(cy, generalOf(), 'anyone know about cap exempt jobs?');
    await settle();
    expect(s().places.channels.has(msg.id)).toBe(false);
  });
});

describe('/settings', () => {
  it('refuses a member without Manage Server, privately', async () => {
    const msg = await openSettings(s().makeUser('dee'));
    expect(msg.ephemeral).toBe(true);
    expect(visibleText(msg)).toMatch(/Manage Server/);
    expect(componentsOf(msg)).toEqual([]);
  });

  it('shows an admin the settings privately, and a change takes effect on the next message', async () => {
    const admin = s().makeUser('admin', { admin: true });
    const panel = await openSettings(admin);
    expect(panel.ephemeral).toBe(true);
    expect(visibleText(panel)).toMatch(/Where I answer: When mentioned/);
    await pick(admin, panel, 'Where I answer', 'auto');
    expect(visibleText(panel)).toMatch(/Saved\. Where I answer: Mentions and new posts/);
    const add = s().click(admin, panel, buttonLabelled(panel, 'Answer new posts in this channel').customId);
    await s().waitFor(() => add.acknowledged, 'the channel added');
    expect(visibleText(panel)).toMatch(new RegExp(`Auto-answer channels: <#${generalOf()}>`));

    // A new post in the listed channel is answered in its thread; an unlisted channel stays silent.
    const eli = s().makeUser('eli');
    const post = s().places.say(eli, generalOf(), 'Do I need a J-1 waiver for a fellowship?');
    await s().waitFor(() => s().places.botMessages(post.id)[0], 'an answer to the post');
    expect(answers(post.id)[0]).toMatch(/^Q: Do I need a J-1 waiver for a fellowship\?/);
    const quiet = s().places.addChannel(h.guildId, 'text', 'off-topic');
    const chat = s().places.say(eli, quiet, 'lunch anyone?');
    await settle();
    expect(s().places.channels.has(chat.id)).toBe(false);
    expect(s().places.botMessages(quiet)).toEqual([]);

    // A forum added through the form: each new post gets an answer in its own thread.
    const forum = s().places.addChannel(h.guildId, 'forum');
    const edit = s().click(admin, panel, buttonLabelled(panel, 'Channels and advisors').customId);
    await s().waitFor(() => edit.modal, 'the channels form');
    const inputs = modalInputs(edit.modal);
    expect(inputs.map((i) => i.customId)).toEqual(['channels', 'advisorChannel', 'advisorRole']);
    const saved = s().submit(admin, edit, { channels: `${generalOf()}, https://discord.com/channels/${h.guildId}/${forum}` });
    await s().waitFor(() => saved.acknowledged, 'the form saved');
    const { thread } = s().places.forumPost(eli, forum, 'Cap exempt', 'Which employers are cap exempt?');
    await s().waitFor(() => s().places.botMessages(thread)[0], 'an answer in the forum post');
    expect(answers(thread)[0]).toBe(`Q: Which employers are cap exempt? | conversation ${thread} | direct false`);

    // Off: even a mention is left alone from the next message on (DMs are still answered).
    const again = await openSettings(admin);
    await pick(admin, again, 'Where I answer', 'off');
    const ignored = s().places.say(eli, generalOf(), `${at()} hello?`);
    const other = s().places.say(eli, generalOf(), 'a new post');
    s().dm(eli, 'still there?');
    await s().waitFor(() => s().dmMessages(eli)[0], 'a DM answer');
    await pick(admin, again, 'Where I answer', 'mention');
    expect(s().places.botMessages(ignored.id)).toEqual([]);
    expect(s().places.channels.has(other.id)).toBe(false);
  });

  it('rejects a channel it cannot read, in the form, and keeps what was typed', async () => {
    const admin = s().makeUser('admin2', { admin: true });
    const panel = await openSettings(admin);
    const edit = s().click(admin, panel, buttonLabelled(panel, 'Channels and advisors').customId);
    await s().waitFor(() => edit.modal, 'the channels form');
    const saved = s().submit(admin, edit, { channels: '#help-desk' });
    const msg = await s().response(saved);
    expect(msg.ephemeral).toBe(true);
    expect(visibleText(msg)).toMatch(/could not read "#help-desk" as a channel: paste each channel's link/);
  });
});

describe('the question limit', () => {
  it('answers privately at the configured count, then stays quiet, and resets after its window', async () => {
    const guild = s().guilds[1] ?? '';
    const admin = s().makeUser('admin3', { admin: true });
    const panel = await openSettings(admin, guild);
    const edit = s().click(admin, panel, buttonLabelled(panel, 'Question limits').customId);
    await s().waitFor(() => edit.modal, 'the limits form');
    const saved = s().submit(admin, edit, { memberPerMinute: '2' });
    await s().waitFor(() => saved.acknowledged, 'the limits saved');
    expect(visibleText(await s().response(saved))).toMatch(/Each member: 2 a minute \(set here\)/);

    const fay = s().makeUser('fay');
    const ask = (n: number) => s().places.say(fay, generalOf(guild), `${at()} question ${n}`);
    const asked = [ask(1), ask(2), ask(3)];
    const dm = await s().waitFor(() => s().dmMessages(fay)[0], 'the private limit notice');
    expect(visibleText(dm)).toMatch(/You have asked 2 questions in a short time.*You can ask again in [12] seconds?/s);
    const fourth = ask(4);
    await settle(guild);
    const answered = asked.filter((m) => s().places.botMessages(m.id).length > 0);
    expect(answered).toHaveLength(2);
    expect(s().places.channels.has(fourth.id)).toBe(false);
    // Nothing was said in the channel about the limit: it was private.
    expect(
      s()
        .places.botMessages(generalOf(guild))
        .filter((m) => !m.ephemeral),
    ).toEqual([]);

    // After the window, questions are answered again (asked every 250 ms, no long sleep).
    let later: ReturnType<typeof ask> | undefined;
    for (let n = 5; n < 25 && !later; n++) {
      const m = ask(n);
      await sleep(250);
      if (s().places.botMessages(m.id).length) later = m;
    }
    expect(later && answers(later.id)[0]).toMatch(/^Q: question \d+/);
    expect(s().dmMessages(fay)).toHaveLength(1);
  });
});
