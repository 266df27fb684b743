import type { AllMiddlewareArgs, SlackEventMiddlewareArgs, types, webApi } from '@slack/bolt';
import { actionId } from '../../../core/action-id.js';
import { commandUsages } from '../../../core/usage.js';
import { requestBase, type SlackContext } from '../context.js';
import { LIMITS } from '../limits.js';
import { type CommandNaming, splitText, toMrkdwn } from '../mrkdwn.js';

export const HOME_FORGET = '_slack:home:forget';

/**
 * The App Home tab: help from the registry (so it lists whatever commands exist), what the member
 * has saved (each command's `mine`: programs, drafts, drills, tracker), and a button that deletes
 * it all through /forget. The tab is the member's own, so their saved names may show there.
 */
export function homeView(sc: SlackContext, notice?: string, saved: string[] = []): types.HomeView {
  const naming: CommandNaming = sc.deps.naming;
  const lines = commandUsages(sc.core.router.commands).map(
    (u) => `- \`${u.usage}\`: ${u.description}${u.example ? `\n  e.g. \`${u.example}\`` : ''}`,
  );
  const help = splitText(toMrkdwn(lines.join('\n'), naming), LIMITS.sectionText).map(
    (text): types.KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } }),
  );
  const blocks: types.KnownBlock[] = [];
  if (notice) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: toMrkdwn(notice, naming) } }, { type: 'divider' });
  blocks.push(
    { type: 'header', text: { type: 'plain_text', text: 'img-advisor' } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: toMrkdwn(
          'Guidance for international medical graduates on the way to clinical informatics. Type a command in any channel, or message me here for a question or a drill.',
          naming,
        ),
      },
    },
    { type: 'divider' },
    { type: 'section', text: { type: 'mrkdwn', text: '*Commands*' } },
    ...help.slice(0, LIMITS.blocksPerView - 16),
    { type: 'divider' },
    ...splitText(
      toMrkdwn(
        saved.length
          ? `**What you have saved**\n${saved.map((l) => `- ${l}`).join('\n')}`
          : '**What you have saved**\nNothing yet.',
        naming,
      ),
      LIMITS.sectionText,
    )
      .slice(0, 4)
      .map((text): types.KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } })),
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: toMrkdwn(
          '**Your data**\nWhat you save (questionnaires, drafts, drills, tracker entries) is only for you and expires on its own. You can delete all of it now.',
          naming,
        ),
      },
      accessory: {
        type: 'button',
        action_id: HOME_FORGET,
        value: HOME_FORGET,
        style: 'danger',
        text: { type: 'plain_text', text: 'Delete my data' },
        confirm: {
          title: { type: 'plain_text', text: 'Delete your data?' },
          text: { type: 'plain_text', text: 'Everything stored about you is removed for good.' },
          confirm: { type: 'plain_text', text: 'Delete' },
          deny: { type: 'plain_text', text: 'Keep it' },
          style: 'danger',
        },
      },
    },
  );
  return { type: 'home', blocks };
}

export async function publishHome(
  sc: SlackContext,
  client: webApi.WebClient,
  user: string,
  notice?: string,
  team?: string,
): Promise<void> {
  const groups = await sc.core.router.mine(requestBase({ id: user }, `home-${user}`, false, team));
  await client.views.publish({
    user_id: user,
    view: homeView(
      sc,
      notice,
      groups.flatMap((g) => g.lines),
    ),
  });
}

/**
 * The Home tab's delete button runs /forget through the router, then shows its answer on the tab.
 * Slack already asked "Delete your data?" (the button's confirm dialog), so it deletes at once.
 */
export async function forgetFromHome(sc: SlackContext, client: webApi.WebClient, user: string, team?: string): Promise<void> {
  // Slack already asked "are you sure" in the button's own dialog: this is /forget's confirm click.
  const replies = await sc.core.router.handle({
    ...requestBase({ id: user }, `home-${user}`, false, team),
    kind: 'action',
    actionId: actionId('forget', user, 'yes'),
  });
  const notice = replies
    .flatMap((r) => r.blocks)
    .map((b) => (b.type === 'text' ? b.markdown : ''))
    .filter(Boolean)
    .join('\n');
  await publishHome(sc, client, user, notice, team);
}

export function onHomeOpened(sc: SlackContext) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    try {
      await publishHome(sc, client, event.user);
    } catch (err) {
      sc.core.log.warn({ platform: 'slack', error: (err as Error).message }, 'could not publish the Home tab');
    }
  };
}
