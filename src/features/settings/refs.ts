import type { Platform } from '../../core/types.js';

/**
 * Channel and role references as admins paste them into a settings form: a mention, a link, or a
 * bare id. Names (`#help`) cannot be looked up without reading the server's channel list, so they
 * get a message saying what to paste instead.
 */
export type Parsed = { ok: true; ids: string[] } | { ok: false; problem: string };

const DISCORD_ID = /^\d{15,22}$/;
const SLACK_CHANNEL = /^[CG][A-Z0-9]{6,}$/;
const SLACK_GROUP = /^S[A-Z0-9]{6,}$/;

function channelId(platform: Platform, raw: string): string | undefined {
  const t = raw.trim();
  if (platform === 'discord') {
    const m = /^<#(\d{15,22})>$/.exec(t) ?? /discord(?:app)?\.com\/channels\/\d+\/(\d{15,22})\/?$/.exec(t);
    if (m) return m[1];
    return DISCORD_ID.test(t) ? t : undefined;
  }
  const m = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(t) ?? /slack\.com\/archives\/([CG][A-Z0-9]+)\/?$/.exec(t);
  if (m) return m[1];
  return SLACK_CHANNEL.test(t.toUpperCase()) ? t.toUpperCase() : undefined;
}

function roleId(platform: Platform, raw: string): string | undefined {
  const t = raw.trim();
  if (platform === 'discord') {
    const m = /^<@&(\d{15,22})>$/.exec(t);
    if (m) return m[1];
    return DISCORD_ID.test(t) ? t : undefined;
  }
  const m = /^<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>$/.exec(t);
  if (m) return m[1];
  return SLACK_GROUP.test(t.toUpperCase()) ? t.toUpperCase() : undefined;
}

const CHANNEL_HELP: Record<string, string> = {
  discord: "paste each channel's link (right-click the channel, **Copy Link**) or its id",
  slack: "paste each channel's link (open the channel's details, **Copy link**) or its id (C…)",
};

export function parseChannels(platform: Platform, text: string, max: number): Parsed {
  const parts = text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const ids: string[] = [];
  for (const p of parts) {
    const id = channelId(platform, p);
    if (!id)
      return {
        ok: false,
        problem: `I could not read "${p.slice(0, 40)}" as a channel: ${CHANNEL_HELP[platform] ?? 'paste its id'}.`,
      };
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length > max) return { ok: false, problem: `At most ${max} channels can be listed (you gave ${ids.length}).` };
  return { ok: true, ids };
}

export function parseChannel(platform: Platform, text: string): Parsed {
  const r = parseChannels(platform, text, 1);
  return r.ok || !text.trim() ? r : { ok: false, problem: r.problem.replace('At most 1 channels', 'Only one channel') };
}

export function parseRole(platform: Platform, text: string): Parsed {
  const t = text.trim();
  if (!t) return { ok: true, ids: [] };
  const id = roleId(platform, t);
  if (id) return { ok: true, ids: [id] };
  return {
    ok: false,
    problem:
      platform === 'discord'
        ? `I could not read "${t.slice(0, 40)}" as a role: paste its id (Server Settings, Roles, right-click the role, **Copy Role ID**).`
        : `I could not read "${t.slice(0, 40)}" as a user group: paste its id (S…), from the group's page.`,
  };
}

/** How the settings card shows a channel or role: a link on Discord (it never pings), the id on Slack. */
export function showChannel(platform: Platform, id: string): string {
  return platform === 'discord' ? `<#${id}>` : `\`${id}\``;
}

export function showRole(platform: Platform, id: string): string {
  return platform === 'discord' ? `<@&${id}>` : `\`${id}\``;
}
