import { describe, expect, it } from 'vitest';
import { modalFor, openFormButtonId, parseOpenFormId } from '../src/adapters/discord/modal.js';
import { asReplacement, type FormBlock, renderReply, splitText } from '../src/adapters/discord/render.js';
import { reply, textReply } from '../src/core/reply.js';
import type { Block } from '../src/core/types.js';
import { messageProblems, modalProblems } from './support/discord-standin/validate.js';

/** Pure rendering: every rendered message must pass Discord's own rules (the stand-in's validator). */
const accepted = (r: ReturnType<typeof renderReply>) =>
  r.messages.flatMap((m) => messageProblems(m.body as unknown as Record<string, unknown>, m.files.length, 'create'));

describe('splitText', () => {
  it('cuts at paragraph, then line, then word boundaries, never losing text', () => {
    const text = Array.from({ length: 50 }, (_, i) => `Paragraph ${i} ${'word '.repeat(30).trim()}`).join('\n\n');
    const parts = splitText(text, 500);
    expect(parts.every((p) => p.length <= 500)).toBe(true);
    expect(parts.every((p) => p.startsWith('Paragraph'))).toBe(true);
    expect(parts.join('\n\n')).toBe(text);
  });

  it('cuts a single overlong word and never splits an emoji', () => {
    const parts = splitText(`${'a'.repeat(9)}😀${'b'.repeat(10)}`, 10);
    expect(parts.join('')).toBe(`${'a'.repeat(9)}😀${'b'.repeat(10)}`);
    expect(parts.every((p) => p.length <= 10 && !/[\ud800-\udbff]$/.test(p))).toBe(true);
  });
});

describe('renderReply', () => {
  it('sends short text as plain content with mentions off', () => {
    const r = renderReply(textReply('Hello **there**'), { ephemeral: false });
    expect(r.messages).toEqual([{ body: { content: 'Hello **there**', allowed_mentions: { parse: [] } }, files: [] }]);
  });

  it('marks private replies ephemeral on every message', () => {
    const r = renderReply(textReply('x'.repeat(9000), 'private'), { ephemeral: true });
    expect(r.messages.length).toBeGreaterThan(1);
    expect(r.messages.every((m) => m.body.flags === 64)).toBe(true);
    expect(accepted(r)).toEqual([]);
  });

  it('puts answers with sources in a card, sources as a field', () => {
    const r = renderReply(
      reply([
        { type: 'text', markdown: '**Cap-exempt**\nSome text.' },
        {
          type: 'sources',
          items: [
            { id: 'a', title: 'H-1B basics', guide: 'IMG guide', reviewed: '2025-01-02' },
            { id: 'b', title: 'Cap-exempt employers', guide: 'IMG guide', reviewed: '2025-01-02' },
            { id: 'c', title: 'Malignant signs', guide: 'Programs guide', reviewed: '2025-02-03' },
          ],
        },
      ]),
      { ephemeral: false },
    );
    expect(r.messages).toHaveLength(1);
    const embed = r.messages[0]?.body.embeds?.[0];
    expect(embed?.description).toBe('**Cap-exempt**\nSome text.');
    // Each guide and its review date once, with its sections after it.
    expect(embed?.fields).toEqual([
      {
        name: 'Sources',
        value:
          '- _IMG guide (reviewed 2025-01-02)_: H-1B basics; Cap-exempt employers\n- _Programs guide (reviewed 2025-02-03)_: Malignant signs',
        inline: false,
      },
    ]);
  });

  it('keeps block order: text after fields starts a new card', () => {
    const r = renderReply(
      reply([
        { type: 'text', markdown: 'Before' },
        { type: 'fields', fields: [{ label: 'Status', value: 'Applied' }] },
        { type: 'text', markdown: 'After' },
      ]),
      { ephemeral: false },
    );
    const embeds = r.messages.flatMap((m) => m.body.embeds ?? []);
    expect(embeds.map((e) => [e.description, e.fields?.map((f) => f.name)])).toEqual([
      ['Before', ['Status']],
      ['After', undefined],
    ]);
  });

  it('fits huge replies into as many valid messages as needed, controls last', () => {
    const blocks: Block[] = [
      { type: 'text', markdown: Array.from({ length: 80 }, (_, i) => `P${i} ${'text '.repeat(40)}`).join('\n\n') },
      { type: 'fields', fields: Array.from({ length: 60 }, (_, i) => ({ label: `L${i}`, value: 'v'.repeat(1500) })) },
      { type: 'buttons', buttons: Array.from({ length: 31 }, (_, i) => ({ id: `cmd~u~${i}`, label: `B${i}` })) },
      {
        type: 'select',
        id: 'cmd~u~s',
        placeholder: 'Pick',
        options: Array.from({ length: 60 }, (_, i) => ({ value: `v${i}`, label: `O${i}` })),
      },
    ];
    const r = renderReply(reply(blocks), { ephemeral: false });
    expect(accepted(r)).toEqual([]);
    const buttons = r.messages.flatMap((m) => (m.body.components ?? []).flatMap((row) => row.components));
    expect(buttons.filter((c) => c.type === 2)).toHaveLength(31);
    const options = buttons.flatMap((c) => ('options' in c ? c.options : []));
    expect(options.map((o) => o.value)).toEqual(Array.from({ length: 60 }, (_, i) => `v${i}`));
    // Every field value survives, split into continuation fields of at most 1024.
    const fieldText = r.messages.flatMap((m) => m.body.embeds ?? []).flatMap((e) => e.fields ?? []);
    expect(fieldText.reduce((n, f) => n + (f.name.startsWith('L') || f.name === '\u200b' ? f.value.length : 0), 0)).toBe(
      60 * 1500,
    );
    // The first message holds text; the controls come after it.
    expect(r.messages[0]?.body.components).toBeUndefined();
  });

  it('drops ids Discord would refuse rather than break the whole message', () => {
    const r = renderReply(
      reply([
        { type: 'text', markdown: 'x' },
        {
          type: 'buttons',
          buttons: [
            { id: 'y'.repeat(101), label: 'Bad' },
            { id: 'ok', label: 'Good' },
          ],
        },
      ]),
      { ephemeral: false },
    );
    expect(r.messages[0]?.body.components?.[0]?.components.map((c) => ('label' in c ? c.label : ''))).toEqual(['Good']);
  });

  it('returns a form apart, or as the button that opens it', () => {
    const form: FormBlock = {
      type: 'form',
      id: 'draft~u~1',
      title: 'Your gap',
      fields: [{ id: 'what', label: 'What', style: 'paragraph', required: true }],
    };
    const apart = renderReply(reply([{ type: 'text', markdown: 'Intro' }, form]), { ephemeral: true });
    expect(apart.form).toEqual(form);
    const asButton = renderReply(reply([form]), {
      ephemeral: true,
      formButton: { id: '!form~u~n', label: 'Open: Your gap', style: 'primary' },
    });
    expect(asButton.form).toBeUndefined();
    expect(asButton.messages[0]?.body.components?.[0]?.components[0]).toMatchObject({
      custom_id: '!form~u~n',
      label: 'Open: Your gap',
      style: 1,
    });
  });

  it('sends files as attachments', () => {
    const r = renderReply(reply([{ type: 'file', name: 'a.csv', mime: 'text/csv', content: 'x,y\n' }]), { ephemeral: false });
    expect(r.messages[0]?.body.attachments).toEqual([{ id: 0, filename: 'a.csv' }]);
    expect(r.messages[0]?.files[0]?.data.toString()).toBe('x,y\n');
  });

  it('clears what a replacement does not set, so old text and buttons go', () => {
    expect(asReplacement({ content: 'new', allowed_mentions: { parse: [] }, flags: 64 })).toEqual({
      content: 'new',
      embeds: [],
      components: [],
      attachments: [],
      allowed_mentions: { parse: [] },
    });
  });
});

describe('modalFor', () => {
  it('builds a modal Discord accepts from a neutral form, trimming what does not fit', () => {
    const form: FormBlock = {
      type: 'form',
      id: 'draft~u~1',
      title: 'A title that is certainly longer than forty-five characters',
      fields: [
        { id: 'a', label: 'Short one', style: 'short', required: true, maxLength: 50, value: 'v'.repeat(80) },
        { id: 'b', label: 'L'.repeat(60), style: 'paragraph', required: false, placeholder: 'p'.repeat(150) },
      ],
    };
    const modal = modalFor(form);
    expect(modalProblems(modal as unknown as Record<string, unknown>)).toEqual([]);
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(modal.components).toHaveLength(2);
  });

  it('round-trips the ids of its open buttons', () => {
    expect(parseOpenFormId(openFormButtonId('123', 'abc'))).toEqual({ owner: '123', nonce: 'abc' });
    expect(parseOpenFormId('ask~123~x')).toBeUndefined();
  });
});
