import type { Section } from '../../content/schema.js';
import { type Folding, terms } from './text.js';

/**
 * The guide cut into what a chat answer quotes: a sentence of a summary, a bullet, or a short
 * paragraph (a long one is cut into its sentences). Each passage knows its section and its place,
 * and carries its terms (folded and stemmed like a question's), made once when the index is built.
 */
export interface Passage {
  /** Index of the section in the guide's section list. */
  section: number;
  /** Position within the section (summary first, then the text in order). */
  order: number;
  /** The passage as written, markdown kept, list markers removed. */
  text: string;
  /** From the summary (the section's gist) or the body. */
  from: 'summary' | 'text';
  /** Passages of one list share a number; 0 for prose. */
  list: number;
  /** A line that introduces a list ("It has four parts:", "**Cap-subject**"): quoted only with its items. */
  intro: boolean;
  terms: string[];
  /** Holds a number (digits or a number word): what "how many / how long" questions want. */
  number: boolean;
  words: number;
}

const SHORT_PARAGRAPH = 45;
/** A digit that is an amount, not part of a name (H-1B, J-1, O-1, PGY-2, Step 3, ICD-10, Conrad 30). */
export const AMOUNT = /(?<![A-Za-z]-?|(?:step|pgy|conrad) ?|\d)\d/i;
const NUMBER_WORDS =
  /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|half|dozen|once|twice|first|second|third)\b/i;
const LIST_ITEM = /^(?:[-*]|\d+\.)\s+/;

export function sentencesOf(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z0-9*"“(])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const wordsIn = (s: string) => (s.match(/\S+/g) ?? []).length;

export function splitSection(section: Section, index: number, folding: Folding, headingTerms = true): Passage[] {
  const out: Passage[] = [];
  let list = 0;
  const push = (text: string, from: Passage['from'], opts: { list?: number; intro?: boolean; extra?: string } = {}) => {
    const clean = text.trim();
    if (!clean) return;
    out.push({
      section: index,
      order: out.length,
      text: clean,
      from,
      list: opts.list ?? 0,
      intro: opts.intro ?? false,
      terms: [...new Set(terms(`${clean} ${opts.extra ?? ''}`, folding))],
      number: AMOUNT.test(clean) || NUMBER_WORDS.test(clean),
      words: wordsIn(clean),
    });
  };
  for (const s of sentencesOf(section.summary)) push(s, 'summary');
  for (const para of section.text.trim().split(/\n\s*\n/)) {
    const lines = para
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    let heading = '';
    let prose: string[] = [];
    const flushProse = () => {
      const text = prose.join(' ');
      prose = [];
      if (!text) return;
      if (wordsIn(text) <= SHORT_PARAGRAPH) push(text, 'text');
      else for (const s of sentencesOf(text)) push(s, 'text');
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (LIST_ITEM.test(line)) {
        flushProse();
        if (!out.at(-1)?.list || out.at(-1)?.list !== list || list === 0) list++;
        push(line.replace(LIST_ITEM, ''), 'text', { list, extra: headingTerms ? heading : '' });
        continue;
      }
      const next = lines[i + 1] ?? '';
      const introducesList = LIST_ITEM.test(next) && (/:$/.test(line) || /^\*\*[^*]+\*\*$/.test(line));
      if (introducesList) {
        flushProse();
        list++;
        heading = line;
        push(line, 'text', { list, intro: true });
        continue;
      }
      prose.push(line);
    }
    flushProse();
    // A list that ends with its paragraph: the next one starts afresh.
    list++;
  }
  return out;
}
