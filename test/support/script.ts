import { readFile } from 'node:fs/promises';
import { runScript as runOneShot } from '../../src/adapters/terminal/script.js';
import type { App } from '../../src/app/app.js';
import type { ScriptIO } from '../../src/core/command.js';

export interface ScriptRun {
  code: number;
  /** What the CLI printed, one write per line, as a terminal would show it (no final newline). */
  stdout: string;
  stderr: string;
}

/**
 * `img-advisor <argv>` as the CLI runs it (the same one-shot code path), in-process and with its
 * output captured. `files` stands in for files on disk; without it, real files are read.
 */
export async function runScript(
  app: App,
  argv: string[],
  opts: { stdin?: string; files?: Record<string, string> } = {},
): Promise<ScriptRun> {
  const out: string[] = [];
  const err: string[] = [];
  const { files } = opts;
  const io: ScriptIO = {
    stdout: (t) => out.push(t.replace(/\n$/, '')),
    stderr: (t) => err.push(t.replace(/\n$/, '')),
    readStdin: async () => opts.stdin ?? '',
    readFile: async (p) => {
      if (!files) return readFile(p, 'utf8');
      const f = files[p];
      if (f === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return f;
    },
  };
  const [name = '', ...args] = argv;
  const code = await runOneShot(app, name, args, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
