import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordHarness, startDiscordHarness } from './support/discord-standin/harness.js';
import { buttonLabelled, type StandinUser, visibleText } from './support/discord-standin/index.js';
import { testkit } from './support/discord-standin/testkit.js';

/** Drills go to DMs and continue there, through rate limits, dropped connections and restarts. */
let h: DiscordHarness;
beforeAll(async () => {
  // Fast heartbeats, so the connection's keep-alive runs during the tests.
  h = await startDiscordHarness({ extra: [testkit], standin: { guilds: 1, heartbeatIntervalMs: 150 } });
});
afterAll(() => h?.close());

const s = () => h.standin;
const lastDm = (u: StandinUser) => s().dmMessages(u).at(-1);
const dmCount = (u: StandinUser) => s().dmMessages(u).length;

async function startDrill(u: StandinUser) {
  const rec = s().slash(u, 'testkit', { guildId: h.guildId, subcommand: 'drill' });
  const pointer = await s().response(rec);
  await s().waitFor(() => lastDm(u), 'the first drill question');
  return pointer;
}

async function say(u: StandinUser, text: string) {
  const before = dmCount(u);
  s().dm(u, text);
  return s().waitFor(() => dmCount(u) > before && lastDm(u), `the bot's answer to "${text}"`);
}

describe('a drill started in a server', () => {
  it('goes to the member’s DMs, with a private pointer in the server', async () => {
    const ann = s().makeUser('ann');
    const pointer = await startDrill(ann);
    expect(pointer.ephemeral).toBe(true);
    expect(pointer.channel_id).toBe(s().channelOf(h.guildId));
    expect(visibleText(pointer)).toContain(`https://discord.com/channels/@me/${s().dmChannelOf(ann.id)}`);
    expect(visibleText(lastDm(ann))).toMatch(/Drill question 1/);
    // Nothing of the drill was posted in the server channel for others to see.
    expect(
      s()
        .channelMessages(s().channelOf(h.guildId))
        .filter((m) => !m.ephemeral && /Drill/.test(visibleText(m))),
    ).toEqual([]);
  });

  it('continues with free-text answers in the DM', async () => {
    const ann = s().makeUser('ann');
    await startDrill(ann);
    expect(visibleText(await say(ann, 'I led the night team through a surge.'))).toMatch(
      /Answer 1 noted \(37 characters\)[\s\S]*Drill question 2/,
    );
    expect(visibleText(await say(ann, 'Then I wrote the handoff checklist.'))).toMatch(/Answer 2 noted[\s\S]*Drill question 3/);
  });

  it('moves on when a button in the DM is clicked, replacing the question', async () => {
    const ann = s().makeUser('ann');
    await startDrill(ann);
    const question = lastDm(ann);
    const click = s().click(ann, question as NonNullable<typeof question>, buttonLabelled(question, 'Skip').customId);
    await s().waitFor(() => click.acknowledged, 'the click answer');
    expect(click.callbacks).toEqual([7]);
    expect(visibleText(question)).toMatch(/Drill question 2/);
  });

  it('explains how to open DMs when they are closed', async () => {
    const ben = s().makeUser('ben');
    s().closeDms(ben);
    const msg = await s().response(s().slash(ben, 'testkit', { guildId: h.guildId, subcommand: 'drill' }));
    expect(msg.ephemeral).toBe(true);
    expect(visibleText(msg)).toMatch(/could not send you a direct message/);
    expect(visibleText(msg)).toMatch(/Privacy Settings/);
    expect(s().dmMessages(ben)).toEqual([]);
  });

  it('answers a plain DM question with the guide when no drill is running', async () => {
    const cy = s().makeUser('cy');
    const msg = await say(cy, 'how long is the clinical informatics fellowship');
    expect(visibleText(msg)).toMatch(/two years|2 years|2-year|two-year/i);
  });

  it('ignores messages from other bots', async () => {
    const other = { ...s().makeUser('otherbot'), bot: true };
    s().dm(other, 'hello');
    const probe = s().makeUser('probe');
    await say(probe, 'what is cap exempt'); // DMs are handled in order: the bot's message came first
    expect(s().dmMessages(other)).toEqual([]);
  });
});

describe('when Discord pushes back', () => {
  it('waits out a 429 and still delivers the drill turn, with no error shown', async () => {
    const dee = s().makeUser('dee');
    await startDrill(dee);
    const channel = s().dmChannelOf(dee.id);
    const path = new RegExp(`^/channels/${channel}/messages$`);
    const posts = () => s().requests.filter((r) => r.method === 'POST' && path.test(r.path)).length;
    const before = posts();
    s().rateLimit(path, { method: 'POST', retryAfter: 0.3 });
    const msg = await say(dee, 'My answer arrives during a rate limit.');
    expect(visibleText(msg)).toMatch(/Answer 1 noted[\s\S]*Drill question 2/);
    expect(posts() - before).toBe(2); // refused once with 429, then accepted
    expect(
      s()
        .dmMessages(dee)
        .some((m) => /went wrong/.test(visibleText(m))),
    ).toBe(false);
  });

  it('resumes a dropped gateway connection without losing the drill or the turn sent meanwhile', async () => {
    const eve = s().makeUser('eve');
    await startDrill(eve);
    const identifies = s().identifies.length;
    s().drop(0);
    const msg = await say(eve, 'Sent while the bot was reconnecting.'); // queued by the gateway, replayed on RESUME
    expect(visibleText(msg)).toMatch(/Answer 1 noted[\s\S]*Drill question 2/);
    expect(s().sessions.at(-1)?.resumes).toBe(1);
    expect(s().identifies.length).toBe(identifies);
  });

  it('keeps the connection alive with acknowledged heartbeats', async () => {
    const identifies = s().identifies.length;
    const beats = s().heartbeats;
    await s().waitFor(() => s().heartbeats >= beats + 3, 'three more heartbeats');
    expect(s().identifies.length).toBe(identifies);
  });

  it('keeps the drill across a bot restart', async () => {
    const fay = s().makeUser('fay');
    await startDrill(fay);
    await h.restart();
    expect(visibleText(await say(fay, 'After the restart.'))).toMatch(/Answer 1 noted[\s\S]*Drill question 2/);
  });
});
