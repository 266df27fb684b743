import { type AnyOptions, asList, type CommandDefinition, type ScriptIO, type Subcommand } from '../../core/command.js';
import { optionSpecsOn } from '../../core/options.js';
import { tokensToOptions } from '../../core/parse-text.js';
import { offeredOn } from '../../core/router.js';
import type { Runtime } from '../../core/runtime.js';
import type { Reply } from '../../core/types.js';
import { CLI_REQUEST_BASE } from './cli-user.js';
import { plainStyle, renderReply } from './render.js';

/** One problem a script caller can act on: the option (or `usage`) and what is wrong with it. */
export interface ScriptError {
  field: string;
  message: string;
}

/**
 * The terminal's scripted mode: `img-advisor <command> [subcommand] [words] [--name value]
 * [--json]`. argv is parsed against the (sub)command's zod options (an unknown `--flag` is bad
 * usage), file and stdin options are read here, the router runs it, and the result is printed:
 * as text, or with `--json` as exactly one JSON object, `{ ok: true, ... }` or
 * `{ ok: false, errors: [...] }`. Exit 0 when done, 2 on bad usage.
 */
export async function runScript(app: Runtime, name: string, args: string[], io: ScriptIO): Promise<number> {
  const def = app.router.command(name);
  const json = args.includes('--json');
  const words = args.filter((a) => a !== '--json');
  const out = new ScriptOutput(io, json, name);
  if (!def || !offeredOn(def.surfaces, 'script')) {
    return out.fail([{ field: 'command', message: `unknown command "${name}". Run \`img-advisor help\` to see them.` }]);
  }
  const resolved = resolveSubcommand(def, words);
  if ('error' in resolved) return out.fail([{ field: 'subcommand', message: resolved.error }]);
  const { sub, rest } = resolved;
  const schema = sub ? sub.options : def.options;
  if (!schema) return out.fail([{ field: 'usage', message: `\`${name}\` cannot be run from a script.` }]);
  const raw = tokensToOptions(schema, rest, { surface: 'script', strict: true });
  // An unknown flag is named before any file is read: `--inptu x` is a typo, not an unreadable x.
  const unknown = Object.entries(raw).filter(([k]) => k.startsWith('#unknown'));
  if (unknown.length) {
    const takes = optionSpecsOn(schema, 'script').map((o) => `--${o.name}`);
    const names = unknown.map(([, flag]) => String(flag)).join(', ');
    const list = takes.length ? ` This one takes: ${takes.join(', ')}.` : '';
    return out.fail([{ field: 'usage', message: `Unknown option ${names}.${list}` }]);
  }
  const read = await readInputs(schema, raw, io);
  if (read.length) return out.fail(read);
  const replies = await app.router.handle({
    ...CLI_REQUEST_BASE,
    kind: 'command',
    command: def.name,
    subcommand: sub?.name,
    options: raw,
    script: true,
  });
  return out.print(replies, sub?.name);
}

function resolveSubcommand(def: CommandDefinition, words: string[]): { sub?: Subcommand; rest: string[] } | { error: string } {
  if (!def.subcommands?.length) return { rest: words };
  const offered = def.subcommands.filter((s) => offeredOn(s.surfaces, 'script'));
  const [first, ...rest] = words;
  const sub = offered.find((s) => s.name === first?.toLowerCase());
  if (sub) return { sub, rest };
  const names = offered.map((s) => s.name).join(', ');
  return {
    error: first ? `\`${def.name}\` has no \`${first}\`; it takes one of: ${names}.` : `\`${def.name}\` needs one of: ${names}.`,
  };
}

/** Replaces file options' paths by the files' text and fills stdin options from a pipe. */
async function readInputs(schema: AnyOptions, raw: Record<string, unknown>, io: ScriptIO): Promise<ScriptError[]> {
  const errors: ScriptError[] = [];
  const specs = optionSpecsOn(schema, 'script');
  // A file option given as `-` has taken the pipe; a stdin option must not wait on it again.
  let piped = specs.some((s) => s.file && raw[s.name] === '-');
  for (const spec of specs) {
    const value = raw[spec.name];
    if (spec.file && typeof value === 'string' && value) {
      try {
        raw[spec.name] = value === '-' ? await io.readStdin() : await io.readFile(value);
      } catch {
        errors.push({ field: spec.name, message: `${value} cannot be read` });
      }
    } else if (spec.stdin && value === undefined && !piped && !specs.some((s) => s.file && raw[s.name] !== undefined)) {
      const text = await io.readStdin();
      piped = true;
      if (text.trim()) raw[spec.name] = text;
    }
  }
  return errors;
}

/** Script text: like the terminal chat, but a file is printed as its content alone (pipe it to a file). */
function scriptText(reply: Reply): string {
  const files = reply.blocks.filter((b) => b.type === 'file');
  if (files.length) return files.map((f) => (f.type === 'file' ? f.content.replace(/\n$/, '') : '')).join('\n');
  return renderReply(reply, plainStyle).text;
}

class ScriptOutput {
  constructor(
    private readonly io: ScriptIO,
    private readonly json: boolean,
    private readonly command: string,
  ) {}

  fail(errors: ScriptError[]): number {
    this.io.stderr(errors.map((e) => (e.field === 'usage' ? e.message : `${e.field}: ${e.message}`)).join('\n'));
    if (this.json) this.io.stdout(JSON.stringify({ ok: false, command: this.command, errors }));
    return 2;
  }

  /** The store could not be reached: one line, `{ ok: false }` with --json, exit 1 (try again later). */
  unavailable(message: string): number {
    this.io.stderr(`img-advisor: ${message}. Nothing was changed; try again shortly.`);
    if (this.json) this.io.stdout(JSON.stringify({ ok: false, command: this.command, errors: [{ field: 'store', message }] }));
    return 1;
  }

  print(replies: Reply[], subcommand: string | undefined): number {
    const list = asList(replies);
    const away = list.find((r) => r.error === 'unavailable');
    if (away) {
      const given = Array.isArray(away.data?.errors) ? (away.data.errors as ScriptError[]) : [];
      return this.unavailable(given[0]?.message ?? 'the state store is not reachable');
    }
    const text = list.map(scriptText).join('\n\n');
    const failed = list.find((r) => r.error === 'usage');
    if (failed) {
      const given = list.flatMap((r) => (Array.isArray(r.data?.errors) ? (r.data.errors as ScriptError[]) : []));
      return this.fail(given.length ? given : [{ field: 'usage', message: text }]);
    }
    if (!this.json) {
      this.io.stdout(text);
      return 0;
    }
    const data = Object.assign({}, ...list.map((r) => r.data ?? {}));
    const sources = list.flatMap((r) =>
      r.blocks.flatMap((b) => (b.type === 'sources' ? b.items.map(({ id, title }) => ({ id, title })) : [])),
    );
    this.io.stdout(
      JSON.stringify({
        ok: true,
        command: this.command,
        ...(subcommand ? { subcommand } : {}),
        text,
        sources,
        replies: list.map((r) => ({ visibility: r.visibility, text: scriptText(r) })),
        ...data,
      }),
    );
    return 0;
  }
}
