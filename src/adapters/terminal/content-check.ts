import type { Config } from '../../config.js';
import { checkAllContent } from '../../content/checks.js';
import { formatProblem } from '../../content/yaml-file.js';
import type { ScriptIO } from '../../core/command.js';

/** `npm run content:check`: every content file, every problem with its file, line and field. */
export async function runContentCheck(config: Config, io: ScriptIO): Promise<number> {
  const { problems, checked } = await checkAllContent(config.contentDir);
  if (problems.length) {
    io.stderr(`Content problems (${problems.length}):\n${problems.map((p) => `- ${formatProblem(p)}`).join('\n')}`);
    return 1;
  }
  io.stdout(`Content OK: ${checked.join(', ')}.`);
  return 0;
}
