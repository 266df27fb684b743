import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../src/config.js';
import { actionId } from '../src/core/action-id.js';
import { defineCommand } from '../src/core/command.js';
import { textToOptions, tokenize, validateOptions } from '../src/core/parse-text.js';
import { notice, reply } from '../src/core/reply.js';
import { Router } from '../src/core/router.js';
import { neutralize } from '../src/core/sanitize.js';
import type { Request } from '../src/core/types.js';
import { createLogger } from '../src/log.js';
import { memoryStore } from '../src/store/open.js';

describe('text options', () => {
  const schema = z.object({
    category: z.enum(['behavioral', 'motivation']).optional(),
    count: z.coerce.number().int().min(1).max(20).optional(),
    note: z.string().max(10).optional().meta({ rest: true }),
  });

  it('keeps quoted phrases together', () => {
    expect(tokenize('compare "Mercy General" “Lake Side” plain')).toEqual(['compare', 'Mercy General', 'Lake Side', 'plain']);
  });

  it('gives each word to the first option that can take it, in any order', () => {
    expect(textToOptions(schema, '5 behavioral')).toEqual({ count: 5, category: 'behavioral' });
    expect(textToOptions(schema, 'count:3 MOTIVATION')).toEqual({ count: 3, category: 'motivation' });
  });

  it('names the option and what it accepts when a value is wrong', () => {
    const bad = validateOptions(schema, textToOptions(schema, 'count:50'));
    expect(bad).toEqual({ ok: false, problems: ['`count` must be a whole number from 1 to 20.'] });
    const long = validateOptions(schema, { note: 'x'.repeat(11) });
    expect(long.ok || long.problems).toEqual(['`note` is too long: at most 10 characters.']);
  });
});

describe('router', () => {
  const seen: string[] = [];
  const probe = defineCommand({
    name: 'probe',
    description: 'test command',
    personal: true,
    options: z.object({ n: z.coerce.number().int().min(1).max(3) }),
    async run({ n }, ctx) {
      return reply([{ type: 'buttons', buttons: [{ id: actionId('probe', ctx.user.id, String(n)), label: 'Go' }] }], 'public');
    },
    async onAction(payload) {
      seen.push(payload.join(','));
      return notice(`clicked ${payload[0]}`);
    },
  });
  const broken = defineCommand({
    name: 'broken',
    description: 'always fails',
    options: z.object({}),
    async run() {
      throw new Error('secret stack detail');
    },
  });
  const router = new Router({
    commands: [probe, broken],
    store: memoryStore(),
    config: loadConfig({}),
    log: createLogger('silent'),
  });
  const base = (id: string) => ({
    platform: 'discord' as const,
    user: { id, name: id },
    conversation: { id: 'c1', isDirect: false },
  });

  it('keeps a personal command private even when it answers "public"', async () => {
    const [r] = await router.handle({ ...base('ann'), kind: 'command', command: 'probe', text: '2' });
    expect(r?.visibility).toBe('private');
  });

  it("refuses someone else's click and does not run the handler", async () => {
    const id = actionId('probe', 'ann', '2');
    const [refused] = await router.handle({ ...base('bob'), kind: 'action', actionId: id });
    expect(refused?.fallbackText).toMatch(/someone else's session/);
    expect(seen).toEqual([]);
    const [ok] = await router.handle({ ...base('ann'), kind: 'action', actionId: id });
    expect(ok?.fallbackText).toBe('clicked 2');
    expect(seen).toEqual(['2']);
  });

  it('turns a failure into a calm message without the error text', async () => {
    const [r] = await router.handle({ ...base('ann'), kind: 'command', command: 'broken', text: '' });
    expect(r?.fallbackText).toMatch(/something went wrong on my side/);
    expect(JSON.stringify(r)).not.toMatch(/secret stack detail/);
  });

  it('explains bad options and unknown commands as usage errors', async () => {
    const [bad] = await router.handle({ ...base('ann'), kind: 'command', command: 'probe', text: '9' });
    expect(bad?.error).toBe('usage');
    expect(bad?.fallbackText).toMatch(/`n` must be a whole number from 1 to 3/);
    const [unknown] = await router.handle({ ...base('ann'), kind: 'command', command: 'nope', text: '' });
    expect(unknown?.fallbackText).toMatch(/I don't know `\/nope`/);
  });
});

describe('privacy', () => {
  it('never writes what a member typed to the log', async () => {
    let logged = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        logged += String(chunk);
        done();
      },
    });
    const { makeHarness } = await import('./support/harness.js');
    const h = await makeHarness();
    const { createApp } = await import('../src/app/app.js');
    const app = createApp({ config: h.config, store: h.app.store, log: createLogger('trace', sink) });
    const secret = 'my-private-story-about-failing-step1-zq';
    const req: Request = {
      platform: 'cli',
      user: { id: 'u', name: 'u' },
      conversation: { id: 'c', isDirect: true },
      kind: 'command',
      command: 'ask',
      text: secret,
    };
    await app.router.handle(req);
    await app.router.handle({ ...req, kind: 'message', text: secret });
    expect(logged).toMatch(/handled/);
    expect(logged).not.toContain('zq');
    await h.close();
  });

  it('neutralizes mass mentions, user pings and links in echoed text', () => {
    const out = neutralize('hi @everyone and @here <@123> <@&456> <!channel> https://evil.example');
    expect(out).not.toMatch(/@everyone|@here|<@123>|<@&456>|<!channel>|https:\/\//);
  });
});

describe('config', () => {
  it('reads blank variables as unset and names every bad one', () => {
    expect(loadConfig({ REDIS_URL: '  ' }).REDIS_URL).toBeUndefined();
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', DISCORD_SHARDS: 'many' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.split('\n').sort()).toEqual([
      'DISCORD_SHARDS is not valid: expected "auto" or a whole number of shards from 1.',
      'PORT is not valid: expected a port number from 1 to 65535.',
    ]);
  });
});

describe('text options: a word that fits nowhere', () => {
  it('is blamed on the option it was probably meant for', () => {
    const schema = z.object({
      category: z.enum(['behavioral', 'motivation']).optional(),
      count: z.coerce.number().int().optional(),
    });
    const v = validateOptions(schema, textToOptions(schema, 'cooking'));
    expect(v).toEqual({ ok: false, problems: ['`category` must be one of: behavioral, motivation.'] });
  });
});
