import { serverSettingsRecord } from '../../core/server-settings.js';

/** Server settings (/settings): the record lives in the base, where adapters and other features read it. */
export const settingsFeature = {
  name: 'settings',
  records: [serverSettingsRecord],
  content: [],
};
