import type { TerminalSession } from '../../src/adapters/terminal/session.js';
import { loadConfig } from '../../src/config.js';
import type { Reply, User } from '../../src/core/types.js';
import { loadRedflagContent } from '../../src/features/redflags/items.js';
import type { FileHarness } from './harness.js';

/** The shipped questionnaire content, so tests follow the YAML instead of hard-coding positions. */
export const content = await loadRedflagContent(loadConfig({ LOG_LEVEL: 'silent' }).contentDir);
export const programIds = content.program.items.map((i) => i.id);
export const selfIds = content.self.items.map((i) => i.id);
export const PROGRAM_TOTAL = programIds.length;
export const SELF_TOTAL = selfIds.length;

export type Label = 'Yes' | 'No' | 'Not sure' | 'Skip';
const LABEL: Record<'yes' | 'no' | 'unsure' | 'skip', Label> = { yes: 'Yes', no: 'No', unsure: 'Not sure', skip: 'Skip' };

/** Answers every item in order through the terminal, as a member typing the button labels would. */
export async function answerAll(
  s: TerminalSession,
  ids: readonly string[],
  pick: (id: string) => 'yes' | 'no' | 'unsure' | 'skip',
): Promise<string> {
  let out = '';
  for (const id of ids) out = await s.send(LABEL[pick(id)]);
  return out;
}

const base = (user: User) => ({ platform: 'cli' as const, user, conversation: { id: `cli-${user.id}`, isDirect: true } });

/** A command straight through the router, keeping the replies (and their button ids). */
export function command(h: FileHarness, user: User, text: string): Promise<Reply[]> {
  const [name = '', ...rest] = text.replace(/^\//, '').split(' ');
  return h.app.router.handle({ ...base(user), kind: 'command', command: name, text: rest.join(' ') });
}

/** A click on a button id, by whoever `user` is: how a stale or foreign button is replayed. */
export function click(h: FileHarness, user: User, actionId: string): Promise<Reply[]> {
  return h.app.router.handle({ ...base(user), kind: 'action', actionId });
}

export function buttonId(replies: Reply[], label: string): string {
  for (const r of replies) {
    for (const b of r.blocks) {
      if (b.type !== 'buttons') continue;
      const hit = b.buttons.find((x) => x.label === label);
      if (hit) return hit.id;
    }
  }
  throw new Error(`no button "${label}" in the replies`);
}

export function texts(replies: Reply[]): string {
  return replies
    .flatMap((r) => r.blocks.flatMap((b) => (b.type === 'text' ? [b.markdown] : [])))
    .join('\n')
    .replace(/\*\*/g, '');
}
