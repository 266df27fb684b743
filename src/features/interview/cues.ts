/**
 * Cue lists from content (talking points, story skills) compiled to one regex each. A cue is a word
 * or phrase in lower case; a trailing `*` matches any ending (`audit*` matches "audited").
 * Matching runs on `normalizeForCues(text)`, so curly quotes and line breaks do not matter.
 */
export const CUE_PATTERN = /^[a-z0-9%][a-z0-9 .'%/-]*\*?$/;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const ALNUM = /[a-z0-9]/;

function cueSource(cue: string): string {
  const prefix = cue.endsWith('*');
  const body = prefix ? cue.slice(0, -1) : cue;
  // Boundaries only where the cue has a letter or digit at that end: "%" must still match "30%".
  const lead = ALNUM.test(body[0] ?? '') ? '(?<![a-z0-9])' : '';
  const tail = prefix ? '[a-z0-9-]*' : ALNUM.test(body.at(-1) ?? '') ? '(?![a-z0-9])' : '';
  return `${lead}${escapeRegex(body).replace(/ /g, '\\s+')}${tail}`;
}

export function compileCues(cues: readonly string[]): RegExp {
  return new RegExp(cues.map(cueSource).join('|'));
}

export function normalizeForCues(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2013]/g, '-')
    .replace(/\s+/g, ' ');
}
