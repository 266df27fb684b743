import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../src/config.js';
import { defineCommand } from '../src/core/command.js';
import { notice } from '../src/core/reply.js';
import { Router } from '../src/core/router.js';
import type { Request } from '../src/core/types.js';
import { commandUsages } from '../src/core/usage.js';
import { createLogger } from '../src/log.js';
import { memoryStore } from '../src/store/open.js';

/** A command with a script-only option, saying what it was given and where it ran. */
const probe = defineCommand({
  name: 'probe',
  description: 'Says what it saw',
  options: z.object({
    word: z.string().optional().meta({ description: 'Any word', rest: true }),
    file: z
      .string()
      .optional()
      .meta({ description: 'Scripts only', file: true, surfaces: ['script'] }),
  }),
  async run({ word, file }, ctx) {
    return notice(`surface=${ctx.surface} word=${word ?? '-'} file=${file ?? '-'}`);
  },
});

const router = new Router({ commands: [probe], store: memoryStore(), config: loadConfig({}), log: createLogger('silent') });
const user = { id: 'u1', name: 'u' };
const said = async (req: Partial<Request> & Pick<Request, 'platform'>) => {
  const [r] = await router.handle({
    kind: 'command',
    command: 'probe',
    user,
    conversation: { id: 'c', isDirect: true },
    ...req,
  } as Request);
  return r?.blocks[0]?.type === 'text' ? r.blocks[0].markdown : '';
};

describe('surfaces: where a request came from and what it may set', () => {
  it('tells the command whether it runs in a chat, the terminal or a script', async () => {
    expect(await said({ platform: 'discord', options: {} })).toMatch(/^surface=discord/);
    expect(await said({ platform: 'slack', text: '' })).toMatch(/^surface=slack/);
    expect(await said({ platform: 'cli', text: '' })).toMatch(/^surface=terminal/);
    expect(await said({ platform: 'cli', options: {}, script: true } as Partial<Request> & { platform: 'cli' })).toMatch(
      /^surface=script/,
    );
  });

  it('ignores a script-only option sent from a chat platform, typed or as text', async () => {
    expect(await said({ platform: 'discord', options: { file: 'secret.json' } })).toBe('surface=discord word=- file=-');
    expect(await said({ platform: 'cli', text: 'file:secret.json' })).toMatch(/file=-$/);
    const scripted = { platform: 'cli', options: { file: '{}' }, script: true } as Partial<Request> & { platform: 'cli' };
    expect(await said(scripted)).toBe('surface=script word=- file={}');
  });

  it('leaves script-only options out of the usage lines chat shows (/help, README)', () => {
    expect(commandUsages([probe]).map((u) => u.usage)).toEqual(['/probe [word]']);
  });
});
