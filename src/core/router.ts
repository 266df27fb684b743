import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { isStoreUnavailable } from '../store/errors.js';
import type { RecordType } from '../store/record.js';
import type { StateStore } from '../store/store.js';
import { decodeActionId } from './action-id.js';
import { type AnyOptions, asList, type CommandDefinition, type Ctx, type Replies, type Surface } from './command.js';
import { ANYONE } from './feedback.js';
import { ownerOf } from './flow.js';
import { answeredThread, hearing, rememberThread } from './listening.js';
import { metrics, type Outcome } from './metrics.js';
import { offeredOptions, textToOptions, tokenize, usageOf, validateOptions } from './parse-text.js';
import { limitMessage, QuestionLimiter } from './question-limits.js';
import { notice, textReply, usageError } from './reply.js';
import { limitsIn, readServerSettings, type ServerSettings } from './server-settings.js';
import type { CommandRequest, MessageRequest, Reply, Request, SelectOption } from './types.js';

export interface RouterDeps {
  commands: CommandDefinition[];
  /** Every record kind of the features, for /forget. */
  records?: RecordType<unknown>[];
  /** The features' /forget hooks for shared records. */
  forgetters?: Ctx['forgetters'];
  store: StateStore;
  config: Config;
  log: Logger;
  now?: () => Date;
  random?: () => number;
  /** Question limits; by default counted in the store's backend with the config's windows. */
  limiter?: QuestionLimiter;
}

/** How a question reached the router: a command, or a message in a server channel. */
interface AskedVia {
  /** A message in a channel: after the first refusal in a window, further ones stay silent. */
  channel?: boolean;
  /** The server's settings, when the caller read them already. */
  settings?: ServerSettings;
}

const STORE_AWAY =
  'I cannot reach my storage right now, so I could not do that and nothing was changed. Please try again shortly.';

/** Where a request comes from, as the surfaces a command can be offered on. */
export function surfaceOf(req: Pick<Request, 'platform'> & { script?: boolean }): Surface {
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
  private readonly limiter: QuestionLimiter;

  constructor(private readonly deps: RouterDeps) {
    this.byName = new Map(deps.commands.map((c) => [c.name, c]));
    this.limiter =
      deps.limiter ?? new QuestionLimiter(deps.store, { minute: deps.config.RATE_LIMIT_MINUTE_SECONDS ?? 60, day: 86_400 });
  }

  get commands(): CommandDefinition[] {
    return this.deps.commands;
  }

  command(name: string): CommandDefinition | undefined {
    return this.byName.get(name.toLowerCase());
  }

  ctxFor(req: Pick<Request, 'platform' | 'user' | 'conversation' | 'team' | 'member'> & { script?: boolean }): Ctx {
    return {
      platform: req.platform,
      surface: surfaceOf(req),
      user: req.user,
      conversation: req.conversation,
      team: req.team,
      member: req.member,
      store: this.deps.store,
      config: this.deps.config,
      log: this.deps.log,
      now: this.deps.now ?? (() => new Date()),
      random: this.deps.random ?? Math.random,
      commands: this.deps.commands,
      records: this.deps.records ?? [],
      forgetters: this.deps.forgetters ?? [],
    };
  }

  async handle(req: Request): Promise<Reply[]> {
    const started = performance.now();
    const ctx = this.ctxFor(req);
    let name = req.kind === 'command' ? req.command : undefined;
    let outcome: Outcome = 'error';
    let label: string | undefined = name;
    try {
      // Everything a member does that can touch their records runs under their lock, so two turns
      // of one member (a double click, two shards, two instances) never overwrite each other.
      const personal = req.kind !== 'command' || this.byName.get(req.command.toLowerCase())?.personal === true;
      const out = personal
        ? await ctx.store.withLock(ownerOf(ctx), () => this.dispatch(req, ctx))
        : await this.dispatch(req, ctx);
      name = out.name ?? name;
      label = out.label ?? name;
      const replies = this.applyPrivacy(asList(out.replies), name);
      outcome = replies.some((r) => r.error === 'usage') ? 'usage' : 'ok';
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
    } finally {
      metrics.handled({
        platform: req.platform,
        kind: req.kind,
        command: this.labelOf(label),
        outcome,
        seconds: (performance.now() - started) / 1000,
      });
    }
  }

  /** A command name for metrics: one the app serves, never whatever a member typed after the slash. */
  private labelOf(name: string | undefined): string {
    if (!name) return 'none';
    const lower = name.toLowerCase();
    return this.byName.has(lower) ? lower : 'unknown';
  }

  private async dispatch(req: Request, ctx: Ctx): Promise<{ replies: Replies; name?: string; label?: string }> {
    let name: string | undefined;
    let label: string | undefined;
    let out: Replies;
    switch (req.kind) {
      case 'command': {
        const def = this.byName.get(req.command.toLowerCase());
        out = (def && this.refuseNonAdmin(def, ctx)) ?? (await this.runCommand(req, ctx));
        if (def?.question) out = await this.serverVisibility(asList(out), ctx);
        break;
      }
      case 'action':
      case 'submit': {
        const decoded = decodeActionId(req.kind === 'action' ? req.actionId : req.formId);
        const def = decoded && this.byName.get(decoded.command);
        name = decoded?.command;
        if (!decoded || !def) {
          out = notice('That button is from an older version of this bot and no longer works. Run the command again.');
        } else if (decoded.owner !== req.user.id && decoded.owner !== ANYONE) {
          out = notice(`That belongs to someone else's session, so I left it untouched. Start your own with \`/${def.name}\`.`);
        } else if (this.refuseNonAdmin(def, ctx)) {
          out = this.refuseNonAdmin(def, ctx) as Reply;
        } else if (req.kind === 'action' && def.onAction) {
          out = await def.onAction(decoded.payload, req.values, ctx);
        } else if (req.kind === 'submit' && def.onSubmit) {
          out = await def.onSubmit(decoded.payload, req.fields, ctx);
        } else {
          out = notice(`That no longer works. Run \`/${def.name}\` again.`);
        }
        break;
      }
      case 'message': {
        if (req.place && !req.conversation.isDirect) {
          out = await this.routeChannelMessage(req, ctx);
          label = 'ask';
          break;
        }
        const routed = await this.routeMessage(req.text, ctx, req.flowsOnly === true);
        out = routed.replies;
        // Named for metrics only: a DM turn's replies keep the visibility the flow gave them.
        label = routed.name;
        break;
      }
    }
    return { replies: out, name, label: label ?? name };
  }

  private applyPrivacy(replies: Reply[], name: string | undefined): Reply[] {
    const def = name ? this.byName.get(name) : undefined;
    if (!def?.personal) return replies;
    return replies.map((r) => (r.visibility === 'public' ? { ...r, visibility: 'private' } : r));
  }

  /** Resolves the subcommand and options of a command request and runs it. */
  private async runCommand(req: CommandRequest, ctx: Ctx, via: AskedVia = {}): Promise<Replies> {
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
    // Typed options (Discord, scripts) keep only what this surface offers: a script-only option
    // sent from a chat platform is ignored, as the text parser ignores it.
    const raw = req.options ? offeredOptions(schema, req.options, surface) : textToOptions(schema, text, surface);
    const valid = validateOptions(schema, raw);
    if (!valid.ok) return usageReply(valid.problems, usageOf(usagePrefix, schema, [surface]), examples);
    if (def.question) {
      const refused = await this.takeQuestion(ctx, via);
      if (refused) return refused;
    }
    return run(valid.value, ctx);
  }

  /**
   * Counts a question against the limits; the refusal when over one. Terminal use is the
   * operator's own and is never limited.
   */
  private async takeQuestion(ctx: Ctx, via: AskedVia): Promise<Reply[] | undefined> {
    if (ctx.platform === 'cli') return undefined;
    const settings = via.settings ?? (await readServerSettings(ctx.store, ctx.platform, ctx.team));
    const outcome = await this.limiter.take(
      { platform: ctx.platform, user: ctx.user.id, team: ctx.team },
      limitsIn(settings, this.deps.config),
    );
    if (outcome.ok) return undefined;
    this.deps.log.info({ platform: ctx.platform, limit: outcome.limit, first: outcome.first }, 'question limited');
    if (via.channel && !outcome.first) return [];
    return [notice(limitMessage(outcome))];
  }

  /** Admin-only commands, their buttons and their forms: in a server, for its admins alone. */
  private refuseNonAdmin(def: CommandDefinition, ctx: Ctx): Reply | undefined {
    if (!def.admin) return undefined;
    if (!ctx.team || ctx.conversation.isDirect) {
      return notice(`\`/${def.name}\` changes a server's settings: run it in a channel of that server.`);
    }
    if (ctx.member?.admin === true) return undefined;
    return notice(
      ctx.platform === 'discord'
        ? `Only members who can manage this server (the **Manage Server** permission) can use \`/${def.name}\`. Ask one of them if something should change.`
        : `Only workspace admins and owners${this.deps.config.SLACK_ADMIN_GROUP ? ' and the bot admins group' : ''} can use \`/${def.name}\`. Ask one of them if something should change.`,
    );
  }

  /** In a server that chose private answers, a question command's public replies become private. */
  private async serverVisibility(replies: Reply[], ctx: Ctx): Promise<Reply[]> {
    if (!ctx.team || ctx.conversation.isDirect || !replies.some((r) => r.visibility === 'public')) return replies;
    const settings = await readServerSettings(ctx.store, ctx.platform, ctx.team);
    if (settings.askVisibility !== 'private') return replies;
    return replies.map((r) => (r.visibility === 'public' ? { ...r, visibility: 'private' } : r));
  }

  /**
   * A message in a server channel or thread: answered as a question when the server's settings
   * and what the adapter saw say so (see `hearing`), otherwise left alone (no replies). Flows
   * waiting for a DM turn never see it: what a member writes in a channel is not a drill answer.
   */
  private async routeChannelMessage(req: MessageRequest, ctx: Ctx): Promise<Replies> {
    const place = req.place;
    if (!place) return [];
    const settings = await readServerSettings(ctx.store, ctx.platform, ctx.team);
    const thread = place.inThread ? await answeredThread(ctx.store, ctx.platform, ctx.conversation.id) : undefined;
    const why = hearing(settings, place, ctx.user.id, thread);
    if (!why) return [];
    const text = req.text.trim();
    const ask = this.byName.get('ask');
    if (!text || !ask) {
      if (why !== 'mention') return [];
      return textReply('Hi! Ask me a question in the same message, like `@img-advisor is a university hospital cap exempt?`');
    }
    const replies = asList(
      await this.runCommand(
        { kind: 'command', command: 'ask', text, platform: ctx.platform, user: ctx.user, conversation: ctx.conversation },
        ctx,
        { channel: true, settings },
      ),
    );
    if (replies.some((r) => r.visibility === 'public')) {
      await rememberThread(ctx.store, ctx.platform, ctx.conversation.id, thread?.asker ?? ctx.user.id);
    }
    this.deps.log.info({ platform: ctx.platform, hearing: why }, 'channel message');
    return replies;
  }

  /**
   * A DM turn goes to the flow waiting for it; with none, a question is treated as `/ask`, unless
   * only a flow may take it (`flowsOnly`: the terminal keeps its menu then, and gets no replies).
   */
  private async routeMessage(text: string, ctx: Ctx, flowsOnly: boolean): Promise<{ replies: Replies; name?: string }> {
    for (const def of this.deps.commands) {
      if (!def.onMessage) continue;
      const out = await def.onMessage(text, ctx);
      if (out) return { replies: out, name: def.name };
    }
    if (flowsOnly) return { replies: [] };
    const ask = this.byName.get('ask');
    if (ask && text.trim()) {
      const replies = await this.runCommand(
        { kind: 'command', command: 'ask', text, platform: ctx.platform, user: ctx.user, conversation: ctx.conversation },
        ctx,
      );
      return { replies, name: 'ask' };
    }
    return { replies: notice('Commands start with `/`. Type `/help` to see them all.') };
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
