import { z } from 'zod';
import { actionId } from '../../../src/core/action-id.js';
import { defineCommand } from '../../../src/core/command.js';
import { notice, reply, textReply, usageError } from '../../../src/core/reply.js';
import { defineRecord } from '../../../src/store/record.js';

/**
 * Test-only commands that exercise every neutral block and flow the Slack adapter must carry:
 * buttons and selects (quiz), a form with validation (note), a DM drill (drill), a slow core
 * (slow) and files (export). The adapter has no code for any of them.
 */

const quizState = defineRecord('slack-test-quiz', {
  version: 1,
  schema: z.object({ nonce: z.string(), picked: z.string().optional() }),
  ttlDays: 1,
});
const noteState = defineRecord('slack-test-note', {
  version: 1,
  schema: z.object({ title: z.string(), body: z.string() }),
  ttlDays: 1,
});
const drillState = defineRecord('slack-test-drill', {
  version: 1,
  schema: z.object({ step: z.number(), answers: z.number() }),
  ttlDays: 1,
});

export const quiz = defineCommand({
  name: 'quiz',
  description: 'Test: a question with buttons and a select',
  options: z.object({}),
  async run(_input, ctx) {
    const nonce = Math.random().toString(36).slice(2, 8);
    await ctx.store.save(quizState, { platform: ctx.platform, user: ctx.user.id }, { nonce });
    const id = (choice: string) => actionId('quiz', ctx.user.id, nonce, choice);
    return reply([
      { type: 'text', markdown: '**Which visa** do you hold?' },
      {
        type: 'buttons',
        buttons: [
          { id: id('j1'), label: 'J-1', style: 'primary' },
          { id: id('h1b'), label: 'H-1B' },
        ],
      },
      {
        type: 'select',
        id: id('pick'),
        placeholder: 'Or pick a year',
        options: [
          { value: '2025', label: '2025' },
          { value: '2026', label: '2026' },
        ],
      },
    ]);
  },
  async onAction(payload, values, ctx) {
    const [nonce, choice] = payload;
    const owner = { platform: ctx.platform, user: ctx.user.id };
    const state = await ctx.store.get(quizState, owner);
    if (!state || state.nonce !== nonce) return notice('That question has expired. Run `/quiz` again.');
    const picked = choice === 'pick' ? `year ${z.enum(['2025', '2026']).parse(values?.[0])}` : String(choice);
    await ctx.store.save(quizState, owner, { ...state, picked });
    return { ...textReply(`You picked **${picked}**.`), replace: true };
  },
});

export async function quizPick(store: import('../../../src/store/store.js').StateStore, user: string) {
  return (await store.get(quizState, { platform: 'slack', user }))?.picked;
}

export const note = defineCommand({
  name: 'note',
  description: 'Test: a personal form with validation',
  personal: true,
  options: z.object({}),
  async run(_input, ctx) {
    return reply(
      [
        { type: 'text', markdown: 'Write a short note; only you will see it.' },
        {
          type: 'form',
          id: actionId('note', ctx.user.id, 'v1'),
          title: 'A note for your advisor meeting',
          submitLabel: 'Save',
          fields: [
            { id: 'title', label: 'Title', style: 'short', required: true, maxLength: 40 },
            { id: 'body', label: 'Note', style: 'paragraph', required: false, placeholder: 'What to ask' },
          ],
        },
      ],
      'private',
    );
  },
  async onSubmit(_payload, fields, ctx) {
    const parsed = z.object({ title: z.string().trim().min(3).max(40), body: z.string().max(500) }).safeParse(fields);
    if (!parsed.success) return usageError('`title` needs 3 to 40 characters.');
    await ctx.store.save(noteState, { platform: ctx.platform, user: ctx.user.id }, parsed.data);
    return notice(`Saved your note **${parsed.data.title}**.`);
  },
});

export async function savedNote(store: import('../../../src/store/store.js').StateStore, user: string) {
  return store.get(noteState, { platform: 'slack', user });
}

const QUESTIONS = ['Tell me about yourself.', 'Why clinical informatics?', 'Where do you see yourself in five years?'];

export const drill = defineCommand({
  name: 'drill',
  description: 'Test: a three-question drill in a DM',
  personal: true,
  options: z.object({}),
  async run(_input, ctx) {
    await ctx.store.save(drillState, { platform: ctx.platform, user: ctx.user.id }, { step: 0, answers: 0 });
    return [notice('I sent you a direct message to start the drill.'), textReply(`Question 1: ${QUESTIONS[0]}`, 'direct')];
  },
  async onMessage(text, ctx) {
    const owner = { platform: ctx.platform, user: ctx.user.id };
    const state = await ctx.store.get(drillState, owner);
    if (!state) return null;
    const step = state.step + 1;
    if (step >= QUESTIONS.length) {
      await ctx.store.remove(drillState, owner);
      return textReply(`Drill done: ${state.answers + 1} answers, the last one ${text.length} characters long.`, 'direct');
    }
    await ctx.store.save(drillState, owner, { step, answers: state.answers + 1 });
    return textReply(`Question ${step + 1}: ${QUESTIONS[step]}`, 'direct');
  },
});

let release: (() => void) | undefined;
let gate = Promise.resolve();
/** Holds /slow in the core until `openGate()`. */
export function closeGate(): void {
  gate = new Promise((resolve) => {
    release = resolve;
  });
}
export function openGate(): void {
  release?.();
}

export const slow = defineCommand({
  name: 'slow',
  description: 'Test: a command whose core takes its time',
  options: z.object({}),
  async run() {
    await gate;
    return textReply('Finally done.');
  },
});

export const exporter = defineCommand({
  name: 'export',
  description: 'Test: a small and a large file',
  personal: true,
  options: z.object({}),
  async run() {
    const big = Array.from({ length: 400 }, (_, i) => `row ${i},<@U0ALL>,&x`).join('\n');
    return reply(
      [
        { type: 'text', markdown: 'Your export:' },
        { type: 'file', name: 'small.csv', mime: 'text/csv', content: 'a,b\n1,2' },
        { type: 'file', name: 'big.csv', mime: 'text/csv', content: big },
      ],
      'private',
    );
  },
});

export const echo = defineCommand({
  name: 'echo',
  description: 'Test: repeats what was typed',
  options: z.object({ words: z.string().max(200).optional().meta({ rest: true }) }),
  async run({ words }) {
    return textReply(`You said: ${words ?? ''}`);
  },
});

export const TEST_COMMANDS = [quiz, note, drill, slow, exporter, echo];

/** The record kinds the test commands keep, so /forget in these tests deletes them too. */
export const TEST_RECORDS = [quizState, noteState, drillState];
