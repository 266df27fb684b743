import { loadRedflagContent } from './items.js';
import { programProgressRecord, programReportsRecord, selfProgressRecord, selfResultRecord } from './records.js';

export const redflagsFeature = {
  name: 'redflags',
  records: [programProgressRecord, programReportsRecord, selfProgressRecord, selfResultRecord],
  content: [{ name: 'red-flag questionnaires', load: loadRedflagContent }],
};
