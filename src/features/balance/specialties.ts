import { normalizeName, type Specialty } from './content.js';

export interface Resolved {
  found: Specialty[];
  unknown: string[];
}

/** Longest names first, so "emergency medicine" wins over a shorter name inside it. */
const MAX_WORDS = 4;

/**
 * Reads "IM peds", "internal medicine, EM" or "\"family medicine\" path" into specialties.
 * Commas separate names; without commas, the longest known run of words is taken at each point.
 * Duplicates collapse; words that match nothing are reported back, in the member's spelling.
 */
export function resolveSpecialties(text: string, specialties: Specialty[]): Resolved {
  const byName = new Map<string, Specialty>();
  for (const s of specialties) for (const n of [s.id, s.name, ...s.abbreviations]) byName.set(normalizeName(n), s);
  const found: Specialty[] = [];
  const unknown: string[] = [];
  const add = (s: Specialty) => {
    if (!found.includes(s)) found.push(s);
  };
  const parts = text.includes(',') ? text.split(',') : [text];
  for (const part of parts) {
    const words = part.split(/\s+/).filter((w) => normalizeName(w));
    let i = 0;
    while (i < words.length) {
      let matched = 0;
      for (let n = Math.min(MAX_WORDS, words.length - i); n > 0 && !matched; n--) {
        const hit = byName.get(normalizeName(words.slice(i, i + n).join(' ')));
        if (hit) {
          add(hit);
          matched = n;
        }
      }
      if (matched) {
        i += matched;
      } else {
        unknown.push(words[i] ?? '');
        i++;
      }
    }
  }
  return { found, unknown };
}
