import { groupSources, sourceGroupText } from '../../core/sources.js';
import type { Block, Reply } from '../../core/types.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
}

export const plainStyle: Style = { bold: (s) => s, dim: (s) => s };
export const ansiStyle: Style = { bold: (s) => `\x1b[1m${s}\x1b[22m`, dim: (s) => `\x1b[2m${s}\x1b[22m` };

/**
 * The terminal has no buttons: choices are numbered options. Text written for every platform
 * ("press **Continue**", "that button") is reworded here, where the member reads it.
 */
export function terminalWording(text: string): string {
  return text
    .replace(/\b(Press|Click|Tap)(?= )/g, 'Choose')
    .replace(/\b(press|click|tap)(?= )/g, 'choose')
    .replace(/\b([Bb])utton(s?)\b/g, (_m, b: string, plural: string) => `${b === 'B' ? 'C' : 'c'}hoice${plural}`);
}

/** Our markdown subset (**bold**, _italic_, `code`) as terminal text. */
export function markdownToTerminal(md: string, style: Style): string {
  return terminalWording(md)
    .replace(/\*\*(.+?)\*\*/g, (_m, t: string) => style.bold(t))
    .replace(/(^|[\s(])_(.+?)_(?=$|[\s).,:;!?])/gm, (_m, pre: string, t: string) => `${pre}${style.dim(t)}`)
    .replace(/`([^`]+)`/g, '$1');
}

export interface Choice {
  label: string;
  /** Button: the action id. Select: the select's id, with `value`. */
  id: string;
  value?: string;
  /** From an optional buttons block (an answer's More and thumbs): the conversation goes on without it. */
  optional?: boolean;
}

type FileBlock = Extract<Block, { type: 'file' }>;

export interface RenderOptions {
  /** The number shown for a choice (the session keeps them stable); default: in order from 1. */
  numberOf?: (choice: Choice) => number;
  /** What to show for a file: the session writes it and says where; by default its content alone. */
  file?: (b: FileBlock) => string;
}

/** The choices one block offers, in order: one place, so rendering and reading a reply agree. */
function blockChoices(b: Block): Choice[] {
  if (b.type === 'buttons') return b.buttons.map((btn) => ({ label: btn.label, id: btn.id, optional: b.optional }));
  if (b.type === 'select') return b.options.map((o) => ({ label: o.label, id: b.id, value: o.value }));
  return [];
}

/** The choices a reply offers, in order, without rendering it. */
export function choicesOf(reply: Reply): Choice[] {
  return reply.blocks.flatMap(blockChoices);
}

/** Renders a reply; numbered choices are returned so the session can map "2" to a click. */
export function renderReply(reply: Reply, style: Style, opts: number | RenderOptions = 1): { text: string; choices: Choice[] } {
  const { numberOf, file } = typeof opts === 'number' ? ({} as RenderOptions) : opts;
  const startAt = typeof opts === 'number' ? opts : 1;
  const out: string[] = [];
  const choices: Choice[] = [];
  const numbered = (c: Choice) => {
    choices.push(c);
    return numberOf ? numberOf(c) : startAt + choices.length - 1;
  };
  const block = (b: Block) => {
    switch (b.type) {
      case 'text':
        out.push(markdownToTerminal(b.markdown, style));
        break;
      case 'fields':
        out.push(
          b.fields.map((f) => `${style.bold(`${terminalWording(f.label)}:`)} ${markdownToTerminal(f.value, style)}`).join('\n'),
        );
        break;
      case 'sources':
        out.push(style.dim(`Sources: ${groupSources(b.items).map(sourceGroupText).join(' · ')}`));
        break;
      case 'buttons': {
        // In number order, so a choice that keeps its number across questions is found in one place.
        const labels = blockChoices(b)
          .map((c) => ({ n: numbered(c), label: c.label }))
          .sort((x, y) => x.n - y.n)
          .map((x) => `[${x.n}] ${x.label}`);
        out.push(labels.join('  '));
        break;
      }
      case 'select': {
        const lines = blockChoices(b).map((c, i) => {
          const description = b.options[i]?.description;
          return `[${numbered(c)}] ${c.label}${description ? style.dim(`: ${description}`) : ''}`;
        });
        out.push(`${terminalWording(b.placeholder)}\n${lines.join('\n')}`);
        break;
      }
      case 'form':
        out.push(style.bold(b.title));
        break;
      case 'file':
        out.push(file ? file(b) : b.content.replace(/\n$/, ''));
        break;
    }
  };
  for (const b of reply.blocks) block(b);
  return { text: out.join('\n\n'), choices };
}
