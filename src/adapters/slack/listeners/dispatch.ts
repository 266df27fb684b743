import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackContext } from '../context.js';
import { firstDelivery } from '../dedupe.js';
import { onAction } from './actions.js';
import { assistantMiddleware } from './assistant.js';
import { onCommand } from './commands.js';
import { onHomeOpened } from './home.js';
import { onAppMention, onChannelMessage } from './mentions.js';
import { onMessage } from './messages.js';
import { onViewSubmission } from './views.js';

const SLASH = /^\/.+/;

/** The events the manifest may subscribe to (see scopes.ts); each is acted on once. */
const EVENTS = new Set([
  'message',
  'app_home_opened',
  'app_mention',
  'assistant_thread_started',
  'assistant_thread_context_changed',
]);

/**
 * The adapter's one way in from Bolt: a global middleware that hands each request to its handler
 * by kind. Bolt runs the middleware chain of every registered listener (type check, pattern match,
 * a copy of the arguments, a handful of promises) on every request, whichever listener it is for;
 * five catch-all listeners cost each slash command about as much as routing and rendering /help.
 * The kinds taken are exactly the ones those listeners matched: any slash command, any block
 * element with an action_id, view submissions, and the events the manifest subscribes to
 * (after the retry check): DMs, the Home tab, mentions, channel messages and the assistant. Anything else goes on down the chain, where no listener takes it.
 */
export function dispatch(sc: SlackContext): Middleware<AnyMiddlewareArgs> {
  const command = onCommand(sc);
  const action = onAction(sc);
  const view = onViewSubmission(sc);
  const message = onMessage(sc);
  const home = onHomeOpened(sc);
  const mention = onAppMention(sc);
  const channelMessage = onChannelMessage(sc);
  const assistant = assistantMiddleware(sc);
  return async (args) => {
    if ('command' in args) {
      if (args.command && SLASH.test(args.command.command)) return command(args);
    } else if ('action' in args) {
      if (args.action && 'action_id' in args.action && args.action.action_id !== undefined) return action(args);
    } else if ('view' in args) {
      if (args.body.type === 'view_submission') return view(args);
    } else if ('event' in args && args.event) {
      const type = args.event.type;
      if (EVENTS.has(type)) {
        // Slack retries an event whose ack it did not see; the first delivery is the one we act on.
        const id = args.body.event_id;
        const first = id ? await firstDelivery(sc.core.store, id).catch(() => true) : true;
        if (!first) {
          sc.core.log.info({ platform: 'slack', retry: args.context.retryNum ?? 0 }, 'repeated event dropped');
          return;
        }
        if (type === 'app_home_opened') return home(args as SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs);
        if (type === 'app_mention') return mention(args as SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs);
        if (type !== 'message') return assistant(args);
        const e = args.event as { channel_type?: string; thread_ts?: string };
        // The DM's threads are the assistant's (Bolt's Assistant reads them the same way).
        if (e.channel_type === 'im')
          return e.thread_ts ? assistant(args) : message(args as SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs);
        return channelMessage(args as SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs);
      }
    }
    await args.next();
  };
}
