import { neutralize } from '../../core/sanitize.js';
import { PACE } from './analyze.js';
import type { StoryContent, StoryPart } from './content.js';
import { normalizeForCues } from './cues.js';
import { formatDuration } from './feedback-render.js';
import type { StoryState } from './records.js';
import { countWords } from './text.js';

/**
 * "Tell me about yourself" at three lengths, built only from what the member wrote (their origin,
 * motivation, transition and direction), plus the experience -> challenge -> informatics skill table.
 * Nothing is invented: where a version is too thin, it says what to add instead of padding it.
 */

export interface StoryVersion {
  name: string;
  targetWords: [number, number];
  text: string;
  words: number;
  seconds: number;
  advice: string;
}

export interface TableRow {
  experience: string;
  challenge: string;
  skill: string;
}

export interface BuiltStory {
  versions: StoryVersion[];
  table: TableRow[];
}

const TARGETS = {
  short: [60, 80],
  standard: [260, 300],
  long: [650, 750],
} as const satisfies Record<string, [number, number]>;

function sentence(s: string): string {
  const t = s.trim().replace(/\s+/g, ' ');
  if (!t) return '';
  const capital = t[0]?.toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function firstSentence(s: string): string {
  const t = s.trim();
  const m = /^.*?[.!?](?=\s|$)/.exec(t);
  return sentence(m ? m[0] : t);
}

export function skillFor(content: StoryContent, experience: string, challenge: string): string {
  const text = normalizeForCues(`${experience} ${challenge}`);
  return content.skills.find((s) => s.re.test(text))?.skill ?? content.fallbackSkill;
}

function version(name: string, target: [number, number], text: string, expand: string[]): StoryVersion {
  const words = countWords(text);
  const seconds = Math.round((words / PACE.mid) * 60);
  let advice: string;
  if (words < target[0]) {
    const need = target[0] - words;
    advice = `About ${need} words short of this length.${expand.length ? ` To fill it: ${expand.join(' ')}` : ''}`;
  } else if (words > target[1]) {
    advice = `About ${words - target[1]} words over: keep one example per part and cut background.`;
  } else {
    advice = 'This fits the length. Say it aloud and time it.';
  }
  return { name, targetWords: target, text, words, seconds, advice };
}

export function buildStory(story: StoryState, content: StoryContent): BuiltStory {
  const part = (id: StoryPart) => story[id];
  const expandOf = (ids: StoryPart[]) =>
    content.parts
      .filter((p) => ids.includes(p.id) && (p.id !== 'action' || part('action')))
      .map((p) => `${p.title}: ${p.expand}`);
  const table = story.table
    .filter((r) => r.experience && r.challenge)
    .map((r) => ({ experience: r.experience, challenge: r.challenge, skill: skillFor(content, r.experience, r.challenge) }));
  const example = (r: TableRow) =>
    `One example: ${sentence(`${r.experience} - ${r.challenge}`)} What I took from it: ${r.skill}.`;

  const short = [firstSentence(part('origin')), firstSentence(part('motivation')), firstSentence(part('future'))]
    .filter(Boolean)
    .join(' ');
  const standardParts = [
    sentence(part('origin')),
    sentence(part('motivation')),
    sentence(part('action')),
    sentence(part('transition')),
    sentence(part('future')),
  ].filter(Boolean);
  const firstRow = table[0];
  if (firstRow) standardParts.splice(Math.min(3, standardParts.length), 0, example(firstRow));
  const standard = standardParts.join(' ');
  const longParts = [...standardParts];
  for (const r of table.slice(1)) longParts.splice(Math.max(0, longParts.length - 1), 0, example(r));
  const long = longParts.join(' ');

  return {
    versions: [
      version('30-second version', [...TARGETS.short], short, []),
      version('2-minute version', [...TARGETS.standard], standard, expandOf(['motivation', 'action', 'transition'])),
      version('5-minute version', [...TARGETS.long], long, expandOf(['origin', 'motivation', 'action', 'transition', 'future'])),
    ],
    table,
  };
}

export function renderStory(built: BuiltStory): string {
  const out: string[] = ['**Your "tell me about yourself", in three lengths** (built from your own words)'];
  for (const v of built.versions) {
    out.push(
      `**${v.name}** (aim for ${v.targetWords[0]}-${v.targetWords[1]} words; now ${v.words}, about ${formatDuration(v.seconds)})\n${neutralize(v.text)}\n_${v.advice}_`,
    );
  }
  if (built.table.length) {
    out.push(
      `**Experience → challenge → informatics skill**\n${built.table
        .map((r) => `- ${neutralize(r.experience)} → ${neutralize(r.challenge)} → ${r.skill}`)
        .join('\n')}\n_The skill column is a suggestion: say it in your own words._`,
    );
  } else {
    out.push('_Add one or two experiences (step 2) to get the experience → challenge → informatics skill table._');
  }
  out.push('Keep every version consistent with your personal statement and application: interviewers often have them open.');
  return out.join('\n\n');
}
