import type { Config } from '../../config.js';
import { checkAllContent } from '../../content/check.js';
import { formatProblem } from '../../content/yaml-file.js';
import type { ScriptIO } from '../../core/command.js';
import type { Feature } from '../../core/feature.js';

/** `npm run content:check`: every content file, every problem with its file, line and field. */
export async function runContentCheck(features: Feature[], config: Config, io: ScriptIO): Promise<number> {
  const { problems, checked } = await checkAllContent(config.contentDir, features);
  if (problems.length) {
    io.stderr(`Content problems (${problems.length}):\n${problems.map((p) => `- ${formatProblem(p)}`).join('\n')}`);
    return 1;
  }
  io.stdout(`Content OK: ${checked.join(', ')}.`);
  return 0;
}
