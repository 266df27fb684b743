import { z } from 'zod';
import type { AnyOptions, Surface } from './command.js';

/** What a platform needs to know about one option, read off its zod schema. */
export interface OptionSpec {
  name: string;
  description: string;
  type: 'string' | 'integer' | 'number' | 'boolean';
  required: boolean;
  choices?: string[];
  min?: number;
  max?: number;
  maxLength?: number;
  /** Takes the rest of a text command line (the question in `/ask what is ...`). */
  rest: boolean;
  /** Name of a suggestion source the command's `autocomplete` understands. */
  autocomplete: boolean;
  /** Where the option is offered; absent means everywhere (see `Surface`). */
  surfaces?: Surface[];
  /** Scripts: the value names a file (or `-` for standard input) whose content is the option's value. */
  file: boolean;
  /** Scripts: when not given and standard input is not a terminal, standard input is the value. */
  stdin: boolean;
  /** With `rest`: the words stay separate (one per line), as a list of file names must. */
  list: boolean;
}

export interface OptionMeta {
  rest?: boolean;
  autocomplete?: boolean;
  surfaces?: Surface[];
  file?: boolean;
  stdin?: boolean;
  list?: boolean;
}

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let s = schema;
  let optional = false;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) {
      optional = true;
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodPipe) {
      s = s.in as z.ZodType;
    } else {
      return { inner: s, optional };
    }
  }
}

function metaOf(schema: z.ZodType): (OptionMeta & { description?: string }) | undefined {
  for (let s: z.ZodType | undefined = schema; s; ) {
    const m = s.meta() as (OptionMeta & { description?: string }) | undefined;
    if (m) return m;
    s = s instanceof z.ZodOptional || s instanceof z.ZodDefault ? (s.unwrap() as z.ZodType) : undefined;
  }
  return undefined;
}

const cache = new WeakMap<AnyOptions, OptionSpec[]>();

export function optionSpecs(schema: AnyOptions): OptionSpec[] {
  const hit = cache.get(schema);
  if (hit) return hit;
  const specs = Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const { inner, optional } = unwrap(field);
    const meta = metaOf(field) ?? {};
    const spec: OptionSpec = {
      name,
      description: meta.description ?? field.description ?? inner.description ?? name,
      type: 'string',
      required: !optional,
      rest: meta.rest === true,
      autocomplete: meta.autocomplete === true,
      surfaces: meta.surfaces,
      file: meta.file === true,
      stdin: meta.stdin === true,
      list: meta.list === true,
    };
    if (inner instanceof z.ZodNumber) {
      spec.type = inner.isInt ? 'integer' : 'number';
      if (inner.minValue !== null && Number.isFinite(inner.minValue)) spec.min = inner.minValue;
      if (inner.maxValue !== null && Number.isFinite(inner.maxValue)) spec.max = inner.maxValue;
    } else if (inner instanceof z.ZodBoolean) {
      spec.type = 'boolean';
    } else if (inner instanceof z.ZodEnum) {
      spec.choices = inner.options.map(String);
    } else if (inner instanceof z.ZodString) {
      if (inner.maxLength !== null) spec.maxLength = inner.maxLength;
    }
    return spec;
  });
  cache.set(schema, specs);
  return specs;
}

/** The options offered on one surface (a script-only `--answers FILE` is not registered on Discord). */
export function optionSpecsOn(schema: AnyOptions, surface: Surface): OptionSpec[] {
  return optionSpecs(schema).filter((s) => !s.surfaces || s.surfaces.includes(surface));
}
