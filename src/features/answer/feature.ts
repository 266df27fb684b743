import { loadGuide } from '../../content/guide.js';
import { askContextRecord } from './context.js';
import { unansweredRecord } from './unanswered.js';

/** Answers from the guide (/ask, /visa, /about): the guide itself is this feature's content. */
export const answerFeature = {
  name: 'answer',
  records: [unansweredRecord, askContextRecord],
  content: [{ name: 'guide sections', load: loadGuide }],
};
