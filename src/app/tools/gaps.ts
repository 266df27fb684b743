import type { ScriptIO } from '../../core/command.js';
import { listUnanswered } from '../../core/unanswered.js';
import type { App } from '../app.js';

/** `img-advisor gaps`: what members asked that the guide did not cover, as key words and counts. */
export async function runGaps(app: App, io: ScriptIO, args: string[]): Promise<number> {
  const rows = await listUnanswered(app.store);
  if (args.includes('--json')) {
    io.stdout(JSON.stringify({ gaps: rows }));
    return 0;
  }
  if (!rows.length) {
    io.stdout('No unanswered questions recorded.');
    return 0;
  }
  io.stdout(
    ['count  last seen   key words', ...rows.map((r) => `${String(r.count).padStart(5)}  ${r.last}  ${r.terms}`)].join('\n'),
  );
  return 0;
}
