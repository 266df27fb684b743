import type { Guide } from '../../content/guide.js';
import type { Section } from '../../content/schema.js';
import { VISA_REMINDER } from '../../content/scope.js';
import { reply } from '../../core/reply.js';
import { neutralize } from '../../core/sanitize.js';
import type { Block, Reply } from '../../core/types.js';
import type { Answer } from './engine.js';

function sourceItems(sections: Section[], guide: Guide) {
  const titles = new Map(guide.sources.map((s) => [s.id, s.title]));
  return sections.map((s) => ({ id: s.id, title: s.title, guide: titles.get(s.source) ?? s.source, reviewed: s.reviewed }));
}

export function renderAnswer(answer: Answer, guide: Guide, opts: { visa: boolean; command: string }): Reply {
  const blocks: Block[] = [];
  if (answer.answered) {
    const [top, ...rest] = answer.matches.map((m) => m.section);
    if (!top) throw new Error('answered without a match');
    blocks.push({ type: 'text', markdown: `**${top.title}**\n${top.summary}\n\n${top.text.trim()}` });
    if (rest.length) {
      blocks.push({
        type: 'text',
        markdown: `Also relevant:\n${rest.map((s) => `- **${s.title}**: ${s.summary}`).join('\n')}`,
      });
    }
    blocks.push({ type: 'sources', items: sourceItems([top, ...rest], guide) });
    const anyImmigration = [top, ...rest].some((s) => s.area === 'immigration');
    if (opts.visa || anyImmigration) blocks.push({ type: 'text', markdown: `_${VISA_REMINDER}_` });
    return reply(blocks, 'public');
  }
  const lines = ['The guide does not cover that, so I will not guess.'];
  if (answer.suggestions.length) {
    lines.push(
      '',
      'Closest topics it does cover:',
      ...answer.suggestions.map((s) => `- **${s.title}**: try \`/${opts.command} ${neutralize(s.keywords[0] ?? s.title)}\``),
    );
  } else {
    lines.push('', `Try \`/${opts.command}\` with other words, or \`/help\` to see what I can do.`);
  }
  lines.push('', '_Only the gist of your question (its key words, not your wording) was noted so advisors can see what to add._');
  return reply([{ type: 'text', markdown: lines.join('\n') }], 'public');
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
