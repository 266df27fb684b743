import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TerminalSession } from '../src/adapters/terminal/session.js';
import { createApp } from '../src/app/app.js';
import type { Block, Reply, Request, User } from '../src/core/types.js';
import { FORM_STEPS } from '../src/features/drafts/forms.js';
import { DRAFTS_RECORD } from '../src/features/drafts/records.js';
import { createLogger } from '../src/log.js';
import { openStore } from '../src/store/open.js';
import { defineRecord } from '../src/store/record.js';
import { cleanup, forgetAll, type Harness, makeHarness, REDIS_URL, uniqueUser } from './support/harness.js';

/** What a member types for a clean gap draft, field by field (step 2 after "Continue"). */
const GAP_STEP1 = [
  '2021-07',
  '2022-12',
  'Visa or credentialing delay',
  'credential verification took 14 months after I moved to the U.S.',
];
const GAP_STEP2 = [
  'completed an online SQL course; volunteered at a clinic during its EHR rollout; worked part-time as a clinical data abstractor',
  'started a structured observership in internal medicine',
];

async function typeAll(s: TerminalSession, lines: string[]): Promise<string> {
  let out = '';
  for (const line of lines) out = await s.send(line);
  return out;
}

async function gapDraft(s: TerminalSession): Promise<string> {
  const form = await s.send('/draft gap');
  expect(form).toMatch(/Gap explanation \(1 of 2\)/);
  const afterStep1 = await typeAll(s, GAP_STEP1);
  expect(afterStep1).toMatch(/Step 1 of 2 done/);
  await s.send('Continue');
  return typeAll(s, GAP_STEP2);
}

const statementOf = (out: string) => /Personal statement paragraph \(\d+ words\)\n(.+)/.exec(out)?.[1] ?? '';

let h: Harness;
let clock = new Date('2025-06-15T12:00:00Z');
beforeAll(async () => {
  h = await makeHarness({ now: () => clock });
});
afterAll(async () => {
  await h.close();
  cleanup(h.dir);
});

describe('/draft gap in the terminal', () => {
  it('asks field by field in two steps and drafts all three versions with skill mapping and no notes', async () => {
    const out = await gapDraft(h.session(uniqueUser()));
    expect(out).toMatch(/Gap explanation draft \(neutral tone\)/);
    const statement = statementOf(out);
    expect(statement).toMatch(
      /^From July 2021 to December 2022, I was away from clinical training because of credentialing delays\./,
    );
    expect(statement).toContain('Credential verification took 14 months after I moved to the U.S.');
    expect(statement).toContain(
      'completed an online SQL course, volunteered at a clinic during its EHR rollout, and worked part-time',
    );
    expect(out).toMatch(/Interview \(spoken\)\nBetween July 2021 and December 2022/);
    expect(out).toMatch(/Application field\nFrom July 2021/);
    expect(out).toMatch(/- volunteered at a clinic during its EHR rollout: Systems exposure, Workflow insight/);
    expect(out).toMatch(/Check notes: none/);
    expect(out).toMatch(
      /\[1\] Edit {2}\[2\] Shorter {2}\[3\] Warmer {2}\[4\] Plainer {2}\[5\] Save {2}\[6\] Copy {2}\[7\] Delete/,
    );
  });

  it('names each bad field, keeps the answers, and re-opens the form pre-filled to fix them', async () => {
    const s = h.session(uniqueUser());
    await s.send('/draft gap');
    const out = await typeAll(s, ['2022-13', '2021-05', 'holiday', 'a long trip']);
    expect(out).toMatch(/\*?\*?Start month \(YYYY-MM\)\*?\*?: use YYYY-MM, like 2021-07/);
    expect(out).toMatch(/Kind of reason\*?\*?: must be one of: visa, family, health, research, exams, transition, other/);
    expect(out).not.toMatch(/End month/);
    const reopened = await s.send('Fix answers');
    expect(reopened).toMatch(/Start month \(YYYY-MM\) \[2022-13\]/);
    // Fix the start, keep the end, fix the kind, keep the reason: now the end is before the start.
    const again = await typeAll(s, ['2022-01', '', 'other', '']);
    expect(again).toMatch(/End month \(YYYY-MM\)\*?\*?: \(2021-05\) is before the start \(2022-01\)/);
    await s.send('Fix answers');
    const ok = await typeAll(s, ['', '2022-09', '', '']);
    expect(ok).toMatch(/Step 1 of 2 done/);
    await s.send('Continue');
    const draft = await typeAll(s, ['', 'started an observership']);
    expect(draft).toMatch(/From January to September 2022, I was away from clinical training because of a long trip\./);
    expect(draft).toMatch(/About 9 months with no activities listed/);
  });

  it('Shorter, Warmer and Plainer rewrite the draft; Fuller returns', async () => {
    const s = h.session(uniqueUser());
    const first = statementOf(await gapDraft(s));
    const shorter = await s.send('Shorter');
    expect(shorter).toMatch(/\(neutral tone, shorter\)/);
    expect(statementOf(shorter).split(' ').length).toBeLessThan(first.split(' ').length);
    const warm = await s.send('Warmer');
    expect(warm).toMatch(/\(warm tone, shorter\)/);
    expect(statementOf(warm)).toMatch(/I stepped away from clinical training/);
    expect(warm).not.toMatch(/Warmer/);
    await s.send('Plainer');
    const plain = await s.send('Plainer');
    expect(plain).toMatch(/\(plain tone, shorter\)/);
    expect(statementOf(plain)).toMatch(/I was not in clinical training/);
    const full = await s.send('Fuller');
    expect(full).toMatch(/\(plain tone\)/);
  });

  it('saves, lists, opens, copies and deletes a draft', async () => {
    const s = h.session(uniqueUser());
    await gapDraft(s);
    const saved = await s.send('Save');
    expect(saved).toMatch(/Saved as "Gap July 2021 to December 2022 \(visa\)"/);
    expect(saved).toMatch(/Save changes/);
    const list = await s.send('/draft list');
    expect(list).toMatch(/Your saved drafts \(1 of 25/);
    expect(list).toMatch(
      /1\. Gap July 2021 to December 2022 \(visa\) \(gap explanation, saved 2025-06-15, kept until 2025-09-13\)/,
    );
    const opened = await s.send('1');
    expect(opened).toMatch(/Gap explanation draft \(neutral tone, saved\)/);
    const copy = await s.send('Copy');
    expect(copy).toMatch(/File gap-draft\.txt:\nGap explanation\n\nPersonal statement paragraph:\nFrom July 2021/);
    expect(copy).not.toMatch(/\[\d\]|\*\*/);
    await s.send('/draft list');
    await s.send('1');
    const deleted = await s.send('Delete');
    expect(deleted).toMatch(/Deleted the draft and its saved copy/);
    expect(await s.send('/draft list')).toMatch(/You have no saved drafts/);
  });

  it('Edit re-opens both steps pre-filled and Save changes updates the saved draft in place', async () => {
    const s = h.session(uniqueUser());
    await gapDraft(s);
    await s.send('Save');
    const edit = await s.send('Edit');
    expect(edit).toMatch(/Start month \(YYYY-MM\) \[2021-07\]/);
    await typeAll(s, ['', '', '', '']);
    const step2 = await s.send('Continue');
    expect(step2).toMatch(/What you did \(one per line, or use ;\) \[completed an online SQL course; volunteered at a clinic/);
    const edited = await typeAll(s, ['read about FHIR', '']);
    expect(statementOf(edited)).toMatch(/spent time reading about FHIR|I read about FHIR/);
    expect(edited).toMatch(/\(neutral tone, saved\)/);
    await s.send('Save changes');
    const list = await s.send('/draft list');
    expect(list).toMatch(/\(1 of 25/);
    expect(await s.send('1')).toMatch(/FHIR/);
  });

  it('drafts a disclosure from one form and a failure in two, naming a bad attempt', async () => {
    const s = h.session(uniqueUser());
    await s.send('/draft disclosure');
    const d = await typeAll(s, [
      'In 2018 I received a professionalism warning for repeated lateness.',
      'accepted responsibility and apologised to my team',
      'agreed a written schedule with my supervisor; took a time-management course',
      'kept a clean record, with strong evaluations in two rotations',
    ]);
    expect(d).toMatch(/Disclosure draft/);
    expect(statementOf(d)).toMatch(
      /In 2018 I received a professionalism warning for repeated lateness\. I accepted responsibility/,
    );

    await s.send('/draft failure');
    const bad = await typeAll(s, ['usmle step 1', 'many', '2019', 'I was working full time']);
    expect(bad).toMatch(/Which attempt \(1, 2, \.\.\.\)\*?\*?: must be a whole number/);
    await s.send('Fix answers');
    await typeAll(s, ['', 'second', '', '']);
    await s.send('Continue');
    const f = await typeAll(s, [
      'relied on passive reading',
      'did 40 timed questions a day for 10 weeks',
      'passed in 2020 with a 235',
    ]);
    expect(statementOf(f)).toMatch(/^I did not pass USMLE Step 1 on my second attempt in 2019\./);
    expect(f).toMatch(/Check notes: none/);
  });
});

describe('privacy, ownership and stale buttons', () => {
  const base = (user: User) => ({ platform: 'cli' as const, user, conversation: { id: `c-${user.id}`, isDirect: false } });
  const find = <T extends Block['type']>(replies: Reply[], type: T) =>
    replies.flatMap((r) => r.blocks).find((b): b is Extract<Block, { type: T }> => b.type === type);
  const buttonId = (replies: Reply[], label: string) =>
    find(replies, 'buttons')?.buttons.find((b) => b.label === label)?.id ?? '';

  async function submitDisclosure(user: User): Promise<Reply[]> {
    const start = await h.app.router.handle({ ...base(user), kind: 'command', command: 'draft', text: 'disclosure' });
    const form = find(start, 'form');
    if (!form) throw new Error('no form');
    return h.app.router.handle({
      ...base(user),
      kind: 'submit',
      formId: form.id,
      fields: {
        what: 'I was placed on probation in 2018.',
        ownership: 'I accepted it',
        actions: 'met my advisor weekly for a year',
        since: 'passed every later exam',
      },
    } satisfies Request);
  }

  it('answers privately even in a shared channel, and keeps forms within platform limits', async () => {
    const replies = await submitDisclosure(uniqueUser());
    expect(replies.every((r) => r.visibility === 'private')).toBe(true);
    for (const steps of Object.values(FORM_STEPS)) {
      expect(steps.length).toBeLessThanOrEqual(2);
      for (const step of steps) {
        expect(step.title.length).toBeLessThanOrEqual(45);
        expect(step.fields.length).toBeLessThanOrEqual(5);
        for (const f of step.fields) expect(f.label.length).toBeLessThanOrEqual(45);
      }
    }
  });

  it("refuses another member's click and leaves the draft untouched", async () => {
    const owner = uniqueUser('owner');
    const replies = await submitDisclosure(owner);
    const del = buttonId(replies, 'Delete');
    const other = await h.app.router.handle({ ...base(uniqueUser('other')), kind: 'action', actionId: del });
    expect(other[0]?.blocks[0]).toMatchObject({ markdown: expect.stringMatching(/belongs to someone else's session/) });
    const still = await h.app.store.get(DRAFTS_RECORD, { platform: 'cli', user: owner.id });
    expect(still?.current).toBeDefined();
  });

  it('says so when a button belongs to a draft that was replaced', async () => {
    const user = uniqueUser();
    const first = await submitDisclosure(user);
    await submitDisclosure(user);
    const stale = await h.app.router.handle({ ...base(user), kind: 'action', actionId: buttonId(first, 'Save') });
    expect(stale[0]?.blocks[0]).toMatchObject({ markdown: expect.stringMatching(/replaced or deleted/) });
    expect((await h.app.store.get(DRAFTS_RECORD, { platform: 'cli', user: user.id }))?.saved).toEqual([]);
  });

  it('refuses a tampered button payload and a select value that is not a saved draft', async () => {
    const user = uniqueUser();
    const replies = await submitDisclosure(user);
    const save = buttonId(replies, 'Save');
    const tampered = await h.app.router.handle({ ...base(user), kind: 'action', actionId: save.replace(/~save~/, '~drop~') });
    expect(tampered[0]?.blocks[0]).toMatchObject({ markdown: expect.stringMatching(/older version of this bot/) });
    const pick = await h.app.router.handle({
      ...base(user),
      kind: 'action',
      actionId: `draft~${user.id}~pick~list00`,
      values: ['zzzzzz99'],
    });
    expect(pick[0]?.blocks[0]).toMatchObject({ markdown: expect.stringMatching(/no longer saved/) });
  });

  it('never writes what the member typed to the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = createApp({ config: h.config, store: openStore(h.config), log: createLogger('debug', sink) });
    const s = new TerminalSession(app.router, { user: uniqueUser() });
    await s.send('/draft gap');
    await typeAll(s, ['2021-07', '2022-12', 'visa', 'Zanzibar consulate lost my passport']);
    await s.send('Continue');
    await typeAll(s, ['catalogued Quixotic registry spreadsheets', 'started an observership']);
    await s.send('Save');
    await app.close();
    const log = lines.join('');
    expect(log).toMatch(/"command":"draft"/);
    expect(log).not.toMatch(/Zanzibar|Quixotic|observership/);
  });
});

describe('storage: TTL, /forget, restarts and Redis', () => {
  it('expires a saved draft 90 days after its save', async () => {
    const s = h.session(uniqueUser());
    await gapDraft(s);
    await s.send('Save');
    clock = new Date('2025-09-12T12:00:00Z');
    expect(await s.send('/draft list')).toMatch(/\(1 of 25/);
    clock = new Date('2025-09-14T12:00:00Z');
    expect(await s.send('/draft list')).toMatch(/You have no saved drafts/);
    clock = new Date('2025-06-15T12:00:00Z');
  });

  it('/forget deletes every draft', async () => {
    const s = h.session(uniqueUser());
    await gapDraft(s);
    await s.send('Save');
    expect(await forgetAll(s)).toMatch(/deleted everything stored about you:\n- Saved gap draft/);
    expect(await s.send('/draft list')).toMatch(/You have no saved drafts/);
  });

  it('keeps saved drafts across a restart', async () => {
    const user = uniqueUser();
    await gapDraft(h.session(user));
    await h.session(user).send('/draft list');
    const s = h.session(user);
    await gapDraft(s);
    await s.send('Save');
    h = await h.restart();
    expect(await h.session(user).send('/draft list')).toMatch(/Gap July 2021 to December 2022/);
  });

  it('says so, and starts fresh, when a stored record no longer fits', async () => {
    const user = uniqueUser();
    const older = defineRecord('drafts', { version: 0, schema: z.object({ old: z.string() }), ttlDays: 1, personal: false });
    await h.app.store.save(older, { platform: 'cli', user: user.id }, { old: 'shape' });
    const out = await h.session(user).send('/draft list');
    expect(out).toMatch(/could not be read after an update, so they were cleared/);
    expect(out).toMatch(/You have no saved drafts/);
  });

  it('works the same on Redis: save, list, forget', async () => {
    const r = await makeHarness({ redisUrl: REDIS_URL });
    try {
      const user = uniqueUser('redis');
      const s = r.session(user);
      await gapDraft(s);
      await s.send('Save');
      expect(await s.send('/draft list')).toMatch(/\(1 of 25/);
      expect(await forgetAll(r.session(user))).toMatch(/deleted everything stored about you:\n- Saved gap draft/);
      expect(await r.session(user).send('/draft list')).toMatch(/You have no saved drafts/);
    } finally {
      await r.close();
      cleanup(r.dir);
    }
  });
});
