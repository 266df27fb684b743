import { oncePerFolder } from '../../content/memo.js';
import type { Ctx } from '../../core/command.js';
import { callerHash } from '../../core/insights.js';
import { countUnanswered, OTHER_TERMS } from '../../core/unanswered.js';
import { isStoreUnavailable } from '../../store/errors.js';
import { getEngine } from './service.js';
import { terms } from './text.js';

/**
 * The guide's own vocabulary, normalised as questions are: every term of its sections, plus the
 * words its editors listed (synonym groups, and the specifics it deliberately does not state, such
 * as fees: exactly what advisors want to see asked).
 */
const guideVocabulary = oncePerFolder(async (contentDir: string) => {
  const { guide, folding } = await getEngine(contentDir);
  const text = (s: (typeof guide.sections)[number]) =>
    [s.title, ...s.aliases, ...s.keywords, ...s.questions, s.summary, s.text].join(' ');
  const listed = [...guide.synonyms.flat(), ...guide.specifics].join(' ; ');
  return new Set([...guide.sections.flatMap((s) => terms(text(s), folding)), ...terms(listed, folding)]);
});

/** The terms worth keeping: the guide's own words only, no numbers, sorted. */
export function keptTerms(normalized: string, vocabulary: ReadonlySet<string>): string {
  const kept = [...new Set(normalized.split(/\s+/))].filter((t) => t && !/\d/.test(t) && vocabulary.has(t)).sort();
  return kept.length ? kept.join(' ') : OTHER_TERMS;
}

/**
 * Counts an unanswered question for advisors: its guide terms, and who asked (hashed, for
 * /forget). A count, not the member's answer: when the store is away the member still gets the
 * guide's reply and the count is skipped.
 */
export async function recordUnanswered(
  ctx: Pick<Ctx, 'store' | 'config' | 'platform' | 'user' | 'now' | 'log'>,
  normalized: string,
): Promise<void> {
  if (!normalized.trim()) return;
  const key = keptTerms(normalized, await guideVocabulary(ctx.config.contentDir));
  const day = ctx.now().toISOString().slice(0, 10);
  await callerHash(ctx)
    .then((who) => countUnanswered(ctx.store, key, who, day))
    .catch((err: unknown) => {
      if (!isStoreUnavailable(err)) throw err;
      ctx.log.warn({ err: err.message }, 'unanswered question not counted: the store is away');
    });
}
