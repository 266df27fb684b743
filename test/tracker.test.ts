import { describe, expect, it } from 'vitest';
import { actionId } from '../src/core/action-id.js';
import type { User } from '../src/core/types.js';
import { blankEntry, MAX_ENTRIES, type TrackerData } from '../src/features/tracker/entry.js';
import { TRACKER_TTL_DAYS, trackerRecord } from '../src/features/tracker/records.js';
import { forgetAll, makeHarness, REDIS_URL, uniqueUser, useHarness } from './support/harness.js';

const h = useHarness();

const owner = (u: User) => ({ platform: 'cli', user: u.id });
const stored = (u: User, harness = h) => harness.app.store.get(trackerRecord, owner(u));
const base = (u: User) => ({ platform: 'cli' as const, user: u, conversation: { id: `cli-${u.id}`, isDirect: true } });
/** Discord and Slack show a part's fields together in one modal; the terminal asks them one by one. */
const onDiscord = (u: User) => ({
  platform: 'discord' as const,
  user: u,
  conversation: { id: `D-${u.id}`, isDirect: true },
});
const storedOnDiscord = (u: User) => h.app.store.get(trackerRecord, { platform: 'discord', user: u.id });
const discordCommand = (u: User, text: string) =>
  h.app.router.handle({ ...onDiscord(u), kind: 'command', command: 'tracker', text });
const textOf = (replies: { fallbackText: string; blocks: { type: string; markdown?: string }[] }[]) =>
  replies.map((r) => r.blocks.map((b) => b.markdown ?? '').join('\n')).join('\n');

/** Adds a program through the three forms, answering in the terminal like a member would. */
async function addThroughForms(u: User, harness = h) {
  const s = harness.session(u);
  expect(await s.send('/tracker add')).toMatch(/Institution/);
  for (const line of ['Mercy General', 'Boston, MA', 'Internal Medicine residency', 'H-1B', 'exempt']) await s.send(line);
  return s;
}

describe('/tracker add through its forms', () => {
  it('saves each step, offers the next one and ends on the full entry', async () => {
    const u = uniqueUser();
    const s = h.session(u);
    await s.send('/tracker add');
    await s.send('Mercy General');
    await s.send('Boston, MA');
    await s.send('Internal Medicine residency');
    await s.send('both');
    const saved = await s.send('cap-exempt');
    expect(saved).toMatch(/Saved Mercy General — Internal Medicine residency as t1/);
    expect(saved).toMatch(/\[1\] Next: requirements/);
    expect(await s.send('1')).toMatch(/Step 3 needed by/);
    for (const line of ['before ranking 2027-02-01', 'required', 'within 5 years', 'yes']) await s.send(line);
    expect(await s.send('no')).toMatch(/\[1\] Next: notes/);
    await s.send('1');
    await s.send('H-1B considered case-by-case');
    await s.send('EHR steering committee');
    const done = await s.send('Coordinator said, "maybe" for next year');
    expect(done).toMatch(/Step 3: before ranking 2027-02-01/);
    expect(done).toMatch(/Case-by-case wording/);
    expect(done).toMatch(/Coordinator said, "maybe" for next year/);
    const data = await stored(u);
    expect(data?.entries).toHaveLength(1);
    expect(data?.entries[0]).toMatchObject({ visa: 'both', cap: 'exempt', ci: 'yes', cmio: 'no', step3By: '2027-02-01' });
  });

  it('keeps the first step when the member stops after it', async () => {
    const u = uniqueUser();
    await addThroughForms(u);
    expect((await stored(u))?.entries.map((e) => e.institution)).toEqual(['Mercy General']);
  });
});

describe('/tracker quick add, list, show, edit, remove', () => {
  it('accepts options on the command line with quoted values', async () => {
    const u = uniqueUser();
    const s = h.session(u);
    const out = await s.send('/tracker add institution:"Mercy General" visa:h1b cap:exempt');
    expect(out).toMatch(/Saved as t1/);
    expect(out).toMatch(/t1 Mercy General/);
    expect(out).toMatch(/Visas: H-1B/);
    expect((await stored(u))?.entries[0]).toMatchObject({ institution: 'Mercy General', visa: 'h1b', cap: 'exempt' });
  });

  it('lists entries with their warnings, and shows one with the drafted coordinator email', async () => {
    const u = uniqueUser();
    const s = h.session(u);
    await s.send('/tracker plan need:h1b status:h1b-cap-exempt step3:2027-05-01');
    await s.send('/tracker add "St. Elsewhere" visa:j1 cap:subject location:"Chicago, IL"');
    await s.send('/tracker add Riverside Clinic program:"Clinical Informatics fellowship"');
    await s.send('/tracker add Lakeside Health visa:h1b cap:subject');
    const list = await s.send('/tracker list');
    expect(list).toMatch(/3 of 200 entries, 3 with warnings/);
    expect(list).toMatch(/t1 St\. Elsewhere \(Chicago, IL\): J-1 only, cap-subject · ⚠ J-1 only/);
    expect(list).toMatch(/t3 Lakeside Health: H-1B, cap-subject · ⚠ Cap-subject move/);
    expect(list).toMatch(/Your plan: you need an H-1B \(no J-1\); now on a cap-exempt H-1B; Step 3 planned for 2027-05-01/);
    const show = await s.send('/tracker show riverside');
    expect(show).toMatch(/Visa policy unknown/);
    expect(show).toMatch(/Draft email to the coordinator/);
    expect(show).toMatch(/Clinical Informatics fellowship at Riverside Clinic/);
    expect(show).toMatch(/Sources: .*\(reviewed [0-9-]+\): Emailing program coordinators/);
  });

  it('edits with options and through the edit buttons', async () => {
    const u = uniqueUser();
    const s = h.session(u);
    await s.send('/tracker add Mercy General visa:h1b');
    expect(await s.send('/tracker edit mercy cap:subject notes:"Asked GME office"')).toMatch(
      /Updated\.[\s\S]*H-1B cap: cap-subject/,
    );
    const menu = await s.send('/tracker edit t1');
    expect(menu).toMatch(/\[2\] Edit requirements/);
    expect(await s.send('2')).toMatch(/Step 3 needed by/);
    for (const line of ['not required', '', '', '']) await s.send(line);
    expect(await s.send('yes')).toMatch(/Updated Mercy General/);
    expect((await stored(u))?.entries[0]).toMatchObject({
      cap: 'subject',
      step3: 'not-required',
      cmio: 'yes',
      notes: 'Asked GME office',
      rev: 3,
    });
  });

  it('asks before removing, and keeps the entry when the member says so', async () => {
    const u = uniqueUser();
    const s = h.session(u);
    await s.send('/tracker add Mercy General');
    await s.send('/tracker add Riverside');
    expect(await s.send('/tracker remove t1')).toMatch(/Remove Mercy General \(t1\)[\s\S]*\[1\] Remove {2}\[2\] Keep it/);
    expect(await s.send('2')).toMatch(/Kept/);
    await s.send('/tracker remove mercy');
    expect(await s.send('Remove')).toMatch(/Removed Mercy General \(t1\)\. 1 entries left/);
    expect((await stored(u))?.entries.map((e) => e.id)).toEqual(['t2']);
  });

  it('offers a choice of entries when none is named, and says clearly when a name matches nothing', async () => {
    const u = uniqueUser();
    const s = h.session(u);
    await s.send('/tracker add Mercy General');
    expect(await s.send('/tracker show')).toMatch(/Which entry do you want to show\?\n\[1\] t1 Mercy General/);
    expect(await s.send('1')).toMatch(/t1 Mercy General/);
    expect(await s.send('/tracker show nowhere')).toMatch(
      /`?entry`?: no entry matches "nowhere"\. Your latest: t1 Mercy General/,
    );
  });

  it('exports a CSV file', async () => {
    const u = uniqueUser();
    const s = h.session(u);
    await s.send('/tracker add Mercy General visa:h1b notes:"one, two"');
    const replies = await h.app.router.handle({ ...base(u), kind: 'command', command: 'tracker', text: 'export' });
    const file = replies.flatMap((r) => r.blocks).find((b) => b.type === 'file');
    expect(file).toMatchObject({ type: 'file', name: 'img-advisor-tracker.csv', mime: 'text/csv' });
    expect(file?.type === 'file' && file.content).toMatch(/^id,institution,/);
    expect(file?.type === 'file' && file.content).toMatch(/t1,Mercy General,,,h1b,/);
    expect(replies.every((r) => r.visibility === 'private')).toBe(true);
  });

  it('suggests entry names while typing (Discord autocomplete)', async () => {
    const u = uniqueUser();
    const s = h.session(u);
    await s.send('/tracker add Mercy General program:"IM residency"');
    await s.send('/tracker add Riverside Clinic');
    const all = await h.app.router.autocomplete({
      ...base(u),
      kind: 'command',
      command: 'tracker',
      focused: 'entry',
      partial: '',
    });
    expect(all.map((o) => o.value)).toEqual(['t2', 't1']);
    const some = await h.app.router.autocomplete({
      ...base(u),
      kind: 'command',
      command: 'tracker',
      focused: 'entry',
      partial: 'merc',
    });
    expect(some).toEqual([{ label: 'Mercy General — IM residency (t1)', value: 't1' }]);
    const other = await h.app.router.autocomplete({
      ...base(uniqueUser()),
      kind: 'command',
      command: 'tracker',
      focused: 'entry',
      partial: '',
    });
    expect(other).toEqual([]);
  });
});

describe('bad input never loses saved entries', () => {
  async function withTwoEntries() {
    const u = uniqueUser();
    const s = h.session(u);
    await s.send('/tracker add Mercy General visa:h1b cap:exempt notes:"keep me"');
    await s.send('/tracker add Riverside visa:j1');
    const before = await stored(u);
    expect(before?.entries).toHaveLength(2);
    return { u, s, before: before?.entries };
  }

  it('a Step 3 date that is not a date, on the command line and in the plan', async () => {
    const { u, s, before } = await withTwoEntries();
    expect(await s.send('/tracker add Lakeside step3:"before ranking 2027-02-30"')).toMatch(
      /Nothing was saved[\s\S]*Step 3: "2027-02-30" is not a real date/,
    );
    expect(await s.send('/tracker edit t1 step3:"next spring"')).toMatch(
      /Nothing was changed[\s\S]*Step 3: "next spring" is not a/,
    );
    expect(await s.send('/tracker plan need:h1b step3:15/03/2027')).toMatch(/Step 3: "15\/03\/2027" is not a date/);
    expect((await stored(u))?.entries).toEqual(before);
    expect((await stored(u))?.plan).toBeUndefined();
  });

  it('a Step 3 date that is not a date, in the terminal plan form: refused at that field, the ones before kept', async () => {
    // Issue 17: the terminal asks a form field by field, so a bad field is refused as it is typed,
    // not after the whole form (this test used to expect the refusal after the last field).
    const { u, s, before } = await withTwoEntries();
    await s.send('/tracker plan');
    await s.send('h1b');
    await s.send('j1');
    const bad = await s.send('March-ish 2027');
    expect(bad).toMatch(/Step 3: "March-ish 2027" is not a date/);
    expect(bad).toMatch(/nothing is saved until the last field/);
    expect(bad).toMatch(/Step 3: passed, planned date, or not yet/);
    expect((await stored(u))?.plan).toBeUndefined();
    expect(await s.send('2027-03-15')).toMatch(/Saved your plan[\s\S]*Step 3 planned for 2027-03-15/);
    const after = await stored(u);
    expect(after?.entries).toEqual(before);
    expect(after?.plan).toEqual({ need: 'h1b', status: 'j1', step3: 'planned', step3Date: '2027-03-15' });
  });

  it('a Step 3 date that is not a date, in the plan modal: fixed with what was typed kept', async () => {
    const u = uniqueUser();
    const submit = (fields: Record<string, string>, formId = actionId('tracker', u.id, 'plan')) =>
      h.app.router.handle({ ...onDiscord(u), kind: 'submit', formId, fields });
    const bad = await submit({ need: 'h1b', status: 'j1', step3: 'March-ish 2027' });
    expect(textOf(bad)).toMatch(/Please fix:[\s\S]*Step 3\*\*: "March-ish 2027" is not a date/);
    expect(textOf(bad)).toMatch(/Your plan was not changed/);
    expect((await storedOnDiscord(u))?.plan).toBeUndefined();
    const button = bad.flatMap((r) => r.blocks).find((b) => b.type === 'buttons');
    const reopened = await h.app.router.handle({
      ...onDiscord(u),
      kind: 'action',
      actionId: button?.type === 'buttons' ? (button.buttons[0]?.id ?? '') : '',
    });
    const form = reopened.flatMap((r) => r.blocks).find((b) => b.type === 'form');
    expect(form?.type === 'form' && form.fields.map((f) => [f.id, f.value])).toEqual([
      ['need', 'h1b'],
      ['status', 'j1'],
      ['step3', 'March-ish 2027'],
    ]);
    expect(textOf(await submit({ need: 'h1b', status: 'j1', step3: '15 March 2027' }))).toMatch(
      /Saved your plan[\s\S]*Step 3 planned for 2027-03-15/,
    );
  });

  it('a 5,000-character note on the command line', async () => {
    const { u, s, before } = await withTwoEntries();
    expect(await s.send(`/tracker add Lakeside notes:${'x'.repeat(5000)}`)).toMatch(
      /`?notes`? is too long: at most 1,000 characters/,
    );
    expect(await s.send(`/tracker edit t1 notes:${'x'.repeat(5000)}`)).toMatch(/`?notes`? is too long: at most 1,000 characters/);
    expect((await stored(u))?.entries).toEqual(before);
  });

  it('a 5,000-character note typed into the terminal form', async () => {
    const { u, s, before } = await withTwoEntries();
    await s.send('/tracker edit t1');
    await s.send('3');
    await s.send('');
    await s.send('');
    expect(await s.send('y'.repeat(5000))).toMatch(
      /That is 5000 characters; at most 1000 fit here\.\nNotes from emails or calls/,
    );
    expect(await s.send('/cancel')).toMatch(/nothing was saved/);
    expect((await stored(u))?.entries).toEqual(before);
  });

  it('a 5,000-character note submitted by a platform form: the field is named and the text is kept to trim', async () => {
    // A modal sends the whole part at once, so this runs on Discord (the terminal asks field by field).
    const u = uniqueUser();
    await discordCommand(u, 'add Mercy General visa:h1b cap:exempt notes:"keep me"');
    await discordCommand(u, 'add Riverside visa:j1');
    const before = (await storedOnDiscord(u))?.entries;
    expect(before).toHaveLength(2);
    const formId = actionId('tracker', u.id, 'save', 'notes', 't1', '1');
    const replies = await h.app.router.handle({
      ...onDiscord(u),
      kind: 'submit',
      formId,
      fields: { policy: 'We sponsor H-1B', projects: '', notes: 'z'.repeat(5000) },
    });
    const text = textOf(replies);
    expect(text).toMatch(/\*\*Notes\*\* is too long: 5,000 characters, at most 1,000/);
    expect(text).toMatch(/Nothing in this entry was changed/);
    expect(text).toMatch(/keeps the first characters of Notes/);
    expect((await storedOnDiscord(u))?.entries).toEqual(before);
    const retry = replies.flatMap((r) => r.blocks).find((b) => b.type === 'buttons');
    const retryId = retry?.type === 'buttons' ? retry.buttons[0]?.id : undefined;
    const reopened = await h.app.router.handle({ ...onDiscord(u), kind: 'action', actionId: retryId ?? '' });
    const form = reopened.flatMap((r) => r.blocks).find((b) => b.type === 'form');
    expect(form?.type === 'form' && form.fields.map((f) => [f.id, f.value?.length])).toEqual([
      ['policy', 15],
      ['projects', undefined],
      ['notes', 1000],
    ]);
  });

  it('an unknown visa choice in the first form step, refused as it is typed', async () => {
    // Issue 17: checked as the field is entered (this test used to expect the refusal after the
    // last field of the step, then a "Fix it" round through every field again).
    const { u, s, before } = await withTwoEntries();
    await s.send('/tracker add');
    for (const line of ['Lakeside', '', '']) await s.send(line);
    const out = await s.send('maybe');
    expect(out).toMatch(/Visa types: "maybe" is not one of the choices: use h1b, j1, both, none or unknown/);
    expect(out).toMatch(/nothing is saved until the last field/);
    expect(out).toMatch(/Visas accepted: h1b, j1, both, none/);
    expect((await stored(u))?.entries).toEqual(before);
    await s.send('j1');
    expect(await s.send('subject')).toMatch(/Saved Lakeside as t3/);
    expect((await stored(u))?.entries.map((e) => [e.id, e.visa, e.cap])).toEqual([
      ['t1', 'h1b', 'exempt'],
      ['t2', 'j1', 'unknown'],
      ['t3', 'j1', 'subject'],
    ]);
  });

  it('natural dates, and a bad month refused at its field', async () => {
    const u = uniqueUser();
    const s = h.session(u);
    await s.send('/tracker add Mercy General visa:h1b');
    await s.send('/tracker edit t1');
    expect(await s.send('2')).toMatch(/Step 3 needed by/);
    expect(await s.send('before ranking 2027-13')).toMatch(/Step 3: "2027-13" is not a real date[\s\S]*Step 3 needed by/);
    expect(await s.send('before ranking February 2027')).toMatch(/"February 2027" names a month but not the day/);
    expect(await s.send('before ranking Feb 15, 2027')).toMatch(/U\.S\. clinical experience/);
    for (const line of ['', '', '']) await s.send(line);
    expect(await s.send('')).toMatch(/Updated Mercy General/);
    expect((await stored(u))?.entries[0]).toMatchObject({ step3: 'before-ranking', step3By: '2027-02-15' });
    expect(await s.send('/tracker plan need:h1b step3:"15 March 2027"')).toMatch(/Step 3 planned for 2027-03-15/);
    expect(await s.send('/tracker edit t1 step3:"by contract July 1st, 2027"')).toMatch(/Step 3: by contract 2027-07-01/);
  });
});

describe('ownership, stale buttons and limits', () => {
  it("refuses another member's click and form before anything changes", async () => {
    const owner1 = uniqueUser('owner');
    const intruder = uniqueUser('intruder');
    await h.session(owner1).send('/tracker add Mercy General visa:h1b');
    const before = await stored(owner1);
    const click = await h.app.router.handle({
      ...base(intruder),
      kind: 'action',
      actionId: actionId('tracker', owner1.id, 'rm', 't1', '1'),
    });
    expect(textOf(click)).toMatch(/belongs to someone else's session/);
    const submit = await h.app.router.handle({
      ...base(intruder),
      kind: 'submit',
      formId: actionId('tracker', owner1.id, 'save', 'program', 't1', '1'),
      fields: { institution: 'Hacked', visa: 'none' },
    });
    expect(textOf(submit)).toMatch(/belongs to someone else's session/);
    expect(await stored(owner1)).toEqual(before);
    expect(await stored(intruder)).toBeUndefined();
  });

  it('says so when a button is older than the last change, and does not act on it', async () => {
    const u = uniqueUser();
    const s = h.session(u);
    await s.send('/tracker add Mercy General');
    await s.send('/tracker edit t1 visa:j1');
    const old = await h.app.router.handle({ ...base(u), kind: 'action', actionId: actionId('tracker', u.id, 'rm', 't1', '1') });
    expect(textOf(old)).toMatch(/from before your last change to \*\*Mercy General\*\*/);
    expect((await stored(u))?.entries).toHaveLength(1);
    const gone = await h.app.router.handle({
      ...base(u),
      kind: 'action',
      actionId: actionId('tracker', u.id, 'open', 'notes', 't9', '1'),
    });
    expect(textOf(gone)).toMatch(/no longer in your tracker/);
  });

  it('does not let a form opened before a change overwrite it, and keeps what was typed', async () => {
    // A modal opened before the change (Discord): the terminal asks field by field instead.
    const u = uniqueUser();
    await discordCommand(u, 'add Mercy General visa:h1b');
    await discordCommand(u, 'edit t1 cap:exempt');
    const late = await h.app.router.handle({
      ...onDiscord(u),
      kind: 'submit',
      formId: actionId('tracker', u.id, 'save', 'program', 't1', '1'),
      fields: { institution: 'Mercy General', location: 'Boston, MA', program: '', visa: 'j1', cap: '' },
    });
    expect(textOf(late)).toMatch(/changed after this form opened, so I did not overwrite it/);
    expect((await storedOnDiscord(u))?.entries[0]).toMatchObject({ visa: 'h1b', cap: 'exempt', location: '', rev: 2 });
    const button = late.flatMap((r) => r.blocks).find((b) => b.type === 'buttons');
    const reopened = await h.app.router.handle({
      ...onDiscord(u),
      kind: 'action',
      actionId: button?.type === 'buttons' ? (button.buttons[0]?.id ?? '') : '',
    });
    const form = reopened.flatMap((r) => r.blocks).find((b) => b.type === 'form');
    expect(form?.type === 'form' && form.id).toBe(actionId('tracker', u.id, 'save', 'program', 't1', '2'));
    expect(form?.type === 'form' && form.fields.find((f) => f.id === 'location')?.value).toBe('Boston, MA');
  });

  it(`stops at ${MAX_ENTRIES} entries with a clear message and keeps them all`, async () => {
    const u = uniqueUser();
    const now = new Date();
    const full: TrackerData = {
      entries: Array.from({ length: MAX_ENTRIES }, (_, i) => blankEntry(`t${i + 1}`, `Program ${i + 1}`, now)),
      nextId: MAX_ENTRIES + 1,
    };
    await h.app.store.save(trackerRecord, owner(u), full);
    const s = h.session(u);
    expect(await s.send('/tracker add Lakeside visa:h1b')).toMatch(
      /tracker is full: it keeps at most 200 entries[\s\S]*Nothing was changed/,
    );
    expect(await s.send('/tracker add')).toMatch(/tracker is full/);
    expect((await stored(u))?.entries).toHaveLength(MAX_ENTRIES);
    expect(await s.send('/tracker list')).toMatch(/200 of 200 entries[\s\S]*page 1 of 10[\s\S]*\/tracker list 2/);
    await s.send('/tracker remove t5 confirm:true');
    expect(await s.send('/tracker add Lakeside visa:h1b')).toMatch(/Saved as t201/);
  });
});

describe('privacy and persistence', () => {
  it('answers privately, stores for a year, and /forget deletes the tracker', async () => {
    const u = uniqueUser();
    const replies = await h.app.router.handle({ ...base(u), kind: 'command', command: 'tracker', text: 'add Mercy General' });
    expect(replies.every((r) => r.visibility === 'private')).toBe(true);
    expect(trackerRecord.ttlMs).toBe(TRACKER_TTL_DAYS * 86_400_000);
    expect(TRACKER_TTL_DAYS).toBe(365);
    const s = h.session(u);
    expect(await forgetAll(s)).toMatch(/deleted everything stored about you:\n- Tracker: 1 program/);
    expect(await stored(u)).toBeUndefined();
    expect(await s.send('/tracker list')).toMatch(/Your tracker is empty/);
  });

  it('keeps entries across a restart', async () => {
    const dirH = await makeHarness();
    const u = uniqueUser();
    await dirH.session(u).send('/tracker add Mercy General visa:h1b');
    const again = await dirH.restart();
    expect(await again.session(u).send('/tracker list')).toMatch(/t1 Mercy General: H-1B/);
    await again.close();
  });

  it('works the same on Redis', async () => {
    const r = await makeHarness({ redisUrl: REDIS_URL });
    try {
      const u = uniqueUser('redis');
      const s = r.session(u);
      expect(await s.send('/tracker plan need:h1b step3:not-yet')).toMatch(/Saved your plan/);
      await s.send('/tracker add Mercy General visa:h1b step3:"before ranking"');
      expect(await s.send('/tracker list')).toMatch(/Step 3 timing/);
      expect((await stored(u, r))?.entries).toHaveLength(1);
      expect(await forgetAll(s)).toMatch(/deleted everything stored about you:\n- Tracker: 1 program/);
      expect(await stored(u, r)).toBeUndefined();
    } finally {
      await r.close();
    }
  });
});
