import type { Block, Reply } from '../../core/types.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
}

export const plainStyle: Style = { bold: (s) => s, dim: (s) => s };
export const ansiStyle: Style = { bold: (s) => `\x1b[1m${s}\x1b[22m`, dim: (s) => `\x1b[2m${s}\x1b[22m` };

/** Our markdown subset (**bold**, _italic_, `code`) as terminal text. */
export function markdownToTerminal(md: string, style: Style): string {
  return md
    .replace(/\*\*(.+?)\*\*/g, (_m, t: string) => style.bold(t))
    .replace(/(^|[\s(])_(.+?)_(?=$|[\s).,:;!?])/gm, (_m, pre: string, t: string) => `${pre}${style.dim(t)}`)
    .replace(/`([^`]+)`/g, '$1');
}

export interface Choice {
  label: string;
  /** Button: the action id. Select: the select's id, with `value`. */
  id: string;
  value?: string;
}

/** Renders a reply; numbered choices are returned so the session can map "2" to a click. */
export function renderReply(reply: Reply, style: Style, startAt = 1): { text: string; choices: Choice[] } {
  const out: string[] = [];
  const choices: Choice[] = [];
  const block = (b: Block) => {
    switch (b.type) {
      case 'text':
        out.push(markdownToTerminal(b.markdown, style));
        break;
      case 'fields':
        out.push(b.fields.map((f) => `${style.bold(`${f.label}:`)} ${markdownToTerminal(f.value, style)}`).join('\n'));
        break;
      case 'sources':
        out.push(
          style.dim(
            `Sources: ${b.items.map((i) => `${i.title}${i.guide ? ` (${i.guide}${i.reviewed ? `, reviewed ${i.reviewed}` : ''})` : ''}`).join('; ')}`,
          ),
        );
        break;
      case 'buttons': {
        const labels = b.buttons.map((btn) => {
          choices.push({ label: btn.label, id: btn.id });
          return `[${startAt + choices.length - 1}] ${btn.label}`;
        });
        out.push(labels.join('  '));
        break;
      }
      case 'select': {
        const lines = b.options.map((o) => {
          choices.push({ label: o.label, id: b.id, value: o.value });
          return `[${startAt + choices.length - 1}] ${o.label}${o.description ? style.dim(`: ${o.description}`) : ''}`;
        });
        out.push(`${b.placeholder}\n${lines.join('\n')}`);
        break;
      }
      case 'form':
        out.push(style.bold(b.title));
        break;
      case 'file':
        out.push(`${style.bold(`File ${b.name}:`)}\n${b.content}`);
        break;
    }
  };
  for (const b of reply.blocks) block(b);
  return { text: out.join('\n\n'), choices };
}
