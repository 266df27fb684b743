import type { Config } from '../../config.js';
import type { Ctx } from '../../core/command.js';
import { reply } from '../../core/reply.js';
import { type AnswerMode, DEFAULT_LIMITS, limitsIn, type ServerSettings } from '../../core/server-settings.js';
import type { Block, Platform, Reply } from '../../core/types.js';
import { showChannel, showRole } from './refs.js';

export const MODE_LABEL: Record<AnswerMode, string> = {
  mention: 'When mentioned',
  auto: 'Mentions and new posts in chosen channels',
  off: 'Slash commands only',
};

const MODE_MEANS: Record<AnswerMode, string> = {
  mention: 'I answer when someone mentions me, in a thread on their message; their follow-ups there are answered too.',
  auto: 'I answer mentions, and every new post or forum post in the auto-answer channels, in its thread.',
  off: 'I answer slash commands and direct messages only; mentions and channel posts are left alone.',
};

/** Ids the settings card's controls carry (made by the command's codec). */
export interface PanelIds {
  mode: string;
  visibility: string;
  hereAdd: string;
  hereRemove: string;
  editChannels: string;
  editLimits: string;
}

function limitsLine(s: ServerSettings, config: Partial<Config>): string {
  const l = limitsIn(s, config);
  const mark = (own: number | undefined) => (own === undefined ? '' : ' (set here)');
  return [
    `Each member: ${l.memberPerMinute} a minute${mark(s.limits.memberPerMinute)}, ${l.memberPerDay} a day${mark(s.limits.memberPerDay)}`,
    `The whole server: ${l.serverPerMinute} a minute${mark(s.limits.serverPerMinute)}, ${l.serverPerDay} a day${mark(s.limits.serverPerDay)}`,
  ].join('\n');
}

/** Whether this deployment can read posts that do not mention the bot (auto mode, follow-ups without a mention). */
function readsPosts(platform: Platform, config: Partial<Config>): boolean {
  if (platform === 'discord') return config.DISCORD_MESSAGE_CONTENT === true;
  if (platform === 'slack') return config.SLACK_LISTEN === 'channels';
  return true;
}

const CANNOT_READ: Partial<Record<Platform, string>> = {
  discord:
    ' Note: this bot cannot read posts that do not mention it yet; whoever runs it turns on the Message Content intent (DISCORD_MESSAGE_CONTENT=true).',
  slack:
    ' Note: this app cannot read channel posts yet; whoever runs it sets SLACK_LISTEN=channels and reinstalls with the new manifest.',
};

export function settingsFields(s: ServerSettings, platform: Platform, config: Partial<Config>) {
  const note = s.answerMode === 'auto' && !readsPosts(platform, config) ? (CANNOT_READ[platform] ?? '') : '';
  const channels = s.autoChannels.length ? s.autoChannels.map((c) => showChannel(platform, c)).join(', ') : 'none yet';
  return [
    { label: 'Where I answer', value: `${MODE_LABEL[s.answerMode]}. ${MODE_MEANS[s.answerMode]}${note}` },
    { label: 'Auto-answer channels', value: channels },
    {
      label: '/ask and /visa answers',
      value: s.askVisibility === 'public' ? 'Public: everyone in the channel sees them' : 'Private: only the asker sees them',
    },
    { label: 'Advisor channel', value: s.advisorChannel ? showChannel(platform, s.advisorChannel) : 'not set' },
    {
      label: platform === 'discord' ? 'Advisor role' : 'Advisor user group',
      value: s.advisorRole ? showRole(platform, s.advisorRole) : 'not set',
    },
    { label: 'Questions allowed', value: limitsLine(s, config) },
  ];
}

/**
 * The settings card, for the admin who ran `/settings` alone: what is set, and the controls to
 * change it. The same card on both platforms; a change replaces it with the updated one.
 */
export function settingsPanel(s: ServerSettings, ctx: Ctx, ids: PanelIds, saved?: string): Reply {
  const here = ctx.conversation.id;
  const listed = s.autoChannels.includes(here);
  const blocks: Block[] = [
    { type: 'text', markdown: `${saved ? `${saved}\n\n` : ''}**Settings for this server** (only you see this)` },
    { type: 'fields', fields: settingsFields(s, ctx.platform, ctx.config) },
    {
      type: 'select',
      id: ids.mode,
      placeholder: 'Where I answer…',
      options: (['mention', 'auto', 'off'] as const).map((m) => ({ value: m, label: MODE_LABEL[m] })),
    },
    {
      type: 'select',
      id: ids.visibility,
      placeholder: '/ask and /visa answers are…',
      options: [
        { value: 'public', label: 'Public', description: 'Everyone in the channel sees the answer' },
        { value: 'private', label: 'Private', description: 'Only the asker sees the answer' },
      ],
    },
    {
      type: 'buttons',
      buttons: [
        listed
          ? { id: ids.hereRemove, label: 'Stop answering new posts here', style: 'danger' }
          : { id: ids.hereAdd, label: 'Answer new posts in this channel', style: 'primary' },
        { id: ids.editChannels, label: 'Channels and advisors', style: 'secondary' },
        { id: ids.editLimits, label: 'Question limits', style: 'secondary' },
      ],
    },
  ];
  return reply(blocks, 'private', { data: { settings: s } });
}

export function defaultLimitsNote(config: Partial<Config>): string {
  const d = limitsIn({ answerMode: 'mention', autoChannels: [], askVisibility: 'public', limits: {} }, config);
  return `Blank means the default (${d.memberPerMinute}/${d.memberPerDay} per member, ${d.serverPerMinute}/${d.serverPerDay} per server).`;
}

export { DEFAULT_LIMITS };
