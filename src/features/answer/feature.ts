import { loadGuide } from '../../content/guide.js';
import { unansweredRecord } from '../../core/unanswered.js';
import { askContextRecord } from './context.js';

/** Answers from the guide (/ask, /visa, /about): the guide itself is this feature's content. */
export const answerFeature = {
  name: 'answer',
  records: [unansweredRecord, askContextRecord],
  content: [{ name: 'guide sections', load: loadGuide }],
};
