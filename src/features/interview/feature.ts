import { loadInterviewContent } from './content.js';
import { drillRecord, storyRecord } from './records.js';

export const interviewFeature = {
  name: 'interview',
  records: [drillRecord, storyRecord],
  content: [{ name: 'interview questions, ask-the-program, plan and story', load: loadInterviewContent }],
};
