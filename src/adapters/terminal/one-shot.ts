import type { ScriptIO } from '../../core/command.js';
import type { Runtime as App } from '../../core/runtime.js';
import type { Reply } from '../../core/types.js';
import { CLI_REQUEST_BASE } from './cli-user.js';
import { plainStyle, renderReply } from './render.js';

/**
 * Re-quotes argv words so "Mercy General" stays one option after the router tokenizes again.
 * A word that itself holds a straight quote (`notes:said "maybe"`) is wrapped in curly quotes.
 */
export function argvToText(args: string[]): string {
  const quote = (a: string) => (!/"/.test(a) ? `"${a}"` : !/[“”]/.test(a) ? `“${a}”` : a);
  return args.map((a) => (/\s/.test(a) ? quote(a) : a)).join(' ');
}

export function splitFlag(args: string[], flag: string): { present: boolean; rest: string[] } {
  return { present: args.includes(flag), rest: args.filter((a) => a !== flag) };
}

export function repliesToJson(command: string, replies: Reply[]) {
  return {
    command,
    text: replies.map((r) => renderReply(r, plainStyle).text).join('\n\n'),
    sources: replies.flatMap((r) =>
      r.blocks.flatMap((b) => (b.type === 'sources' ? b.items.map(({ id, title }) => ({ id, title })) : [])),
    ),
    replies: replies.map((r) => ({ visibility: r.visibility, text: renderReply(r, plainStyle).text })),
  };
}

/** `img-advisor <command> ...`: the command's own script mode, or one run printed as text or JSON. */
export async function runOneShot(app: App, name: string, args: string[], io: ScriptIO): Promise<number> {
  const def = app.router.command(name);
  if (!def) {
    io.stderr(`img-advisor: unknown command "${name}". Run \`img-advisor help\` to see them.`);
    return 2;
  }
  const ctx = app.router.ctxFor(CLI_REQUEST_BASE);
  if (def.script) return def.script(args, io, ctx);
  const { present: json, rest } = splitFlag(args, '--json');
  const replies = await app.router.handle({ ...CLI_REQUEST_BASE, kind: 'command', command: def.name, text: argvToText(rest) });
  const failed = replies.some((r) => r.error === 'usage');
  if (json) {
    io.stdout(JSON.stringify({ ok: !failed, ...repliesToJson(def.name, replies) }));
  } else {
    (failed ? io.stderr : io.stdout)(replies.map((r) => renderReply(r, plainStyle).text).join('\n\n'));
  }
  return failed ? 2 : 0;
}
