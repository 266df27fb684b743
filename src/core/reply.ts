import type { Block, Reply, Visibility } from './types.js';

/** Plain text of blocks, for fallbacks and terminals that cannot render more. */
export function blocksToPlain(blocks: Block[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'text':
        parts.push(b.markdown);
        break;
      case 'fields':
        parts.push(b.fields.map((f) => `${f.label}: ${f.value}`).join('\n'));
        break;
      case 'sources':
        parts.push(`Sources: ${b.items.map((i) => i.title).join('; ')}`);
        break;
      case 'buttons':
      case 'select':
        break;
      case 'form':
        parts.push(b.title);
        break;
      case 'file':
        parts.push(`(file: ${b.name})`);
        break;
    }
  }
  return parts.join('\n\n');
}

export function reply(blocks: Block[], visibility: Visibility = 'public', extra: Partial<Reply> = {}): Reply {
  const plain = blocksToPlain(blocks);
  return { blocks, visibility, fallbackText: plain.length > 300 ? `${plain.slice(0, 297)}...` : plain, ...extra };
}

export function textReply(markdown: string, visibility: Visibility = 'public'): Reply {
  return reply([{ type: 'text', markdown }], visibility);
}

/** A short private message: usage errors, refusals, confirmations. */
export function notice(markdown: string): Reply {
  return textReply(markdown, 'private');
}

/** A private message explaining how to use a command; scripted callers exit 2 on it. */
export function usageError(markdown: string): Reply {
  return { ...notice(markdown), error: 'usage' };
}
