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
  const route = async (args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<boolean> => {
    if ('command' in args) {
      if (args.command && typeof args.command.command === 'string' && SLASH.test(args.command.command)) {
        await command(args);
        return true;
      }
    } else if ('action' in args) {
      if (args.action && 'action_id' in args.action && args.action.action_id !== undefined) {
        await action(args);
        return true;
      }
    } else if ('view' in args) {
      if (args.body.type === 'view_submission') {
        await view(args);
        return true;
      }
    } else if ('event' in args && args.event) {
      const type = args.event.type;
      if (EVENTS.has(type)) {
        // Slack retries an event whose ack it did not see, even while the first delivery still
        // runs; exactly one delivery of an event id is acted on.
        const id = args.body.event_id;
        const first = typeof id === 'string' && id ? await firstDelivery(sc.core.store, id).catch(() => true) : true;
        if (!first) {
          sc.core.log.info({ platform: 'slack', retry: args.context.retryNum ?? 0 }, 'repeated event dropped');
          return true;
        }
        if (type === 'app_home_opened') await home(args as SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs);
        else if (type === 'app_mention') await mention(args as SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs);
        else if (type !== 'message') await assistant(args);
        else {
          const e = args.event as { channel_type?: string; thread_ts?: string };
          // The DM's threads are the assistant's (Bolt's Assistant reads them the same way).
          if (e.channel_type === 'im') {
            if (e.thread_ts) await assistant(args);
            else await message(args as SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs);
          } else await channelMessage(args as SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs);
        }
        return true;
      }
    }
    return false;
  };
  return async (args) => {
    // Tracked, so a shutdown lets what already started finish (a saved drill also reaches Slack).
    if (!(await sc.inflight.track(route(args)))) await args.next();
  };
}
