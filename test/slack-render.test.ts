import { describe, expect, it } from 'vitest';
import { LIMITS } from '../src/adapters/slack/limits.js';
import { escapeMrkdwn, prefixCommands, splitText, toMrkdwn, unescapeSlack } from '../src/adapters/slack/mrkdwn.js';
import {
  decodeModalContext,
  type FormBlock,
  fieldErrors,
  formToModal,
  renderBlocks,
  renderReply,
  submittedFields,
} from '../src/adapters/slack/render.js';
import { reply, textReply, usageError } from '../src/core/reply.js';
import type { Button } from '../src/core/types.js';
import type { Json } from './support/slack-standin/standin.js';

const naming = { prefix: 'img-', names: new Set(['ask', 'help', 'forget']) };

describe('mrkdwn', () => {
  it('escapes &, < and > so nobody can be pinged or linked', () => {
    expect(escapeMrkdwn('<!channel> <!here> <@U123> <https://x|y> & co')).toBe(
      '&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;https://x|y&gt; &amp; co',
    );
    expect(toMrkdwn('hi <!everyone>')).not.toContain('<!');
  });

  it('undoes Slack’s escaping of what a member typed', () => {
    expect(unescapeSlack('a &lt; b &amp;&amp; c &gt; d')).toBe('a < b && c > d');
  });

  it('turns our markdown into mrkdwn', () => {
    expect(toMrkdwn('**Bold** and _italic_ and `code`\n- one\n- two')).toBe('*Bold* and _italic_ and `code`\n• one\n• two');
  });

  it('prefixes the names of registered commands only', () => {
    expect(prefixCommands('Try `/ask what is J-1` or /help, not /usr/bin or /other.', naming)).toBe(
      'Try `/img-ask what is J-1` or /img-help, not /usr/bin or /other.',
    );
    expect(prefixCommands('Try `/ask`', { prefix: '', names: naming.names })).toBe('Try `/ask`');
  });

  it('splits long text at line breaks within the limit and never inside an entity', () => {
    const para = `${'word '.repeat(500)}\n\n${'more '.repeat(500)}`;
    const parts = splitText(para, 3000);
    expect(parts.length).toBe(2);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(3000);
    const entities = splitText(escapeMrkdwn('<'.repeat(2000)), 3000);
    for (const p of entities) {
      expect(p.length).toBeLessThanOrEqual(3000);
      expect(p).toMatch(/^(&lt;)+$/);
    }
    expect(entities.join('')).toBe('&lt;'.repeat(2000));
  });
});

describe('rendering replies as Block Kit', () => {
  it('keeps every section within 3,000 characters and every message within 50 blocks', () => {
    const long = Array.from({ length: 80 }, (_, i) => `Paragraph ${i}: ${'detail '.repeat(300)}`).join('\n\n');
    const out = renderReply(reply([{ type: 'text', markdown: long }]));
    expect(out.messages.length).toBeGreaterThan(1);
    for (const m of out.messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
      for (const b of m.blocks as Json[]) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    }
    const all = out.messages
      .flatMap((m) => m.blocks as Json[])
      .map((b) => b.text.text)
      .join('\n\n');
    expect(all).toContain('Paragraph 79');
  });

  it('splits buttons into actions blocks of 25, trims labels to 75 and keeps ids in the value', () => {
    const buttons: Button[] = Array.from({ length: 30 }, (_, i) => ({
      id: `quiz~U1~n~${i}`,
      label: `${'Option '.repeat(20)}${i}`,
    }));
    buttons.push({ id: 'quiz~U1~n~0', label: 'duplicate id' });
    const blocks = renderBlocks([{ type: 'buttons', buttons }]) as Json[];
    expect(blocks.map((b) => b.elements.length)).toEqual([25, 6]);
    const elements = blocks.flatMap((b) => b.elements);
    for (const e of elements) expect(e.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
    expect(elements.map((e) => e.value)).toEqual(buttons.map((b) => b.id));
    for (const b of blocks) expect(new Set(b.elements.map((e: Json) => e.action_id)).size).toBe(b.elements.length);
  });

  it('gives an over-long id a short action_id and keeps the id in the value', () => {
    const id = `x~U1~${'a'.repeat(300)}`;
    const [block] = renderBlocks([{ type: 'buttons', buttons: [{ id, label: 'Go', style: 'danger' }] }]) as Json[];
    expect(block?.elements[0].action_id.length).toBeLessThanOrEqual(LIMITS.actionId);
    expect(block?.elements[0].value).toBe(id);
    expect(block?.elements[0].style).toBe('danger');
  });

  it('renders fields, sources, selects and small files', () => {
    const blocks = renderBlocks(
      [
        { type: 'fields', fields: Array.from({ length: 12 }, (_, i) => ({ label: `L${i}`, value: `**v${i}**` })) },
        { type: 'sources', items: [{ id: 's1', title: 'H-1B <basics>', guide: 'Guide', reviewed: '2025-01' }] },
        { type: 'select', id: 'sel~U1', placeholder: 'Pick', options: [{ value: 'a', label: 'A', description: 'first' }] },
        { type: 'file', name: 'notes.txt', mime: 'text/plain', content: 'line <1>' },
      ],
      naming,
    ) as Json[];
    expect(blocks[0]?.fields).toHaveLength(10);
    expect(blocks[1]?.fields).toHaveLength(2);
    expect(blocks[0]?.fields[0].text).toBe('*L0*\n*v0*');
    expect(blocks[2]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Sources: Guide (reviewed 2025-01): H-1B &lt;basics&gt;' }],
    });
    expect(blocks[3]?.elements[0]).toMatchObject({
      type: 'static_select',
      action_id: 'sel~U1',
      options: [{ value: 'a', description: { text: 'first' } }],
    });
    expect(blocks[4]?.text.text).toBe('*notes.txt*\n```line &lt;1&gt;```');
  });

  it('uploads a file too large to read inline', () => {
    const big = 'x'.repeat(LIMITS.snippet + 1);
    const out = renderReply(reply([{ type: 'file', name: 'big.csv', mime: 'text/csv', content: big }]));
    expect(out.files.map((f) => f.name)).toEqual(['big.csv']);
    expect(JSON.stringify(out.messages)).not.toContain(big);
  });

  it('escapes the notification text too', () => {
    const out = renderReply(textReply('**Hi** <!channel>'));
    expect(out.messages[0]?.text).toBe('Hi &lt;!channel&gt;');
  });
});

describe('forms as modals', () => {
  const form: FormBlock = {
    type: 'form',
    id: 'draft~U1~n1',
    title: 'Explain a gap in your training',
    submitLabel: 'Save this draft for later please',
    fields: [
      { id: 'gap', label: 'What happened', style: 'paragraph', required: true, maxLength: 5000, value: 'x'.repeat(4000) },
      { id: 'when', label: 'When', style: 'short', required: false, placeholder: 'e.g. 2021' },
    ],
  };

  it('fits Slack’s modal limits and remembers where it was opened', () => {
    const view = formToModal(form, [{ type: 'text', markdown: 'Take your time.' }], { channel: 'C1', direct: false }) as Json;
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit.text.length).toBeLessThanOrEqual(24);
    expect(view.callback_id).toBe(form.id);
    expect(decodeModalContext(view.private_metadata)).toEqual({ channel: 'C1', direct: false });
    const inputs = view.blocks.filter((b: Json) => b.type === 'input');
    expect(inputs[0].element).toMatchObject({ multiline: true, max_length: 3000 });
    expect(inputs[0].element.initial_value.length).toBe(3000);
    expect(inputs[1]).toMatchObject({ block_id: 'when', optional: true, element: { placeholder: { text: 'e.g. 2021' } } });
    expect(JSON.stringify(view.blocks)).toContain('Explain a gap in your training');
  });

  it('reads submitted values, empty optional fields as empty strings', () => {
    expect(submittedFields({ gap: { value: { value: 'text' } }, when: { value: { value: null } } })).toEqual({
      gap: 'text',
      when: '',
    });
  });

  it('puts a usage error under the field it names, or under the first field', () => {
    const fields = form.fields.map(({ id, label }) => ({ id, label }));
    expect(fieldErrors([usageError('`when` must be a year like 2021.')], fields)).toEqual({
      when: 'when must be a year like 2021.',
    });
    expect(fieldErrors([usageError('Please try again.')], fields)).toEqual({ gap: 'Please try again.' });
    expect(fieldErrors([textReply('Saved.')], fields)).toBeUndefined();
  });

  it('survives damaged modal metadata', () => {
    expect(decodeModalContext('{not json')).toEqual({});
  });
});
