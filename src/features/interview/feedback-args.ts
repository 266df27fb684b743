/** Arguments of `img-advisor interview feedback`, checked before anything is read. */
export const FEEDBACK_USAGE =
  'Usage: img-advisor interview feedback [--json] [--question "TEXT or id"] [--file answer.txt] < answer.txt';

export function parseFeedbackArgs(args: string[]): { json: boolean; question?: string; file?: string } | { error: string } {
  const out: { json: boolean; question?: string; file?: string } = { json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--json') out.json = true;
    else if (flag === '--question' || flag === '--file') {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') return { error: `${flag} needs a value.` };
      if (flag === '--question') out.question = value;
      else out.file = value;
    } else return { error: `I did not understand "${a}".` };
  }
  if (out.question && out.question.length > 300) return { error: 'The question is too long: at most 300 characters.' };
  return out;
}
