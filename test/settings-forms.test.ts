import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/server-settings.js';
import { applyChannels, applyLimits } from '../src/features/settings/forms.js';
import { parseChannels, parseRole } from '../src/features/settings/refs.js';

describe('channel and role references in the settings form', () => {
  it('reads Discord mentions, links and ids, once each', () => {
    const r = parseChannels(
      'discord',
      '<#123456789012345678>, https://discord.com/channels/111111111111111111/223456789012345678 123456789012345678',
      20,
    );
    expect(r).toEqual({ ok: true, ids: ['123456789012345678', '223456789012345678'] });
  });

  it('reads Slack mentions, links and ids', () => {
    expect(parseChannels('slack', '<#C0123ABCD|help>, https://acme.slack.com/archives/G0456EFGH c0789ijkl', 20)).toEqual({
      ok: true,
      ids: ['C0123ABCD', 'G0456EFGH', 'C0789IJKL'],
    });
    expect(parseRole('slack', '<!subteam^S0614TZR7|@advisors>')).toEqual({ ok: true, ids: ['S0614TZR7'] });
  });

  it('says what to paste instead of a name it cannot look up', () => {
    const r = parseChannels('discord', '#help', 20);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toMatch(/Copy Link/);
    expect(parseRole('discord', 'advisors')).toMatchObject({ ok: false });
  });

  it('refuses too many channels, and clears optional fields left blank', () => {
    expect(parseChannels('slack', 'C0000001 C0000002 C0000003', 2)).toMatchObject({ ok: false });
    const applied = applyChannels({ ...DEFAULT_SETTINGS, advisorChannel: 'C0000009' }, 'slack', {
      channels: '',
      advisorChannel: '',
    });
    expect(applied).toEqual({ ok: true, next: { ...DEFAULT_SETTINGS, autoChannels: [] } });
  });
});

describe('question limits in the settings form', () => {
  it('keeps blank as the default and names the field of a bad number', () => {
    expect(applyLimits(DEFAULT_SETTINGS, { memberPerMinute: '5', memberPerDay: ' ', serverPerDay: '2,000' })).toEqual({
      ok: true,
      next: { ...DEFAULT_SETTINGS, limits: { memberPerMinute: 5, serverPerDay: 2000 } },
    });
    const bad = applyLimits(DEFAULT_SETTINGS, { memberPerMinute: '0', serverPerMinute: 'lots' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems).toEqual([
      'Per member, a minute: needs a whole number from 1 to 600, or blank for the default.',
      'Whole server, a minute: needs a whole number from 1 to 10,000, or blank for the default.',
    ]);
  });
});
