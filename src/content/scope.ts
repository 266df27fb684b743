import type { Guide } from './guide.js';
import type { Section } from './schema.js';

/** What `/visa` may answer from: immigration sections, and every section of a guide marked `visa`. */
export function isVisaScope(guide: Pick<Guide, 'sources'>, section: Section): boolean {
  return section.area === 'immigration' || guide.sources.some((g) => g.visa && g.id === section.source);
}

/** Said under every immigration answer, whichever feature gives it: the guide is no legal advice. */
export const VISA_REMINDER =
  'Visa rules and each program’s practice change: confirm with the program’s GME office and an immigration attorney before you act on this.';
