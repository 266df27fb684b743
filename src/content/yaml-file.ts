import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

/** One thing wrong in a content file, worded for an advisor: file, line, field, problem. */
export interface ContentProblem {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export function formatProblem(p: ContentProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return `${where}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

export function fieldPath(pathParts: readonly PropertyKey[]): string {
  return pathParts.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
    '',
  );
}

/**
 * Reads a YAML file and validates it. Problems name the line of the offending field, found by
 * walking the parsed document to the deepest node of the issue's path that exists.
 */
export async function readYaml<S extends z.ZodType>(
  file: string,
  schema: S,
  root: string,
): Promise<{ value: z.output<S> } | { problems: ContentProblem[] }> {
  const rel = path.relative(root, file) || file;
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    return { problems: [{ file: rel, message: 'cannot be read' }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => ({
        file: rel,
        line: lineCounter.linePos(e.pos[0]).line,
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return { value: parsed.data };
  return {
    problems: parsed.error.issues.map((issue) => {
      let line: number | undefined;
      for (let n = issue.path.length; n >= 0 && line === undefined; n--) {
        const node = doc.getIn(issue.path.slice(0, n) as (string | number)[], true);
        if (isNode(node) && node.range) line = lineCounter.linePos(node.range[0]).line;
      }
      return { file: rel, line, field: fieldPath(issue.path) || undefined, message: issue.message };
    }),
  };
}
