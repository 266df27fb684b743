import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  commandJson,
  discordName,
  registrationJson,
  registrationProblems,
  runRegister,
} from '../src/adapters/discord/register.js';
import { registry } from '../src/app/features.js';
import { defineCommand, subcommand } from '../src/core/command.js';
import { offeredOn } from '../src/core/router.js';
import { DiscordStandin } from './support/discord-standin/server.js';
import { testkit } from './support/discord-standin/testkit.js';
import { commandsProblems } from './support/discord-standin/validate.js';

/** Script-only commands (`report`, `proposals`) are not registered as slash commands. */
const onDiscord = () => registry().filter((c) => offeredOn(c.surfaces, 'discord'));

/** Slash commands are generated from the command definitions; Discord must accept every one. */
describe('registration JSON', () => {
  it('covers every command in the registry and passes Discord’s rules, globally and per server', () => {
    for (const scope of ['global', 'guild'] as const) {
      const json = registrationJson([...registry(), testkit], scope);
      expect(json.map((c) => c.name)).toEqual([...onDiscord().map((c) => c.name), 'testkit']);
      expect(registrationProblems(json)).toEqual([]);
      expect(commandsProblems(json, scope)).toEqual([]);
    }
  });

  it('offers global commands in servers and in DMs with the bot; server commands carry no contexts', () => {
    const ask = registry().find((c) => c.name === 'ask');
    if (!ask) throw new Error('no /ask');
    expect(commandJson(ask, 'global')).toMatchObject({ contexts: [0, 1], integration_types: [0] });
    expect(commandJson(ask, 'guild')).not.toHaveProperty('contexts');
  });

  it('shows /settings only to members who can manage the server, and only in servers', () => {
    const settings = registry().find((c) => c.name === 'settings');
    if (!settings) throw new Error('no /settings');
    expect(commandJson(settings, 'global')).toMatchObject({ default_member_permissions: String(1 << 5), contexts: [0] });
    expect(commandJson(settings, 'guild')).toMatchObject({ default_member_permissions: String(1 << 5) });
  });

  it('types options, keeps choices, and asks for autocomplete where the schema says so', () => {
    const visa = commandJson(registry().find((c) => c.name === 'visa') as NonNullable<ReturnType<typeof registry>[number]>);
    expect(visa.options).toEqual([
      expect.objectContaining({ name: 'question', type: 3, required: false, autocomplete: true, max_length: 1000 }),
    ]);
    const kit = commandJson(testkit);
    const slow = kit.options?.find((o) => o.name === 'slow') as {
      type: number;
      options: { name: string; type: number; min_value?: number }[];
    };
    expect(slow.type).toBe(1);
    expect(slow.options.map((o) => [o.name, o.type, o.min_value])).toEqual([
      ['ms', 4, 0],
      ['form', 5, undefined],
      ['private', 5, undefined],
    ]);
    const pick = kit.options?.find((o) => o.name === 'pick') as unknown as { options: Record<string, unknown>[] };
    // 30 colours do not fit Discord's 25 choices: the adapter answers them as autocomplete.
    expect(pick.options[0]).toMatchObject({ name: 'color', autocomplete: true });
    expect(pick.options[0]).not.toHaveProperty('choices');
  });

  it('puts required options first and lower-cases names', () => {
    const def = defineCommand({
      name: 'plan',
      description: 'Plan',
      options: z.object({
        note: z.string().optional().meta({ description: 'A note' }),
        startDate: z.string().meta({ description: 'When' }),
        kind: z.enum(['a', 'b']).meta({ description: 'Which' }),
      }),
      async run() {
        return [];
      },
    });
    expect(commandJson(def).options?.map((o) => [o.name, o.required])).toEqual([
      ['start_date', true],
      ['kind', true],
      ['note', false],
    ]);
    expect(discordName('startDate')).toBe('start_date');
  });

  it('reports what Discord would refuse', () => {
    const many = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`o${i}`, z.string().optional()]));
    const bad = defineCommand({
      name: 'ask!me',
      description: '',
      subcommands: [
        subcommand({
          name: 'x',
          description: 'd',
          options: z.object(many),
          async run() {
            return [];
          },
        }),
      ],
    });
    const problems = registrationProblems([commandJson(bad)]);
    expect(problems.join('\n')).toMatch(/name "ask!me" must be 1-32 lower-case letters/);
    expect(problems.join('\n')).toMatch(/description must be 1-100 characters \(has 0\)/);
    expect(problems.join('\n')).toMatch(/26 options; at most 25/);
  });
});

describe('DISCORD_API_URL', () => {
  it('accepts the API base with or without the version', async () => {
    const { restOptions } = await import('../src/adapters/discord/client.js');
    expect(restOptions({ DISCORD_API_URL: 'http://127.0.0.1:8080/api/v10/' }).api).toBe('http://127.0.0.1:8080/api');
    expect(restOptions({ DISCORD_API_URL: 'http://127.0.0.1:8080/api' }).api).toBe('http://127.0.0.1:8080/api');
    expect(restOptions({}).api).toBe('https://discord.com/api');
  });
});

describe('npm run discord:register', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('prints the JSON with --print and needs no token', async () => {
    delete process.env.DISCORD_TOKEN;
    delete process.env.DISCORD_GUILD_ID;
    const lines: string[] = [];
    expect(await runRegister(registry(), ['--print'], (l) => lines.push(l))).toBe(0);
    const printed = JSON.parse(lines.join('\n')) as { name: string }[];
    expect(printed.map((c) => c.name)).toEqual(onDiscord().map((c) => c.name));
  });

  it('registers globally, or in one server for fast iteration', async () => {
    const standin = await DiscordStandin.start();
    try {
      Object.assign(process.env, {
        DISCORD_TOKEN: standin.token,
        DISCORD_APPLICATION_ID: standin.applicationId,
        DISCORD_API_URL: standin.apiUrl,
      });
      delete process.env.DISCORD_GUILD_ID;
      const out: string[] = [];
      expect(await runRegister(registry(), [], (l) => out.push(l))).toBe(0);
      expect(standin.commands.get('global')?.map((c) => c.name)).toEqual(onDiscord().map((c) => c.name));
      expect(out.join('\n')).toMatch(/Registered \d+ commands in every server and DM/);

      const guild = standin.addGuild();
      process.env.DISCORD_GUILD_ID = guild;
      expect(await runRegister(registry(), [], (l) => out.push(l))).toBe(0);
      expect(standin.commands.get(guild)?.length).toBe(onDiscord().length);
      expect(standin.rejections).toEqual([]);
    } finally {
      await standin.close();
    }
  });
});
