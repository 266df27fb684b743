import type { Block } from './types.js';

type SourceItem = Extract<Block, { type: 'sources' }>['items'][number];

/** One guide's sections in a sources line, and where they come from ("Guide (reviewed 2026-11-23)"). */
export interface SourceGroup {
  origin: string;
  titles: string[];
}

/**
 * Sources by guide, in the order first cited: an answer quoting three sections of one guide names
 * the guide and its review date once, not three times (in a chat answer that line was the longest).
 */
export function groupSources(items: SourceItem[]): SourceGroup[] {
  const groups = new Map<string, SourceGroup>();
  for (const i of items) {
    const origin = i.guide ? `${i.guide}${i.reviewed ? ` (reviewed ${i.reviewed})` : ''}` : '';
    const group = groups.get(origin) ?? { origin, titles: [] };
    groups.set(origin, group);
    group.titles.push(i.title);
  }
  return [...groups.values()];
}

/** A group as one line's part: "Guide (reviewed ...): Title; Title". */
export const sourceGroupText = (g: SourceGroup) => `${g.origin ? `${g.origin}: ` : ''}${g.titles.join('; ')}`;
