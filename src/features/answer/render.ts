import type { Guide } from '../../content/guide.js';
import type { Section } from '../../content/schema.js';
import { VISA_REMINDER } from '../../content/scope.js';
import { actionId } from '../../core/action-id.js';
import { reply } from '../../core/reply.js';
import { neutralize } from '../../core/sanitize.js';
import type { Block, Button, Reply } from '../../core/types.js';
import type { Answer } from './engine.js';
import { type Passage, sentencesOf } from './passages.js';

export const MORE_LABEL = 'More';

export interface RenderOptions {
  visa: boolean;
  /** The command whose buttons these are (`ask` or `visa`): its onAction handles them. */
  command: string;
  /** Who may click: the member who asked. */
  owner: string;
}

function sourceItems(sections: Section[], guide: Guide) {
  const titles = new Map(guide.sources.map((s) => [s.id, s.title]));
  return sections.map((s) => ({ id: s.id, title: s.title, guide: titles.get(s.source) ?? s.source, reviewed: s.reviewed }));
}

/** A button, or none when its id would not fit (a very long member id): the answer stands without it. */
function button(opts: RenderOptions, label: string, ...payload: string[]): Button[] {
  try {
    return [{ id: actionId(opts.command, opts.owner, ...payload), label: label.length > 80 ? `${label.slice(0, 79)}…` : label }];
  } catch {
    return [];
  }
}

function closing(sections: Section[], guide: Guide, opts: RenderOptions): Block[] {
  const blocks: Block[] = [{ type: 'sources', items: sourceItems(sections, guide) }];
  if (opts.visa || sections.some((s) => s.area === 'immigration')) blocks.push({ type: 'text', markdown: `_${VISA_REMINDER}_` });
  return blocks;
}

/** Passages as lines: the direct answer first, then its context. */
export function passageText(passages: Passage[]): string {
  return passages.map((p) => p.text).join('\n');
}

const NOT_A_QUESTION_TEXT =
  'That looks like a command or a menu choice, not a question, so I did not look it up. Type `/help` to see what I can do, or ask me a question in a sentence.';

export function renderAnswer(answer: Answer, guide: Guide, opts: RenderOptions): Reply {
  if (answer.outcome === 'not-a-question') return reply([{ type: 'text', markdown: NOT_A_QUESTION_TEXT }], 'public');
  if (answer.answered) {
    const sections = answer.matches.map((m) => m.section);
    const top = sections[0];
    if (!top) throw new Error('answered without a match');
    const blocks: Block[] = [{ type: 'text', markdown: passageText(answer.passages) }];
    if (answer.uncovered.length) {
      const parts = answer.uncovered.map((u) => `“${neutralize(u.length > 90 ? `${u.slice(0, 89)}…` : u)}”`).join(', ');
      blocks.push({ type: 'text', markdown: `The guide does not cover this part of your question: ${parts}.` });
    }
    const more = button(opts, MORE_LABEL, 'more', top.id);
    if (more.length) blocks.push({ type: 'buttons', optional: true, buttons: more });
    blocks.push(...closing(sections, guide, opts));
    return reply(blocks, 'public');
  }
  const topics = answer.suggestions.flatMap((s) => button(opts, s.title, 'topic', s.id));
  const lines =
    answer.outcome === 'did-you-mean' && topics.length
      ? ['Did you mean one of these? Pick a topic, or ask again in other words.']
      : [
          'The guide does not cover that, so I will not guess.',
          topics.length
            ? 'The nearest topics it does cover are below.'
            : `Try \`/${opts.command}\` with other words, or \`/help\` to see what I can do.`,
        ];
  lines.push('_Only the gist of your question (its key words, not your wording) was noted so advisors can see what to add._');
  const blocks: Block[] = [{ type: 'text', markdown: lines.join('\n') }];
  if (topics.length) blocks.push({ type: 'buttons', optional: true, buttons: topics });
  return reply(blocks, 'public');
}

/** A topic picked from "Did you mean": its gist, with the whole section one click away. */
export function renderTopic(section: Section, guide: Guide, opts: RenderOptions): Reply {
  const gist = sentencesOf(section.summary).slice(0, 2).join(' ');
  return reply(
    [
      { type: 'text', markdown: `**${section.title}**\n${gist}` },
      { type: 'buttons', optional: true, buttons: button(opts, MORE_LABEL, 'more', section.id) },
      ...closing([section], guide, opts),
    ],
    'public',
  );
}

/** The whole section: what More shows. */
export function renderSection(section: Section, guide: Guide, opts: RenderOptions): Reply {
  return reply(
    [{ type: 'text', markdown: `**${section.title}**\n${section.text.trim()}` }, ...closing([section], guide, opts)],
    'public',
  );
}

export function renderVisaTopics(guide: Guide): Reply {
  const topics = guide.sections.filter((s) => s.area === 'immigration');
  const list = topics.map((s) => `- **${s.title}**: ${s.summary}`).join('\n');
  return reply(
    [
      {
        type: 'text',
        markdown: `**Visa topics in the guide** (${topics.length})\nAsk about any of them: \`/visa what does cap-exempt mean\`.\n\n${list}`,
      },
      { type: 'text', markdown: `_${VISA_REMINDER}_` },
    ],
    'public',
  );
}
