import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config } from '../../config.js';
import { checkAllContent } from '../../content/check.js';
import { formatProblem } from '../../content/yaml-file.js';
import type { ScriptIO } from '../../core/command.js';
import type { Feature } from '../../core/feature.js';

/**
 * `npm run content:check`: every content file, every problem with its file, line and field.
 * `--proposals DIR` checks proposed guide files (from `img-advisor proposals`) as if they were
 * already in content/guide/: the same schema, sources and unique ids.
 */
export async function runContentCheck(features: Feature[], config: Config, io: ScriptIO, args: string[] = []): Promise<number> {
  const at = args.indexOf('--proposals');
  let contentDir = config.contentDir;
  let scratch: string | undefined;
  if (at >= 0) {
    const dir = args[at + 1];
    if (!dir) {
      io.stderr('content-check: --proposals needs the folder `img-advisor proposals` wrote.');
      return 2;
    }
    const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.yaml'));
    if (!files.length) {
      io.stderr(`content-check: no .yaml proposals in ${dir}.`);
      return 2;
    }
    scratch = await mkdtemp(path.join(tmpdir(), 'img-advisor-proposals-'));
    await cp(config.contentDir, scratch, { recursive: true });
    for (const f of files) await cp(path.join(dir, f), path.join(scratch, 'guide', f));
    contentDir = scratch;
  }
  try {
    const { problems, checked } = await checkAllContent(contentDir, features);
    if (problems.length) {
      io.stderr(`Content problems (${problems.length}):\n${problems.map((p) => `- ${formatProblem(p)}`).join('\n')}`);
      return 1;
    }
    io.stdout(scratch ? 'Proposals OK: they fit the guide as they are.' : `Content OK: ${checked.join(', ')}.`);
    return 0;
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}
