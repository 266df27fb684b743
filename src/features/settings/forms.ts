import type { Config } from '../../config.js';
import { type LimitName, limitBounds, MAX_AUTO_CHANNELS, type ServerSettings } from '../../core/server-settings.js';
import type { Block, Platform } from '../../core/types.js';
import { parseChannel, parseChannels, parseRole } from './refs.js';
import { defaultLimitsNote } from './view.js';

const CHANNEL_LABELS = {
  channels: 'Auto-answer channels (links or ids)',
  advisorChannel: 'Advisor channel (link or id)',
  advisorRole: 'Advisor role id',
  advisorGroup: 'Advisor user group id',
};

/** The two settings forms (at most five fields each: Discord's modal limit). */
export function channelsForm(id: string, s: ServerSettings, platform: Platform, typed?: Record<string, string>): Block {
  return {
    type: 'form',
    id,
    title: 'Channels and advisors',
    submitLabel: 'Save',
    fields: [
      {
        id: 'channels',
        label: CHANNEL_LABELS.channels,
        style: 'paragraph',
        required: false,
        maxLength: 2000,
        value: typed?.channels ?? s.autoChannels.join(', '),
        placeholder: 'Help or forum channels, separated by commas',
      },
      {
        id: 'advisorChannel',
        label: CHANNEL_LABELS.advisorChannel,
        style: 'short',
        required: false,
        maxLength: 200,
        value: typed?.advisorChannel ?? s.advisorChannel ?? '',
      },
      {
        id: 'advisorRole',
        label: platform === 'discord' ? CHANNEL_LABELS.advisorRole : CHANNEL_LABELS.advisorGroup,
        style: 'short',
        required: false,
        maxLength: 100,
        value: typed?.advisorRole ?? s.advisorRole ?? '',
      },
    ],
  };
}

const LIMIT_LABELS: Record<LimitName, string> = {
  memberPerMinute: 'Per member, a minute',
  memberPerDay: 'Per member, a day',
  serverPerMinute: 'Whole server, a minute',
  serverPerDay: 'Whole server, a day',
};

export function limitsForm(id: string, s: ServerSettings, config: Partial<Config>, typed?: Record<string, string>): Block {
  return {
    type: 'form',
    id,
    title: 'Question limits',
    submitLabel: 'Save',
    fields: (Object.keys(LIMIT_LABELS) as LimitName[]).map((name) => ({
      id: name,
      label: LIMIT_LABELS[name],
      style: 'short' as const,
      required: false,
      maxLength: 8,
      value: typed?.[name] ?? (s.limits[name] === undefined ? '' : String(s.limits[name])),
      placeholder: defaultLimitsNote(config).slice(0, 100),
    })),
  };
}

export type Applied = { ok: true; next: ServerSettings } | { ok: false; problems: string[] };

export function applyChannels(s: ServerSettings, platform: Platform, fields: Record<string, string>): Applied {
  const problems: string[] = [];
  const channels = parseChannels(platform, fields.channels ?? '', MAX_AUTO_CHANNELS);
  const advisor = parseChannel(platform, fields.advisorChannel ?? '');
  const role = parseRole(platform, fields.advisorRole ?? '');
  // Each problem names its field's label, so Slack can show it under that field.
  if (!channels.ok) problems.push(`${CHANNEL_LABELS.channels}: ${channels.problem}`);
  if (!advisor.ok) problems.push(`${CHANNEL_LABELS.advisorChannel}: ${advisor.problem}`);
  if (!role.ok)
    problems.push(`${platform === 'discord' ? CHANNEL_LABELS.advisorRole : CHANNEL_LABELS.advisorGroup}: ${role.problem}`);
  if (!channels.ok || !advisor.ok || !role.ok) return { ok: false, problems };
  const { advisorChannel: _c, advisorRole: _r, ...rest } = s;
  return {
    ok: true,
    next: {
      ...rest,
      autoChannels: channels.ids,
      ...(advisor.ids[0] ? { advisorChannel: advisor.ids[0] } : {}),
      ...(role.ids[0] ? { advisorRole: role.ids[0] } : {}),
    },
  };
}

export function applyLimits(s: ServerSettings, fields: Record<string, string>): Applied {
  const problems: string[] = [];
  const limits: ServerSettings['limits'] = {};
  for (const name of Object.keys(LIMIT_LABELS) as LimitName[]) {
    const raw = (fields[name] ?? '').trim().replace(/[,_\s]/g, '');
    if (!raw) continue;
    const n = Number(raw);
    const { min, max } = limitBounds[name];
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      problems.push(
        `${LIMIT_LABELS[name]}: needs a whole number from ${min} to ${max.toLocaleString('en-US')}, or blank for the default.`,
      );
    } else {
      limits[name] = n;
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, next: { ...s, limits } };
}
