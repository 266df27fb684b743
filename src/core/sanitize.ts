/**
 * Makes member-entered text safe to echo: no mass or user pings, no clickable links, no markup
 * that would break out of formatting. Adapters also switch mentions off; this is the fence
 * that holds on every platform.
 */
const ZWSP = '\u200b';

export function neutralize(text: string): string {
  return text
    .replace(/@(everyone|here|channel)/gi, `@${ZWSP}$1`)
    .replace(/<(@[!&]?|#|!)([^>]*)>/g, (_m, kind: string, rest: string) => `‹${kind}${rest}›`)
    .replace(/<!?(subteam\^)?[^>]*>/g, (m) => m.replace('<', '‹').replace('>', '›'))
    .replace(/\bhttps?:\/\//gi, (m) => `${m.slice(0, -3)}${ZWSP}://`)
    .replace(/`/g, 'ʼ');
}
