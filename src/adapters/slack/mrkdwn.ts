/**
 * Slack mrkdwn: escaping and conversion from our markdown subset. Escaping &, < and > is what
 * keeps echoed member text from becoming `<!channel>`, `<@U123>` or a disguised link, so every
 * string we send as mrkdwn (and the notification `text`) goes through `escapeMrkdwn` first.
 */

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack sends typed text with &, < and > escaped; the core wants what the member typed. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export interface CommandNaming {
  /** `SLACK_COMMAND_PREFIX`, e.g. `img-` turns `/ask` into `/img-ask`. */
  prefix: string;
  /** Names in the registry: only these are rewritten, so paths like `/usr` stay as they are. */
  names: ReadonlySet<string>;
}

/** `/ask` in a reply becomes `/img-ask` when the workspace uses a prefix. */
export function prefixCommands(text: string, naming: CommandNaming | undefined): string {
  if (!naming?.prefix) return text;
  return text.replace(/(^|[\s(`'"*_•])\/([a-z][a-z0-9_-]*)(?=$|[\s`.,:;!?)'"*_])/gm, (m, pre: string, name: string) =>
    naming.names.has(name) ? `${pre}/${naming.prefix}${name}` : m,
  );
}

/** Our markdown subset (`**bold**`, `_italic_`, `` `code` ``, `- ` lists) as escaped Slack mrkdwn. */
export function toMrkdwn(markdown: string, naming?: CommandNaming): string {
  return prefixCommands(escapeMrkdwn(markdown), naming)
    .replace(/\*\*(.+?)\*\*/gs, '*$1*')
    .replace(/^(\s*)- /gm, '$1• ');
}

/** Plain text for places that show no formatting (field errors, notifications). */
export function toPlain(markdown: string, naming?: CommandNaming): string {
  return prefixCommands(markdown, naming)
    .replace(/\*\*(.+?)\*\*/gs, '$1')
    .replace(/`([^`]+)`/g, '$1');
}

/**
 * Splits escaped mrkdwn into pieces of at most `max` characters, preferring paragraph, then
 * line, then word boundaries, and never cutting an `&amp;`-style entity in half.
 */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf('\n\n');
    if (cut < max / 2) cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) {
      cut = max;
      const amp = rest.lastIndexOf('&', cut - 1);
      if (amp >= 0 && cut - amp < 6 && !rest.slice(amp, cut).includes(';')) cut = amp;
    }
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.trim() || out.length === 0) out.push(rest);
  return out.filter((p, i) => p.length > 0 || i === 0);
}
