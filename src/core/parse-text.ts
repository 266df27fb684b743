import type { z } from 'zod';
import type { AnyOptions, Surface } from './command.js';
import { type OptionSpec, optionSpecs, optionSpecsOn } from './options.js';

/**
 * Splits a command line into words, keeping "quoted phrases" together. A quoted value after
 * `name:` stays with its name: `institution:"Mercy General"` is one word, `institution:Mercy General`.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /([a-z][\w-]*:)(?:"([^"]*)"|“([^”]*)”)(?=\s|$)|"([^"]*)"|'([^']*)'|“([^”]*)”|(\S+)/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    tokens.push(m[1] ? m[1] + (m[2] ?? m[3] ?? '') : (m[4] ?? m[5] ?? m[6] ?? m[7] ?? ''));
  }
  return tokens;
}

function accepts(spec: OptionSpec, token: string): boolean {
  if (spec.choices) return spec.choices.some((c) => c.toLowerCase() === token.toLowerCase());
  if (spec.type === 'integer') return /^-?\d+$/.test(token);
  if (spec.type === 'number') return /^-?\d+(\.\d+)?$/.test(token);
  if (spec.type === 'boolean') return /^(true|false|yes|no|on|off)$/i.test(token);
  return true;
}

function convert(spec: OptionSpec, token: string): unknown {
  if (spec.choices) return spec.choices.find((c) => c.toLowerCase() === token.toLowerCase()) ?? token;
  if (spec.type === 'integer' || spec.type === 'number') return /^-?\d+(\.\d+)?$/.test(token) ? Number(token) : token;
  if (spec.type === 'boolean') return /^(true|yes|on)$/i.test(token);
  return token;
}

/**
 * Turns the words after a command into raw options: `name:value` and `--name value` by name,
 * the rest by position, each word going to the first unfilled option that can take it.
 * An option marked `rest` swallows everything that remains.
 */
export function textToOptions(schema: AnyOptions, text: string, surface?: Surface): Record<string, unknown> {
  return tokensToOptions(schema, tokenize(text), { surface });
}

/**
 * The same for words already split (a script's argv). With `strict`, a `--flag` that names no
 * option is refused (`#unknown`), instead of being read as part of a question.
 */
export function tokensToOptions(
  schema: AnyOptions,
  tokens: string[],
  opts: { surface?: Surface; strict?: boolean } = {},
): Record<string, unknown> {
  const specs = opts.surface ? optionSpecsOn(schema, opts.surface) : optionSpecs(schema);
  const out: Record<string, unknown> = {};
  const positional: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    // [\s\S]: a quoted value may span lines (a note pasted with line breaks).
    const named = /^(?:--([a-z][\w-]*)(?:=([\s\S]*))?|([a-z][\w-]*):([\s\S]+))$/i.exec(t);
    const spec = named ? specs.find((s) => s.name.toLowerCase() === (named[1] ?? named[3])?.toLowerCase()) : undefined;
    if (opts.strict && named?.[1] && !spec) {
      out[`#unknown${i}`] = `--${named[1]}`;
      continue;
    }
    if (named && spec) {
      let value = named[2] ?? named[4];
      if (value === undefined) value = spec.type === 'boolean' ? 'true' : (tokens[++i] ?? '');
      out[spec.name] = convert(spec, value);
    } else {
      positional.push(t);
    }
  }
  for (let i = 0; i < positional.length; i++) {
    const token = positional[i] ?? '';
    // A word no option accepts goes to the first open one anyway, so validation can name it
    // ("`category` must be one of ...") instead of a vague "I did not understand".
    const spec = specs.find((s) => !(s.name in out) && accepts(s, token)) ?? specs.find((s) => !(s.name in out));
    if (!spec) {
      out[`#extra${i}`] = token;
      continue;
    }
    if (spec.rest) {
      out[spec.name] = positional.slice(i).join(spec.list ? '\n' : ' ');
      break;
    }
    out[spec.name] = convert(spec, token);
  }
  return out;
}

/** The syntax line of a (sub)command; with `surfaces`, only the options offered on one of them. */
export function usageOf(prefix: string, schema: AnyOptions, surfaces?: Surface[]): string {
  const specs = optionSpecs(schema).filter((s) => !surfaces || !s.surfaces || s.surfaces.some((x) => surfaces.includes(x)));
  const parts = specs.map((s) => (s.required ? `<${s.name}>` : `[${s.name}]`));
  return [prefix, ...parts].join(' ');
}

/** Typed options without those `surface` does not offer (`#` keys, the parser's findings, stay). */
export function offeredOptions(schema: AnyOptions, raw: Record<string, unknown>, surface: Surface): Record<string, unknown> {
  const hidden = new Set(
    optionSpecs(schema)
      .filter((s) => s.surfaces && !s.surfaces.includes(surface))
      .map((s) => s.name),
  );
  return hidden.size ? Object.fromEntries(Object.entries(raw).filter(([k]) => !hidden.has(k))) : raw;
}

function describeRange(spec: OptionSpec): string {
  const kind = spec.type === 'integer' ? 'a whole number' : 'a number';
  if (spec.min !== undefined && spec.max !== undefined) return `${kind} from ${spec.min} to ${spec.max}`;
  if (spec.min !== undefined) return `${kind} of at least ${spec.min}`;
  if (spec.max !== undefined) return `${kind} of at most ${spec.max}`;
  return kind;
}

function explainIssue(spec: OptionSpec | undefined, issue: z.core.$ZodIssue, input: Record<string, unknown>): string {
  const name = spec?.name ?? String(issue.path[0] ?? 'input');
  if (spec && input[spec.name] === undefined && issue.code === 'invalid_type') return `\`${name}\` is missing.`;
  if (spec?.choices) return `\`${name}\` must be one of: ${spec.choices.join(', ')}.`;
  if (spec && (spec.type === 'integer' || spec.type === 'number')) return `\`${name}\` must be ${describeRange(spec)}.`;
  if (issue.code === 'too_big' && spec?.maxLength) {
    return `\`${name}\` is too long: at most ${spec.maxLength.toLocaleString('en-US')} characters.`;
  }
  if (issue.code === 'too_small' && issue.origin === 'string') return `\`${name}\` is empty.`;
  return `\`${name}\`: ${issue.message}`;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Validates raw options and explains every problem in words a member understands. */
export function validateOptions<S extends AnyOptions>(schema: S, raw: Record<string, unknown>): Validated<z.output<S>> {
  const specs = optionSpecs(schema);
  const problems: string[] = [];
  const unknown = Object.keys(raw).filter((k) => k.startsWith('#unknown'));
  if (unknown.length) {
    const names = specs.map((s) => `--${s.name}`).join(', ');
    problems.push(
      `Unknown option ${unknown.map((k) => `\`${String(raw[k])}\``).join(', ')}.${names ? ` This one takes: ${names}.` : ''}`,
    );
  }
  const extras = Object.keys(raw).filter((k) => k.startsWith('#extra'));
  if (extras.length) problems.push(`I did not understand: ${extras.map((k) => `"${String(raw[k])}"`).join(', ')}.`);
  const clean = Object.fromEntries(Object.entries(raw).filter(([k]) => !k.startsWith('#')));
  const parsed = schema.safeParse(clean);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const spec = specs.find((s) => s.name === issue.path[0]);
      const line = explainIssue(spec, issue, clean);
      if (!seen.has(line)) problems.push(line);
      seen.add(line);
    }
  }
  if (problems.length || !parsed.success) return { ok: false, problems };
  return { ok: true, value: parsed.data };
}
