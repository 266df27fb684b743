import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { feedbackButtons } from '../src/core/feedback.js';
import { updateServerSettings } from '../src/core/server-settings.js';
import type { Block, Reply, Request, User } from '../src/core/types.js';
import { propose } from '../src/features/advisors/proposals.js';
import { createLogger } from '../src/log.js';
import { memoryStore } from '../src/store/open.js';
import { LocalScheduler, RedisScheduler } from '../src/store/schedule.js';
import { REDIS_URL, uniqueUser, useHarness } from './support/harness.js';
import { runScript } from './support/script.js';

const h = useHarness();
const SERVER = `g${process.pid}`;
const ADVISOR_ROLE = 'R0ADVISORS';
const CHANNEL = 'C0ADVISORS';

type Caller = User & { roles?: string[] };
function request(caller: Caller, rest: Partial<Request> & Pick<Request, 'kind'>): Request {
  const { roles, ...user } = caller;
  return {
    platform: 'discord',
    user,
    member: { admin: false, roles: roles ?? [] },
    conversation: { id: 'chan-general', isDirect: false },
    team: SERVER,
    ...rest,
  } as Request;
}
const click = (user: Caller, actionId: string) => h.app.router.handle(request(user, { kind: 'action', actionId }));
const submit = (user: Caller, formId: string, fields: Record<string, string>) =>
  h.app.router.handle(request(user, { kind: 'submit', formId, fields }));
const command = (user: Caller, text: string) => {
  const [name = '', ...rest] = text.split(' ');
  return h.app.router.handle(request(user, { kind: 'command', command: name, text: rest.join(' ') }));
};

const blocksOf = (replies: Reply[]) => replies.flatMap((r) => r.blocks);
const textOf = (replies: Reply[]) =>
  blocksOf(replies)
    .flatMap((b) => (b.type === 'text' ? [b.markdown] : []))
    .join('\n');
function button(replies: Reply[], label: RegExp): string {
  const b = blocksOf(replies)
    .flatMap((x: Block) => (x.type === 'buttons' ? x.buttons : []))
    .find((x) => label.test(x.label));
  if (!b) throw new Error(`no button ${label} in ${JSON.stringify(replies)}`);
  return b.id;
}
function form(replies: Reply[]): Extract<Block, { type: 'form' }> {
  const f = blocksOf(replies).find((b) => b.type === 'form');
  if (f?.type !== 'form') throw new Error('no form');
  return f;
}

async function report() {
  const r = await runScript(h.app, ['report', '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).report as {
    feedback: { section: string; up: number; down: number; reasons: Record<string, number> }[];
    handoffs: { open: number; answered: number; withdrawn: number };
    mostAsked: { section: string; count: number }[];
  };
}

describe('what members ask', () => {
  it('counts each answered question for the section it came from, and not one-shot scripts', async () => {
    const ask = () => command(uniqueUser(), 'ask what does cap exempt mean');
    const [first] = await ask();
    const section = (first?.blocks.find((b) => b.type === 'sources') as Extract<Block, { type: 'sources' }> | undefined)?.items[0]
      ?.id;
    expect(section).toBeDefined();
    const count = async () => (await report()).mostAsked.find((a) => a.section === section)?.count ?? 0;
    const before = await count();
    await ask();
    await ask();
    await runScript(h.app, ['ask', '--json', 'what does cap exempt mean']);
    expect(await count()).toBe(before + 2);
  });
});

describe('feedback on answers', () => {
  it('counts two clicks of thumbs up by one member once, and shows a thumbs down with its reason', async () => {
    const section = 'h1b-basics';
    const before = (await report()).feedback.find((f) => f.section === section) ?? {
      up: 0,
      down: 0,
      reasons: {} as Record<string, number>,
    };
    const member = uniqueUser();
    const [up] = (feedbackButtons(member.id, section) as Extract<Block, { type: 'buttons' }>).buttons;
    await click(member, up?.id ?? '');
    expect(textOf(await click(member, up?.id ?? ''))).toMatch(/Thanks/);

    const other = uniqueUser();
    const [, down] = (feedbackButtons(other.id, section) as Extract<Block, { type: 'buttons' }>).buttons;
    const asked = await click(other, down?.id ?? '');
    await click(other, button(asked, /Outdated/));

    const row = (await report()).feedback.find((f) => f.section === section);
    expect(row?.up).toBe(before.up + 1);
    expect(row?.down).toBe(before.down + 1);
    expect(row?.reasons.outdated).toBe((before.reasons.outdated ?? 0) + 1);
  });

  it('lets the latest click win: up then down on one answer is one thumbs down', async () => {
    const section = 'h1b-cap-exempt-vs-cap-subject';
    const before = (await report()).feedback.find((f) => f.section === section) ?? { up: 0, down: 0 };
    const member = uniqueUser();
    const [up, down] = (feedbackButtons(member.id, section) as Extract<Block, { type: 'buttons' }>).buttons;
    await click(member, up?.id ?? '');
    await click(member, down?.id ?? '');
    const row = (await report()).feedback.find((f) => f.section === section);
    expect([row?.up, row?.down]).toEqual([before.up, before.down + 1]);
  });

  it('refuses someone else’s thumbs', async () => {
    const member = uniqueUser();
    const [up] = (feedbackButtons(member.id, 'h1b-basics') as Extract<Block, { type: 'buttons' }>).buttons;
    expect(textOf(await click(uniqueUser(), up?.id ?? ''))).toMatch(/someone else/);
  });
});

describe('hand-off to an advisor', () => {
  it('shows the member exactly what is sent, posts an anonymous card, and brings the advisor’s answer to the member alone', async () => {
    await updateServerSettings(h.app.store, 'discord', SERVER, (s) => ({
      ...s,
      advisorChannel: CHANNEL,
      advisorRole: ADVISOR_ROLE,
    }));
    const member = uniqueUser('asker');
    const question = 'Does a hospital that is part of a state university count as cap-exempt for a fellowship?';
    const opened = await command(member, 'advisor ask');
    const previewed = await submit(member, form(opened).id, { question });
    expect(textOf(previewed)).toContain(`> ${question}`);
    const sent = await click(member, button(previewed, /anonymously/));
    const cardReply = sent.find((r) => r.deliver && 'channel' in r.deliver);
    expect(cardReply?.deliver).toEqual({ channel: CHANNEL });
    const cardJson = JSON.stringify(cardReply);
    expect(cardJson).toContain(question);
    expect(cardJson).toContain('anonymous');
    expect(cardJson).not.toContain(member.id);
    expect(cardJson).not.toContain(member.name);
    expect((await report()).handoffs.open).toBeGreaterThanOrEqual(1);

    // Someone without the advisor role cannot answer; an advisor can.
    const answerId = button([cardReply as Reply], /^Answer$/);
    expect(textOf(await click(uniqueUser('bystander'), answerId))).toMatch(/Only the server’s advisors/);
    const advisor = { ...uniqueUser('advisor'), roles: [ADVISOR_ROLE] };
    const answerForm = form(await click(advisor, answerId));
    const answered = await submit(advisor, answerForm.id, {
      answer:
        'Usually yes: a hospital owned by or formally affiliated with a university is cap-exempt. Confirm with the program and an attorney.',
      propose: 'yes',
    });
    const toMember = answered.find((r) => r.deliver && 'user' in r.deliver);
    expect(toMember?.deliver).toEqual({ user: member.id });
    expect(toMember?.visibility).toBe('direct');
    expect(textOf(answered)).toMatch(/Answered by advisor/);
    // The member rates it; a second answer to the same card is refused.
    expect(textOf(await click(member, button([toMember as Reply], /Helpful/)))).toMatch(/Thanks/);
    expect(textOf(await click(advisor, answerId))).toMatch(/already closed/);
  });

  it('refuses /advisor report to a member without the advisor role, privately', async () => {
    await updateServerSettings(h.app.store, 'discord', SERVER, (s) => ({
      ...s,
      advisorChannel: CHANNEL,
      advisorRole: ADVISOR_ROLE,
    }));
    const [refusal] = await command(uniqueUser(), 'advisor report');
    expect(refusal?.visibility).toBe('private');
    expect(textOf(refusal ? [refusal] : [])).toMatch(/Only the server’s advisors/);
    const [shown] = await command({ ...uniqueUser(), roles: [ADVISOR_ROLE] }, 'advisor report 7');
    expect(textOf(shown ? [shown] : [])).toMatch(/Most-asked sections/);
  });

  it('/forget removes the member’s pending hand-offs and votes', async () => {
    await updateServerSettings(h.app.store, 'discord', SERVER, (s) => ({
      ...s,
      advisorChannel: CHANNEL,
      advisorRole: ADVISOR_ROLE,
    }));
    const member = uniqueUser('forgetful');
    const section = 'h1b-attorney-when';
    const before = await report();
    const [up] = (feedbackButtons(member.id, section) as Extract<Block, { type: 'buttons' }>).buttons;
    await click(member, up?.id ?? '');
    const previewed = await submit(member, form(await command(member, 'advisor ask')).id, {
      question: 'Private worry about my visa timeline',
    });
    await click(member, button(previewed, /my name/));
    expect((await report()).handoffs.open).toBe(before.handoffs.open + 1);

    const asked = await h.app.router.handle(request(member, { kind: 'command', command: 'forget', text: '' }));
    expect(textOf(asked)).toMatch(/your thumbs on answers[\s\S]*your questions to the advisors/);
    const done = await click(member, button(asked, /Delete everything/));
    expect(textOf(done)).toMatch(/Done\. I deleted everything/);
    const after = await report();
    expect(after.handoffs.open).toBe(before.handoffs.open);
    expect(after.feedback.find((f) => f.section === section)?.up ?? 0).toBe(
      before.feedback.find((f) => f.section === section)?.up ?? 0,
    );
  });
});

describe('guide proposals', () => {
  it('writes an advisor’s answer as guide YAML that content-check accepts, and names a clash', async () => {
    await propose(h.app.store, {
      id: `p-${process.pid}`,
      question: 'Can I moonlight while on a cap-exempt H-1B during fellowship?',
      answer:
        'Not without a second petition: each employer files its own H-1B. Ask your GME office before you agree to any outside work, and keep the paperwork.',
      visa: true,
      by: 'An advisor',
      at: '2026-11-30T10:00:00.000Z',
    });
    const out = mkdtempSync(path.join(tmpdir(), 'img-proposals-'));
    const r = await runScript(h.app, ['proposals', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const files = readdirSync(out);
    expect(files.length).toBeGreaterThanOrEqual(1);
    const doc = parse(readFileSync(path.join(out, files[0] ?? ''), 'utf8'));
    expect(doc.sections[0].id).toMatch(/^proposed-/);

    const { runContentCheck } = await import('../src/app/tools/content-check.js');
    const { FEATURES } = await import('../src/app/features.js');
    const io = () => {
      const lines: string[] = [];
      return {
        lines,
        io: {
          stdout: (t: string) => lines.push(t),
          stderr: (t: string) => lines.push(t),
          readStdin: async () => '',
          readFile: async () => '',
        },
      };
    };
    const ok = io();
    expect(await runContentCheck(FEATURES, h.config, ok.io, ['--proposals', out])).toBe(0);
    doc.sections[0].id = 'h1b-basics';
    writeFileSync(path.join(out, files[0] ?? ''), JSON.stringify(doc));
    const bad = io();
    expect(await runContentCheck(FEATURES, h.config, bad.io, ['--proposals', out])).toBe(1);
    expect(bad.lines.join('\n')).toMatch(/h1b-basics/);
  });
});

describe('the digest schedule', () => {
  const log = createLogger('silent');

  it('runs once per period on the embedded store, and not again after a restart within it', async () => {
    const store = memoryStore();
    let now = 1_000_000;
    const ticks: string[] = [];
    const first = new LocalScheduler(store, log, () => now);
    await first.every('digest-test', 60_000, async (t) => {
      ticks.push(t);
    });
    await new Promise((r) => setTimeout(r, 50));
    await first.close();
    const restarted = new LocalScheduler(store, log, () => now + 1_000);
    await restarted.every('digest-test', 60_000, async (t) => {
      ticks.push(t);
    });
    await new Promise((r) => setTimeout(r, 50));
    await restarted.close();
    expect(ticks).toHaveLength(1);
    now += 61_000;
    const later = new LocalScheduler(store, log, () => now);
    await later.every('digest-test', 60_000, async (t) => {
      ticks.push(t);
    });
    await new Promise((r) => setTimeout(r, 50));
    await later.close();
    expect(ticks).toHaveLength(2);
  });

  it('runs each period once across two instances sharing Redis, and again after a restart', async () => {
    const name = `digest-${process.pid}-${Date.now().toString(36)}`;
    const ticks: string[] = [];
    const record = async (t: string) => {
      ticks.push(t);
    };
    const a = new RedisScheduler(REDIS_URL, log);
    const b = new RedisScheduler(REDIS_URL, log);
    await a.every(name, 300, record);
    await b.every(name, 300, record);
    const until = async (n: number) => {
      for (let i = 0; i < 100 && ticks.length < n; i++) await new Promise((r) => setTimeout(r, 100));
    };
    await until(3);
    await Promise.all([a.close(), b.close()]);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ticks).size).toBe(ticks.length);

    const seen = ticks.length;
    const c = new RedisScheduler(REDIS_URL, log);
    await c.every(name, 300, record);
    await until(seen + 1);
    await c.close();
    expect(ticks.length).toBeGreaterThan(seen);
    expect(new Set(ticks).size).toBe(ticks.length);
  });
});
