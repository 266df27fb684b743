import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { actionCodec } from '../../core/actions.js';
import { ADVISOR_COMMAND, ANYONE } from '../../core/feedback.js';
import { reply } from '../../core/reply.js';
import { neutralize } from '../../core/sanitize.js';
import type { Block, Reply } from '../../core/types.js';
import type { Handoff } from './handoffs.js';
import type { AdvisorReport } from './report.js';
import { REASON_LABEL, REASONS, type Reason } from './votes.js';

/** Every button and form of /advisor, one codec (see src/core/actions.ts). */
const nonce = z.string().regex(/^[\w-]{4,16}$/);
const section = z.string().regex(/^[a-z0-9-]{1,60}$/);
export const codec = actionCodec(ADVISOR_COMMAND, {
  /** a member's thumbs on an answer: up or down, the answer's id, its section */
  v: z.tuple([z.enum(['u', 'd']), nonce, section]),
  /** the reason for a thumbs down */
  r: z.tuple([z.enum(REASONS), nonce, section]),
  /** open the form to ask an advisor */
  h: z.tuple([]),
  /** the member's question form, submitted */
  q: z.tuple([]),
  /** send the drafted question named or anonymous, or cancel it */
  s: z.tuple([z.enum(['named', 'anon']), nonce]),
  x: z.tuple([nonce]),
  /** the member withdraws a pending question */
  w: z.tuple([nonce]),
  /** on the advisors' card: answer (opens the form), the answer form, mark resolved */
  a: z.tuple([nonce]),
  A: z.tuple([nonce]),
  z: z.tuple([nonce]),
  /** the member rates the advisor's answer */
  t: z.tuple([z.enum(['u', 'd']), nonce]),
});

const quote = (text: string) =>
  neutralize(text)
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

export function reasonsPrompt(owner: string, answer: string, sectionId: string, canHandOff: boolean): Reply {
  const blocks: Block[] = [
    { type: 'text', markdown: 'Thanks for saying so. What was wrong with it? (optional)' },
    {
      type: 'buttons',
      buttons: REASONS.map((r) => ({ id: codec.id(owner, 'r', r, answer, sectionId), label: REASON_LABEL[r] })),
    },
  ];
  if (canHandOff) {
    blocks.push({ type: 'text', markdown: 'A volunteer advisor can answer what the guide does not.' });
    blocks.push({ type: 'buttons', buttons: [{ id: codec.id(owner, 'h'), label: 'Ask an advisor', style: 'primary' }] });
  }
  return reply(blocks, 'private');
}

export function questionForm(owner: string): Reply {
  return reply(
    [
      {
        type: 'form',
        id: codec.id(owner, 'q'),
        title: 'Ask an advisor',
        submitLabel: 'Preview',
        fields: [
          {
            id: 'question',
            label: 'Your question for the advisors',
            style: 'paragraph',
            required: true,
            maxLength: 1500,
            placeholder: 'What you would like a human advisor to answer. Leave out names and anything private.',
          },
        ],
      },
    ],
    'private',
  );
}

/** Exactly what will be sent, and the choice of named or anonymous. */
export function preview(owner: string, draftNonce: string, question: string, channel: string): Reply {
  return reply(
    [
      { type: 'text', markdown: `This is exactly what the advisors will see in <#${channel}>:\n\n${quote(question)}` },
      {
        type: 'text',
        markdown:
          'Send it with your name, or anonymously (the advisors will not see who asked; the answer still reaches you privately).',
      },
      {
        type: 'buttons',
        buttons: [
          { id: codec.id(owner, 's', 'named', draftNonce), label: 'Send with my name', style: 'primary' },
          { id: codec.id(owner, 's', 'anon', draftNonce), label: 'Send anonymously' },
          { id: codec.id(owner, 'x', draftNonce), label: 'Cancel' },
        ],
      },
    ],
    'private',
  );
}

export function card(h: Handoff): Reply {
  const who = h.named && h.memberName ? `from ${neutralize(h.memberName)}` : 'anonymous';
  const blocks: Block[] = [{ type: 'text', markdown: `**Question for the advisors** (${who})\n\n${quote(h.question)}` }];
  if (h.status === 'answered' || h.status === 'resolved') {
    blocks.push({
      type: 'text',
      markdown: `**Answered by ${neutralize(h.answeredBy ?? 'an advisor')}**\n\n${quote(h.answer ?? '')}`,
    });
  }
  if (h.status === 'withdrawn') blocks.push({ type: 'text', markdown: '_The member withdrew this question._' });
  if (h.status === 'resolved') blocks.push({ type: 'text', markdown: '_Marked resolved._' });
  if (h.status === 'open' || h.status === 'answered') {
    blocks.push({
      type: 'buttons',
      buttons: [
        ...(h.status === 'open' ? [{ id: codec.id(ANYONE, 'a', h.id), label: 'Answer', style: 'primary' as const }] : []),
        { id: codec.id(ANYONE, 'z', h.id), label: 'Mark resolved' },
      ],
    });
  }
  return reply(blocks, 'public');
}

export function answerForm(h: Handoff): Reply {
  return reply(
    [
      {
        type: 'form',
        id: codec.id(ANYONE, 'A', h.id),
        title: 'Answer the member',
        submitLabel: 'Send answer',
        fields: [
          {
            id: 'answer',
            label: 'Your answer (sent to the member privately)',
            style: 'paragraph',
            required: true,
            maxLength: 3000,
          },
          {
            id: 'propose',
            label: 'Propose it for the guide? (yes or no)',
            style: 'short',
            required: false,
            maxLength: 3,
            placeholder: 'no',
          },
        ],
      },
    ],
    'private',
  );
}

/** The advisor's answer, delivered to the member alone. */
export function answerForMember(h: Handoff): Reply {
  return reply(
    [
      {
        type: 'text',
        markdown: `**An advisor answered your question**\n\n${quote(h.question)}\n\n${neutralize(h.answer ?? '')}`,
      },
      {
        type: 'text',
        markdown:
          '_Advisors are volunteers, not attorneys: confirm anything about visas with the program and an immigration attorney._',
      },
      {
        type: 'buttons',
        buttons: [
          { id: codec.id(h.member, 't', 'u', h.id), label: '👍 Helpful' },
          { id: codec.id(h.member, 't', 'd', h.id), label: '👎 Not helpful' },
        ],
      },
    ],
    'direct',
  );
}

export function reportText(r: AdvisorReport): string {
  const lines = [`**What members asked, ${r.from} to ${r.to}** (${r.days} days)`];
  lines.push('', '**Most-asked sections**');
  lines.push(...(r.mostAsked.length ? r.mostAsked.map((a) => `- ${a.title}: ${a.count}`) : ['- none yet']));
  lines.push('', '**Unanswered (key terms, grouped)**');
  lines.push(
    ...(r.unanswered.length
      ? r.unanswered.map((u) => `- ${u.terms.join(' ')}: ${u.count} (e.g. ${u.examples.join('; ')})`)
      : ['- none']),
  );
  lines.push('', '**Thumbs per section**');
  lines.push(
    ...(r.feedback.length
      ? r.feedback.map((f) => {
          const reasons = Object.entries(f.reasons).map(([k, n]) => `${REASON_LABEL[k as Reason]} ${n}`);
          return `- ${f.title}: 👍 ${f.up} 👎 ${f.down}${reasons.length ? ` (${reasons.join(', ')})` : ''}`;
        })
      : ['- no votes']),
  );
  const h = r.handoffs;
  lines.push(
    '',
    `**Hand-offs**: ${h.open} open, ${h.answered} answered, ${h.withdrawn} withdrawn${h.medianHoursToAnswer === undefined ? '' : `; median ${h.medianHoursToAnswer} h to answer`}`,
  );
  lines.push('', `**Needs review**: ${r.stale.length} section${r.stale.length === 1 ? '' : 's'} past the review age`);
  lines.push(...r.stale.slice(0, 10).map((s) => `- ${s.title} (reviewed ${s.reviewed}, ${s.ageDays} days)`));
  if (r.stale.length > 10) lines.push(`- and ${r.stale.length - 10} more (export for all)`);
  if (r.lowRated.length) {
    lines.push('', '**Often thumbed down**', ...r.lowRated.map((l) => `- ${l.title}: 👍 ${l.up} 👎 ${l.down}`));
  }
  return lines.join('\n');
}

export function reportCsv(r: AdvisorReport): string {
  const rows: (string | number)[][] = [['kind', 'item', 'title', 'count', 'up', 'down', 'detail']];
  for (const a of r.mostAsked) rows.push(['asked', a.section, a.title, a.count, '', '', '']);
  for (const u of r.unanswered) rows.push(['unanswered', u.terms.join(' '), '', u.count, '', '', u.examples.join('; ')]);
  for (const f of r.feedback) {
    const reasons = Object.entries(f.reasons)
      .map(([k, n]) => `${k}:${n}`)
      .join(' ');
    rows.push(['feedback', f.section, f.title, f.up + f.down, f.up, f.down, reasons]);
  }
  for (const s of r.stale) rows.push(['stale', s.section, s.title, s.ageDays, '', '', `reviewed ${s.reviewed}`]);
  const h = r.handoffs;
  rows.push(
    ['handoffs', 'open', '', h.open, '', '', ''],
    [
      'handoffs',
      'answered',
      '',
      h.answered,
      '',
      '',
      h.medianHoursToAnswer === undefined ? '' : `median ${h.medianHoursToAnswer} h`,
    ],
  );
  // A cell that starts like a formula is defused, as in the tracker export.
  return stringify(rows.map((row) => row.map((c) => (typeof c === 'string' && /^[=+\-@]/.test(c) ? `'${c}` : c))));
}
