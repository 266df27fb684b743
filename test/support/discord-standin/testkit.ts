import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { actionId } from '../../../src/core/action-id.js';
import { type CommandDefinition, defineCommand, subcommand } from '../../../src/core/command.js';
import { notice, reply } from '../../../src/core/reply.js';
import { neutralize } from '../../../src/core/sanitize.js';
import type { Block } from '../../../src/core/types.js';
import { defineRecord } from '../../../src/store/record.js';

/**
 * Test-only commands that use every kind of neutral reply the adapter must carry, whatever the
 * real commands happen to use today: a DM drill with buttons, a select, a personal answer, a
 * two-step form, a slow answer, an oversized answer, a file and echoed text with mentions.
 */
const drillRecord = defineRecord('testkit-drill', {
  version: 1,
  schema: z.object({ nonce: z.string(), turn: z.number().int(), answers: z.array(z.string()) }),
  ttlDays: 1,
});

const owner = (ctx: { platform: string; user: { id: string } }) => ({ platform: ctx.platform, user: ctx.user.id });
const COLORS = Array.from({ length: 30 }, (_, i) => `color-${String(i + 1).padStart(2, '0')}`) as [string, ...string[]];

function question(turn: number, userId: string, nonce: string): Block[] {
  return [
    { type: 'text', markdown: `**Drill question ${turn}**\nTell me about a time you led a team. Type your answer here.` },
    {
      type: 'buttons',
      buttons: [
        { id: actionId('testkit', userId, nonce, 'skip'), label: 'Skip this one', style: 'secondary' },
        { id: actionId('testkit', userId, nonce, 'stop'), label: 'Stop the drill', style: 'danger' },
      ],
    },
  ];
}

function noteForm(userId: string, step: 1 | 2): Block {
  return step === 1
    ? {
        type: 'form',
        id: actionId('testkit', userId, 'note', '1'),
        title: 'Your note (step 1 of 2)',
        fields: [
          { id: 'title', label: 'Title', style: 'short', required: true, maxLength: 80 },
          { id: 'body', label: 'What happened', style: 'paragraph', required: false, placeholder: 'A few sentences' },
        ],
      }
    : {
        type: 'form',
        id: actionId('testkit', userId, 'note', '2'),
        title: 'Your note (step 2 of 2)',
        fields: [{ id: 'lesson', label: 'What you learned', style: 'paragraph', required: true, value: 'Pre-filled draft' }],
      };
}

export const testkit: CommandDefinition = defineCommand({
  name: 'testkit',
  description: 'Test-only command exercising every reply shape',
  subcommands: [
    subcommand({
      name: 'drill',
      description: 'Start a drill in DMs',
      options: z.object({}),
      async run(_input, ctx) {
        const nonce = randomBytes(4).toString('hex');
        await ctx.store.save(drillRecord, owner(ctx), { nonce, turn: 1, answers: [] });
        return reply(question(1, ctx.user.id, nonce), 'direct');
      },
    }),
    subcommand({
      name: 'pick',
      description: 'A public menu and buttons only the caller may use',
      options: z.object({ color: z.enum(COLORS).optional().meta({ description: 'A colour (30 choices)' }) }),
      async run({ color }, ctx) {
        return reply(
          [
            { type: 'text', markdown: `Pick a topic${color ? ` (colour ${color})` : ''}.` },
            {
              type: 'select',
              id: actionId('testkit', ctx.user.id, 'topic'),
              placeholder: 'Choose a topic',
              options: [
                { value: 'visa', label: 'Visas', description: 'H-1B and J-1' },
                { value: 'interview', label: 'Interviews' },
              ],
            },
            { type: 'buttons', buttons: [{ id: actionId('testkit', ctx.user.id, 'done'), label: 'Done', style: 'primary' }] },
          ],
          'public',
        );
      },
    }),
    subcommand({
      name: 'note',
      description: 'A two-step form',
      options: z.object({}),
      async run(_input, ctx) {
        return reply([{ type: 'text', markdown: 'Write a note.' }, noteForm(ctx.user.id, 1)], 'private');
      },
    }),
    subcommand({
      name: 'slow',
      description: 'Answers after a delay',
      options: z.object({
        ms: z.number().int().min(0).max(10_000).meta({ description: 'Delay in milliseconds' }),
        form: z.boolean().optional().meta({ description: 'Answer with a form' }),
        private: z.boolean().optional().meta({ description: 'Answer privately' }),
      }),
      async run({ ms, form, private: secret }, ctx) {
        await sleep(ms);
        if (form) return reply([noteForm(ctx.user.id, 1)], 'private');
        return reply([{ type: 'text', markdown: `Slow answer after ${ms} ms.` }], secret ? 'private' : 'public');
      },
    }),
    subcommand({
      name: 'big',
      description: 'An answer larger than any one Discord message',
      options: z.object({}),
      async run(_input, ctx) {
        const paragraphs = Array.from({ length: 60 }, (_, i) => `PARA-${i + 1} ${'lorem ipsum dolor '.repeat(12).trim()}`);
        const blocks: Block[] = [
          { type: 'text', markdown: paragraphs.join('\n\n') },
          {
            type: 'fields',
            fields: Array.from({ length: 30 }, (_, i) => ({
              label: `Field ${i + 1}`,
              value: `value-${i + 1} ${'x'.repeat(i * 40)}`,
            })),
          },
          {
            type: 'sources',
            items: Array.from({ length: 40 }, (_, i) => ({
              id: `s${i}`,
              title: `Source section ${i + 1}`,
              guide: 'Guide',
              reviewed: '2025-01-01',
            })),
          },
          {
            type: 'buttons',
            buttons: Array.from({ length: 27 }, (_, i) => ({
              id: actionId('testkit', ctx.user.id, 'b', String(i + 1)),
              label: `Option ${i + 1}`,
            })),
          },
          {
            type: 'select',
            id: actionId('testkit', ctx.user.id, 'many'),
            placeholder: 'Many choices',
            options: Array.from({ length: 40 }, (_, i) => ({ value: `v${i + 1}`, label: `Choice ${i + 1}` })),
          },
        ];
        return reply(blocks, 'public');
      },
    }),
    subcommand({
      name: 'file',
      description: 'A file attachment',
      options: z.object({}),
      async run() {
        return reply(
          [
            { type: 'text', markdown: 'Your export:' },
            { type: 'file', name: 'tracker.csv', mime: 'text/csv', content: 'program,status\nMercy General,applied\n' },
          ],
          'private',
        );
      },
    }),
    subcommand({
      name: 'echo',
      description: 'Repeats text publicly, as-is',
      options: z.object({ text: z.string().max(500).meta({ description: 'Text to repeat', rest: true }) }),
      async run({ text }) {
        return reply([{ type: 'text', markdown: `You said: ${text}` }], 'public');
      },
    }),
  ],
  async onAction(payload, values, ctx) {
    const [kind, ...rest] = payload;
    if (kind === 'topic')
      return reply([{ type: 'text', markdown: `You chose ${values?.[0] ?? 'nothing'}.` }], 'public', { replace: true });
    if (kind === 'done') return reply([{ type: 'text', markdown: 'Finished picking.' }], 'public', { replace: true });
    if (kind === 'note' && rest[0] === '2') return reply([noteForm(ctx.user.id, 2)], 'private');
    if (kind === 'b' || kind === 'many') return notice(`Clicked ${rest[0] ?? values?.[0]}.`);
    const state = await ctx.store.get(drillRecord, owner(ctx));
    if (!state || state.nonce !== kind)
      return notice('That drill has ended or was replaced. Start a new one with `/testkit drill`.');
    if (rest[0] === 'stop') {
      await ctx.store.remove(drillRecord, owner(ctx));
      return reply([{ type: 'text', markdown: 'Drill stopped.' }], 'direct', { replace: true });
    }
    const next = { ...state, turn: state.turn + 1 };
    await ctx.store.save(drillRecord, owner(ctx), next);
    return reply(question(next.turn, ctx.user.id, state.nonce), 'direct', { replace: true });
  },
  async onSubmit(payload, fields, ctx) {
    if (payload[0] !== 'note') return notice('Unknown form.');
    if (payload[1] === '1') {
      return reply(
        [
          {
            type: 'text',
            markdown: `Saved "${neutralize(fields.title ?? '')}" (${(fields.body ?? '').length} characters). One more step:`,
          },
          {
            type: 'buttons',
            buttons: [{ id: actionId('testkit', ctx.user.id, 'note', '2'), label: 'Continue', style: 'primary' }],
          },
        ],
        'private',
      );
    }
    return reply([{ type: 'text', markdown: `Lesson noted: ${neutralize(fields.lesson ?? '')}` }], 'private');
  },
  async onMessage(text, ctx) {
    const state = await ctx.store.get(drillRecord, owner(ctx));
    if (!state) return null;
    const next = { ...state, turn: state.turn + 1, answers: [...state.answers, text] };
    await ctx.store.save(drillRecord, owner(ctx), next);
    return reply(
      [
        { type: 'text', markdown: `Answer ${state.turn} noted (${text.length} characters).` },
        ...question(next.turn, ctx.user.id, state.nonce),
      ],
      'direct',
    );
  },
});

/** A personal command: every reply is private, whatever it asks for. */
export const secret: CommandDefinition = defineCommand({
  name: 'secret',
  description: 'Test-only personal command',
  personal: true,
  options: z.object({}),
  async run() {
    return reply([{ type: 'text', markdown: 'Only you can see this.' }], 'public');
  },
});
