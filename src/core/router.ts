import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { isStoreUnavailable } from '../store/errors.js';
import type { RecordType } from '../store/record.js';
import type { StateStore } from '../store/store.js';
import { decodeActionId } from './action-id.js';
import { type AnyOptions, asList, type CommandDefinition, type Ctx, type Replies, type Surface } from './command.js';
import { ownerOf } from './flow.js';
import { textToOptions, tokenize, usageOf, validateOptions } from './parse-text.js';
import { notice, usageError } from './reply.js';
import type { CommandRequest, Reply, Request, SelectOption } from './types.js';

export interface RouterDeps {
  commands: CommandDefinition[];
  /** Every record kind of the features, for /forget. */
  records?: RecordType<unknown>[];
  store: StateStore;
  config: Config;
  log: Logger;
  now?: () => Date;
}

const STORE_AWAY =
  'I cannot reach my storage right now, so I could not do that and nothing was changed. Please try again shortly.';

/** Where a request comes from, as the surfaces a command can be offered on. */
export function surfaceOf(req: Pick<CommandRequest, 'platform' | 'script'>): Surface {
  if (req.platform === 'cli') return req.script ? 'script' : 'terminal';
  return req.platform;
}

export function offeredOn(surfaces: Surface[] | undefined, surface: Surface): boolean {
  return !surfaces || surfaces.includes(surface);
}

/** A usage message with the problems, the syntax and an example; never an exception. */
function usageReply(problems: string[], usage: string, examples: string[] | undefined): Reply {
  const lines = [...problems, '', `Usage: \`${usage}\``];
  if (examples?.length) lines.push(`Example: \`${examples[0]}\``);
  return usageError(lines.join('\n'));
}

/**
 * The core's single entry point: a neutral Request in, neutral Replies out. It resolves the
 * command, validates options against the command's schema, enforces session ownership on
 * buttons and forms, keeps personal replies private, and turns any failure into a calm message.
 */
export class Router {
  private readonly byName: Map<string, CommandDefinition>;

  constructor(private readonly deps: RouterDeps) {
    this.byName = new Map(deps.commands.map((c) => [c.name, c]));
  }

  get commands(): CommandDefinition[] {
    return this.deps.commands;
  }

  command(name: string): CommandDefinition | undefined {
    return this.byName.get(name.toLowerCase());
  }

  ctxFor(req: Pick<Request, 'platform' | 'user' | 'conversation' | 'team'> & { script?: boolean }): Ctx {
    return {
      surface: surfaceOf({ platform: req.platform, script: req.script }),
      platform: req.platform,
      user: req.user,
      conversation: req.conversation,
      team: req.team,
      store: this.deps.store,
      config: this.deps.config,
      log: this.deps.log,
      now: this.deps.now ?? (() => new Date()),
      commands: this.deps.commands,
      records: this.deps.records ?? [],
    };
  }

  async handle(req: Request): Promise<Reply[]> {
    const started = performance.now();
    const ctx = this.ctxFor(req);
    let name = req.kind === 'command' ? req.command : undefined;
    try {
      // Everything a member does that can touch their records runs under their lock, so two turns
      // of one member (a double click, two shards, two instances) never overwrite each other.
      const personal = req.kind !== 'command' || this.byName.get(req.command.toLowerCase())?.personal === true;
      const out = personal
        ? await ctx.store.withLock(ownerOf(ctx), () => this.dispatch(req, ctx))
        : await this.dispatch(req, ctx);
      name = out.name ?? name;
      const replies = this.applyPrivacy(asList(out.replies), name);
      this.deps.log.info(
        { platform: req.platform, kind: req.kind, command: name, ms: Math.round(performance.now() - started) },
        'handled',
      );
      return replies;
    } catch (err) {
      if (isStoreUnavailable(err)) {
        // The store is away (Redis restarting, the file locked): a calm wait, and the store retries by itself.
        this.deps.log.warn(
          { platform: req.platform, kind: req.kind, command: name, err: err.message },
          'state store unreachable',
        );
        return [{ ...notice(STORE_AWAY), error: 'unavailable', data: { errors: [{ field: 'store', message: err.message }] } }];
      }
      // Never the stack or the member's text to the user; the log gets the error, not the input.
      this.deps.log.error({ platform: req.platform, kind: req.kind, command: name, err }, 'handler failed');
      return [notice('Sorry, something went wrong on my side. Nothing you saved was lost; please try again in a moment.')];
    }
  }

  private async dispatch(req: Request, ctx: Ctx): Promise<{ replies: Replies; name?: string }> {
    let name: string | undefined;
    let out: Replies;
    switch (req.kind) {
      case 'command':
        out = await this.runCommand(req, ctx);
        break;
      case 'action':
      case 'submit': {
        const decoded = decodeActionId(req.kind === 'action' ? req.actionId : req.formId);
        const def = decoded && this.byName.get(decoded.command);
        name = decoded?.command;
        if (!decoded || !def) {
          out = notice('That button is from an older version of this bot and no longer works. Run the command again.');
        } else if (decoded.owner !== req.user.id) {
          out = notice(`That belongs to someone else's session, so I left it untouched. Start your own with \`/${def.name}\`.`);
        } else if (req.kind === 'action' && def.onAction) {
          out = await def.onAction(decoded.payload, req.values, ctx);
        } else if (req.kind === 'submit' && def.onSubmit) {
          out = await def.onSubmit(decoded.payload, req.fields, ctx);
        } else {
          out = notice(`That no longer works. Run \`/${def.name}\` again.`);
        }
        break;
      }
      case 'message':
        out = await this.routeMessage(req.text, ctx);
        break;
    }
    return { replies: out, name };
  }

  private applyPrivacy(replies: Reply[], name: string | undefined): Reply[] {
    const def = name ? this.byName.get(name) : undefined;
    if (!def?.personal) return replies;
    return replies.map((r) => (r.visibility === 'public' ? { ...r, visibility: 'private' } : r));
  }

  /** Resolves the subcommand and options of a command request and runs it. */
  private async runCommand(req: CommandRequest, ctx: Ctx): Promise<Replies> {
    const def = this.byName.get(req.command.toLowerCase());
    const surface = surfaceOf(req);
    if (!def || !offeredOn(def.surfaces, surface)) {
      return usageError(`I don't know \`/${req.command}\`. Type \`/help\` to see every command.`);
    }
    let text = req.text ?? '';
    let schema: AnyOptions | undefined = def.options;
    let run = def.run;
    let usagePrefix = `/${def.name}`;
    let examples = def.examples;
    if (def.subcommands?.length) {
      let subName = req.subcommand;
      if (!subName && req.options === undefined) {
        const first = tokenize(text)[0];
        subName = first;
        if (first) text = text.trimStart().slice(text.trimStart().indexOf(first) + first.length);
        text = text.replace(/^["'”]/, '');
      }
      const offered = def.subcommands.filter((s) => offeredOn(s.surfaces, surface));
      const sub = offered.find((s) => s.name === subName?.toLowerCase());
      if (!sub) {
        const list = offered.map((s) => `- \`/${def.name} ${s.name}\`: ${s.description}`).join('\n');
        const lead = subName ? `\`/${def.name}\` has no \`${subName}\`.` : `\`/${def.name}\` needs one of these:`;
        return usageError(`${lead}\n${subName ? 'Try one of these:\n' : ''}${list}`);
      }
      schema = sub.options;
      run = sub.run as typeof run;
      usagePrefix = `/${def.name} ${sub.name}`;
      examples = sub.examples;
    }
    if (!schema || !run) return usageError(`\`/${def.name}\` cannot be run like that. Type \`/help\`.`);
    const raw = req.options ?? textToOptions(schema, text, surface);
    const valid = validateOptions(schema, raw);
    if (!valid.ok) return usageReply(valid.problems, usageOf(usagePrefix, schema), examples);
    return run(valid.value, ctx);
  }

  /** A DM turn goes to the flow waiting for it; with none, a question is treated as `/ask`. */
  private async routeMessage(text: string, ctx: Ctx): Promise<Replies> {
    for (const def of this.deps.commands) {
      if (!def.onMessage) continue;
      const out = await def.onMessage(text, ctx);
      if (out) return out;
    }
    const ask = this.byName.get('ask');
    if (ask && text.trim()) {
      return this.runCommand(
        { kind: 'command', command: 'ask', text, platform: ctx.platform, user: ctx.user, conversation: ctx.conversation },
        ctx,
      );
    }
    return notice('Commands start with `/`. Type `/help` to see them all.');
  }

  /** Everything the member has stored, grouped by command: for the member's own eyes only. */
  async mine(req: Pick<Request, 'platform' | 'user' | 'conversation' | 'team'>): Promise<{ command: string; lines: string[] }[]> {
    const ctx = this.ctxFor(req);
    const groups = await Promise.all(
      this.deps.commands.map(async (def) => {
        if (!def.mine) return { command: def.name, lines: [] };
        try {
          return { command: def.name, lines: await def.mine(ctx) };
        } catch (err) {
          this.deps.log.warn({ command: def.name, err }, 'listing saved items failed');
          return { command: def.name, lines: [] };
        }
      }),
    );
    return groups.filter((g) => g.lines.length > 0);
  }

  async autocomplete(req: CommandRequest & { focused: string; partial: string }): Promise<SelectOption[]> {
    const def = this.byName.get(req.command);
    if (!def?.autocomplete) return [];
    try {
      return (await def.autocomplete(req.focused, req.partial, this.ctxFor(req))).slice(0, 25);
    } catch (err) {
      this.deps.log.warn({ command: req.command, err }, 'autocomplete failed');
      return [];
    }
  }
}
