import { trackerRecord } from './records.js';
import { RULE_SECTIONS } from './warnings.js';

export const trackerFeature = {
  name: 'tracker',
  records: [trackerRecord],
  /** The guide sections its warnings cite. */
  guideRefs: async () => [...new Set(Object.values(RULE_SECTIONS).flat())],
};
