import { argvToText, repliesToJson, splitFlag } from '../../adapters/terminal/one-shot.js';
import { plainStyle, renderReply } from '../../adapters/terminal/render.js';
import type { CommandDefinition, Ctx, ScriptIO } from '../../core/command.js';
import { Router } from '../../core/router.js';

/**
 * What the CLI does for a command without a `script`, for commands whose script only takes over
 * some subcommands (`tracker export`, `balance specialties --json`): the rest still go through
 * the router, with its validation, usage messages and error handling.
 */
export async function runViaRouter(def: CommandDefinition, args: string[], io: ScriptIO, ctx: Ctx): Promise<number> {
  const router = new Router({ commands: [def], store: ctx.store, config: ctx.config, log: ctx.log, now: ctx.now });
  const { present: json, rest } = splitFlag(args, '--json');
  const replies = await router.handle({
    platform: ctx.platform,
    user: ctx.user,
    conversation: ctx.conversation,
    team: ctx.team,
    kind: 'command',
    command: def.name,
    text: argvToText(rest),
  });
  const failed = replies.some((r) => r.error === 'usage');
  if (json) io.stdout(JSON.stringify({ ok: !failed, ...repliesToJson(def.name, replies) }));
  else (failed ? io.stderr : io.stdout)(replies.map((r) => renderReply(r, plainStyle).text).join('\n\n'));
  return failed ? 2 : 0;
}
