import type { Entry } from './entry.js';

const isFellowship = (e: Pick<Entry, 'program'>) => /fellow/i.test(e.program);

/**
 * A short email to the program coordinator asking what the tracker does not know yet. Plain text
 * with the member's own entry names in it: render it through `neutralize` before echoing in chat.
 */
export function coordinatorEmail(e: Pick<Entry, 'institution' | 'program' | 'cap' | 'step3'>): string {
  const program = e.program || 'program';
  const trainees = isFellowship(e) ? 'fellows' : 'residents';
  const questions = [`Does the program sponsor H-1B visas, J-1 visas, or both, for its ${trainees}?`];
  if (isFellowship(e)) {
    questions.push('Have you sponsored international medical graduates in this fellowship before, and on which visa?');
  } else {
    if (e.step3 === 'unknown') {
      questions.push('If you sponsor the H-1B, must USMLE Step 3 be passed before ranking, or by the contract start date?');
    }
    questions.push('How many incoming residents started on an H-1B over the last few years?');
  }
  if (e.cap === 'unknown')
    questions.push('Is the institution cap-exempt for H-1B purposes, and is there a limit on H-1B positions?');
  return [
    `Subject: Visa sponsorship question from an applicant (${program})`,
    '',
    'Dear Program Coordinator,',
    '',
    `I am an international medical graduate interested in the ${program} at ${e.institution}. Before I apply, could you help me with a few visa questions?`,
    '',
    ...questions.map((q, i) => `${i + 1}. ${q}`),
    '',
    'Thank you very much for your time.',
    '',
    'Kind regards,',
    '[Your name]',
  ].join('\n');
}
