import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordHarness, startDiscordHarness } from './support/discord-standin/harness.js';
import { buttonLabelled, componentsOf, modalInputs, type StandinUser, visibleText } from './support/discord-standin/index.js';

/**
 * The real feature commands through Discord, with no per-command code in the adapter: a DM
 * interview drill, the private red-flag questionnaire and a draft written in a modal.
 */
let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(() => h?.close());

const s = () => h.standin;
const lastDm = (u: StandinUser) => s().dmMessages(u).at(-1);

describe('/interview', () => {
  it('drills in DMs: question, typed answer, feedback, then the buttons move on', async () => {
    const ivy = s().makeUser('ivy');
    const pointer = await s().response(
      s().slash(ivy, 'interview', { guildId: h.guildId, subcommand: 'start', options: { count: 1 } }),
    );
    expect(pointer.ephemeral).toBe(true);
    expect(visibleText(pointer)).toMatch(/direct messages/);
    await s().waitFor(() => /Question 1 of 1/.test(visibleText(lastDm(ivy))), 'the question in DMs');

    const before = s().dmMessages(ivy).length;
    s().dm(
      ivy,
      'In my internal medicine residency I led a team of four residents to redesign our sign-out, and errors at handoff fell by half within three months.',
    );
    const feedback = await s().waitFor(
      () => s().dmMessages(ivy).length > before && componentsOf(lastDm(ivy)).length > 0 && lastDm(ivy),
      'feedback',
    );
    expect(s().dmMessages(ivy).slice(before).map(visibleText).join('\n')).toMatch(/Feedback/);

    const next = s().click(ivy, feedback, buttonLabelled(feedback, 'Next').customId);
    await s().waitFor(() => next.acknowledged, 'the Next click');
    expect(s().rejections).toEqual([]);
  });

  it('offers the interview categories as choices when registering', async () => {
    const { commandJson } = await import('../src/adapters/discord/register.js');
    const def = h.app.router.command('interview');
    const start = commandJson(def as NonNullable<typeof def>).options?.find((o) => o.name === 'start') as {
      options: { name: string; choices?: unknown[] }[];
    };
    expect(start.options.find((o) => o.name === 'category')?.choices?.length).toBeGreaterThan(3);
  });
});

describe('/redflags', () => {
  it('asks its questions privately and steps through them with buttons', async () => {
    const jo = s().makeUser('jo');
    const rec = s().slash(jo, 'redflags', { guildId: h.guildId, subcommand: 'program', options: { name: 'Mercy General' } });
    const first = await s().response(rec);
    expect(first.ephemeral).toBe(true);
    const buttons = componentsOf(first).filter((c) => c.type === 'button');
    expect(buttons.length).toBeGreaterThan(1);
    const textBefore = visibleText(first);
    const click = s().click(jo, first, buttons[0]?.customId ?? '');
    await s().waitFor(() => click.acknowledged, 'the answer click');
    const after = click.callbacks[0] === 7 ? first : await s().response(click);
    expect(visibleText(after)).not.toBe(textBefore);
    expect(after.ephemeral).toBe(true);

    // Someone else cannot answer for them.
    const other = s().click(s().makeUser('other'), after, componentsOf(after).find((c) => c.type === 'button')?.customId ?? '');
    expect(visibleText(await s().response(other))).toMatch(/someone else's session/);
    expect(s().rejections).toEqual([]);
  });

  it('suggests the member’s saved program names', async () => {
    const kim = s().makeUser('kim');
    const rec = s().autocomplete(kim, 'redflags', 'name', 'mer', { guildId: h.guildId, subcommand: 'program' });
    const choices = await s().waitFor(() => rec.choices, 'choices');
    expect(Array.isArray(choices)).toBe(true);
  });
});

describe('/draft', () => {
  it('opens a modal for the facts and answers with the draft, privately', async () => {
    const lee = s().makeUser('lee');
    const rec = s().slash(lee, 'draft', { guildId: h.guildId, subcommand: 'disclosure' });
    await s().waitFor(() => rec.modal, 'the draft modal');
    expect(rec.callbacks).toEqual([9]);
    const ids = modalInputs(rec.modal).map((i) => i.customId);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThanOrEqual(5);
    const facts: Record<string, string> = {
      what: 'I was placed on a three-month remediation plan in my second year for late notes.',
      ownership: 'I fell behind on documentation and did not ask for help early enough.',
      actions: 'I built a daily charting routine and met my program director every two weeks.',
      since: 'I finished residency with no further concerns and was named a chief resident.',
    };
    const values = Object.fromEntries(ids.map((id) => [id, facts[id] ?? 'A short plain answer with words.']));
    const done = await s().response(s().submit(lee, rec, values));
    expect(done.ephemeral).toBe(true);
    expect(visibleText(done)).toMatch(/Disclosure draft/);
    expect(visibleText(done)).toContain('three-month remediation plan');

    // Edit opens the same modal again, filled with what was entered.
    const edit = s().click(lee, done, buttonLabelled(done, 'Edit').customId);
    await s().waitFor(() => edit.modal, 'the edit modal');
    const prefilled = Object.fromEntries(modalInputs(edit.modal).map((i) => [i.customId, i.value]));
    expect(prefilled).toMatchObject({ what: facts.what, since: facts.since });
    expect(s().rejections).toEqual([]);
  });
});
