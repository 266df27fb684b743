import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEngine } from '../src/features/answer/service.js';
import { type DiscordHarness, startDiscordHarness } from './support/discord-standin/harness.js';
import { buttonLabelled, componentsOf, modalInputs, type StandinMessage, visibleText } from './support/discord-standin/index.js';
import { secret, testkit } from './support/discord-standin/testkit.js';

/**
 * The real bot (discord.js client, router, SQLite store) against the Discord stand-in: what a
 * member sees in a server and in DMs, for the real commands and for the test-only commands that
 * use every reply shape.
 */
let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness({ extra: [testkit, secret] });
  await getEngine(h.app.config.contentDir); // the guide loads once; answers should not wait on it
});
afterAll(() => h?.close());

const s = () => h.standin;
const textOf = (messages: (StandinMessage | undefined)[]) => messages.map(visibleText).join('\n');

describe('slash commands in a server', () => {
  it('answers /ask publicly with the guide sections it used', async () => {
    const alice = s().makeUser('alice');
    const rec = s().slash(alice, 'ask', { guildId: h.guildId, options: { question: 'what does cap exempt mean' } });
    const msg = await s().response(rec);
    expect(msg.ephemeral).toBe(false);
    expect(visibleText(msg)).toMatch(/cap-exempt/i);
    expect(visibleText(msg)).toMatch(/Sources: /);
    expect(visibleText(msg)).toMatch(/immigration attorney/);
  });

  it('lists visa topics for /visa without a question', async () => {
    const rec = s().slash(s().makeUser(), 'visa', { guildId: h.guildId });
    expect(visibleText(await s().response(rec))).toMatch(/Visa topics in the guide/);
  });

  it('keeps /help to the member who asked', async () => {
    const rec = s().slash(s().makeUser(), 'help', { guildId: h.guildId });
    const msg = await s().response(rec);
    expect(msg.ephemeral).toBe(true);
    expect(visibleText(msg)).toMatch(/\/ask/);
    expect(visibleText(msg)).toMatch(/\/forget/);
  });

  it('answers a personal command only to its caller, whatever the command asked for', async () => {
    const rec = s().slash(s().makeUser(), 'secret', { guildId: h.guildId });
    const msg = await s().response(rec);
    expect(msg.ephemeral).toBe(true);
    expect(visibleText(msg)).toBe('Only you can see this.');
  });

  it('runs /forget privately and confirms', async () => {
    const rec = s().slash(s().makeUser(), 'forget', { guildId: h.guildId });
    const msg = await s().response(rec);
    expect(msg.ephemeral).toBe(true);
    expect(visibleText(msg)).toMatch(/nothing stored about you/i);
  });

  it('explains a bad option in words, privately', async () => {
    const rec = s().slash(s().makeUser(), 'ask', { guildId: h.guildId, options: { question: 'why '.repeat(300) } });
    const msg = await s().response(rec);
    expect(msg.ephemeral).toBe(true);
    expect(visibleText(msg)).toMatch(/question`? is too long: at most 1,000 characters/);
  });

  it('never pings anyone, even when echoing @everyone and mentions', async () => {
    const rec = s().slash(s().makeUser(), 'testkit', {
      guildId: h.guildId,
      subcommand: 'echo',
      options: { text: '@everyone look <@123456789012345678> <@&234567890123456789>' },
    });
    const msg = await s().response(rec);
    expect(visibleText(msg)).toMatch(/@everyone look/);
    expect(msg.bodies.at(-1)?.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('slash commands in DMs with the bot', () => {
  it('answers /ask in the DM itself, not ephemerally', async () => {
    const bob = s().makeUser('bob');
    const rec = s().slash(bob, 'ask', { options: { question: 'how long is the clinical informatics fellowship' } });
    const msg = await s().response(rec);
    expect(msg.channel_id).toBe(s().dmChannelOf(bob.id));
    expect(msg.ephemeral).toBe(false);
    expect(visibleText(msg)).toMatch(/two years|2 years|2-year|two-year/i);
  });

  it('runs a direct drill right there, without a pointer', async () => {
    const bob = s().makeUser('bob');
    const rec = s().slash(bob, 'testkit', { subcommand: 'drill' });
    const msg = await s().response(rec);
    expect(visibleText(msg)).toMatch(/Drill question 1/);
    expect(msg.channel_id).toBe(s().dmChannelOf(bob.id));
  });
});

describe('autocomplete', () => {
  it('suggests visa topics as the member types', async () => {
    const rec = s().autocomplete(s().makeUser(), 'visa', 'question', 'j-1', { guildId: h.guildId });
    const choices = await s().waitFor(() => rec.choices, 'choices');
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => String(c.name)).join(' ')).toMatch(/J-1/);
  });

  it('serves choices beyond Discord’s 25 itself', async () => {
    const rec = s().autocomplete(s().makeUser(), 'testkit', 'color', '2', { guildId: h.guildId, subcommand: 'pick' });
    const choices = await s().waitFor(() => rec.choices, 'choices');
    expect(choices.map((c) => c.value)).toEqual([
      'color-02',
      'color-12',
      'color-20',
      'color-21',
      'color-22',
      'color-23',
      'color-24',
      'color-25',
      'color-26',
      'color-27',
      'color-28',
      'color-29',
    ]);
  });
});

describe('buttons and menus', () => {
  it('updates the message when its owner picks from the menu', async () => {
    const carol = s().makeUser('carol');
    const shown = await s().response(s().slash(carol, 'testkit', { guildId: h.guildId, subcommand: 'pick' }));
    const menu = componentsOf(shown).find((c) => c.type === 'select');
    expect(menu?.options?.map((o) => o.label)).toEqual(['Visas', 'Interviews']);
    const click = s().click(carol, shown, menu?.customId ?? '', ['interview']);
    await s().waitFor(() => click.acknowledged, 'the click answer');
    expect(click.callbacks).toEqual([7]);
    expect(visibleText(shown)).toBe('You chose interview.');
    expect(componentsOf(shown)).toEqual([]);
  });

  it('refuses another member’s click privately and leaves the message alone', async () => {
    const owner = s().makeUser('owner');
    const other = s().makeUser('other');
    const shown = await s().response(s().slash(owner, 'testkit', { guildId: h.guildId, subcommand: 'pick' }));
    const before = JSON.stringify([shown.content, shown.embeds, shown.components]);
    const click = s().click(other, shown, buttonLabelled(shown, 'Done').customId);
    const notice = await s().response(click);
    expect(notice.ephemeral).toBe(true);
    expect(visibleText(notice)).toMatch(/someone else's session/);
    expect(JSON.stringify([shown.content, shown.embeds, shown.components])).toBe(before);
    expect(shown.edits).toBe(0);
  });

  it('says so when a button belongs to a session that has ended', async () => {
    const dave = s().makeUser('dave');
    const first = await s().response(s().slash(dave, 'testkit', { subcommand: 'drill' }));
    await s().response(s().slash(dave, 'testkit', { subcommand: 'drill' })); // a newer drill replaces it
    const click = s().click(dave, first, buttonLabelled(first, 'Skip').customId);
    const msg = await s().response(click);
    expect(visibleText(msg)).toMatch(/drill has ended or was replaced/);
  });
});

describe('forms', () => {
  it('opens a modal at once and takes the submitted fields', async () => {
    const erin = s().makeUser('erin');
    const rec = s().slash(erin, 'testkit', { guildId: h.guildId, subcommand: 'note' });
    await s().waitFor(() => rec.modal, 'a modal');
    expect(rec.callbacks).toEqual([9]);
    expect(rec.modal?.title).toBe('Your note (step 1 of 2)');
    const submit = s().submit(erin, rec, { title: 'Night shift @everyone', body: 'It went well' });
    const msg = await s().response(submit);
    expect(msg.ephemeral).toBe(true);
    expect(visibleText(msg)).toMatch(/Saved "Night shift @\u200beveryone" \(12 characters\)/);

    // The second step opens from a button: a modal cannot answer a modal.
    const next = s().click(erin, msg, buttonLabelled(msg, 'Continue').customId);
    await s().waitFor(() => next.modal, 'the second modal');
    expect(modalInputs(next.modal)[0]?.value).toBe('Pre-filled draft');
    const done = await s().response(s().submit(erin, next, { lesson: 'Ask early' }));
    expect(visibleText(done)).toBe('Lesson noted: Ask early');
  });
});

describe('when Discord refuses an answer', () => {
  it('apologises privately instead of leaving a failed interaction', async () => {
    const rec = s().slash(s().makeUser(), 'help', { guildId: h.guildId });
    s().refuse(new RegExp(`^/interactions/${rec.id}/`));
    const msg = await s().response(rec);
    expect(msg.ephemeral).toBe(true);
    expect(visibleText(msg)).toMatch(/could not show that answer/);
    s().rejections.length = 0; // the refusal was the test's own
  });
});

describe('files', () => {
  it('sends a file block as an attachment', async () => {
    const msg = await s().response(s().slash(s().makeUser(), 'testkit', { guildId: h.guildId, subcommand: 'file' }));
    expect(msg.ephemeral).toBe(true);
    expect(msg.content).toBe('Your export:');
    expect(msg.attachments.map((a) => [a.filename, a.text])).toEqual([
      ['tracker.csv', 'program,status\nMercy General,applied\n'],
    ]);
  });
});

describe('replies larger than a message', () => {
  it('splits text, fields, buttons and menu options across messages Discord accepts', async () => {
    const rec = s().slash(s().makeUser(), 'testkit', { guildId: h.guildId, subcommand: 'big' });
    await s().response(rec);
    const all = await s().waitFor(() => {
      const msgs = [rec.original, ...rec.followups];
      const opts = msgs.flatMap((m) => componentsOf(m).flatMap((c) => c.options ?? []));
      return opts.length === 40 ? msgs : undefined;
    }, 'every part of the big reply');
    const text = textOf(all);
    for (let i = 1; i <= 60; i++) expect(text).toContain(`PARA-${i} `);
    for (let i = 1; i <= 30; i++) expect(text).toContain(`value-${i}`);
    for (let i = 1; i <= 40; i++) expect(text).toContain(`Source section ${i}`);
    const buttons = all.flatMap((m) => componentsOf(m).filter((c) => c.type === 'button'));
    expect(buttons.map((b) => b.label)).toEqual(Array.from({ length: 27 }, (_, i) => `Option ${i + 1}`));
    expect(s().rejections).toEqual([]);
  });
});

afterAll(() => {
  // Every message the bot sent or edited switched mentions off.
  const bodies = [...s().messages.values()].flatMap((m) => m.bodies);
  expect(bodies.length).toBeGreaterThan(10);
  for (const b of bodies) expect(b.allowed_mentions).toEqual({ parse: [] });
});
