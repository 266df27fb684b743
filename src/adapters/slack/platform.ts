import { dmChannelRecord } from '../shared/dm-channels.js';
import { pendingFormsRecord } from '../shared/pending-forms.js';
import { definePlatform, present } from '../shared/platform.js';
import { missingSlackSettings, SLACK_SETTINGS } from './mode.js';

/** Slack through Bolt: Socket Mode with SLACK_APP_TOKEN, or HTTP with SLACK_SIGNING_SECRET. */
export const slackPlatform = definePlatform({
  name: 'slack',
  title: 'Slack',
  records: [pendingFormsRecord, dmChannelRecord],
  configured: (config) => present(config, SLACK_SETTINGS).length > 0,
  missing: missingSlackSettings,
  async start(runtime) {
    const { startSlack } = await import('./index.js');
    return startSlack(runtime);
  },
});
