import { loadDraftLexicon } from './lexicon.js';
import { DRAFTS_RECORD } from './records.js';

export const draftsFeature = {
  name: 'drafts',
  records: [DRAFTS_RECORD],
  content: [{ name: 'draft word lists and skills', load: loadDraftLexicon }],
};
