import { IS_NUMBER_TOKEN, PUNCT } from './text.js';

/**
 * Filler and hedge words, counted honestly: "like" and "you know" only where they carry no meaning
 * ("I would like to", "tools like Epic", "do you know how" are not fillers), "kind of" / "sort of"
 * only as hedges ("what kind of system" is not one).
 */
export interface Fillers {
  count: number;
  /** Filler or hedge -> occurrences, in the order first heard. */
  words: Record<string, number>;
}

const ALWAYS = new Map<string, string>([
  ['um', 'um'],
  ['umm', 'um'],
  ['uhm', 'um'],
  ['uh', 'uh'],
  ['uhh', 'uh'],
  ['erm', 'erm'],
  ['hmm', 'hmm'],
  ['basically', 'basically'],
  ['literally', 'literally'],
  ['maybe', 'maybe'],
  ['kinda', 'kind of'],
  ['sorta', 'sort of'],
]);

/** Before "like", these make it the verb: "I like", "would like", "do not like", "nurses like". */
const LIKE_AS_VERB_AFTER = new Set([
  'i',
  'we',
  'you',
  'they',
  'he',
  'she',
  "i'd",
  "we'd",
  "you'd",
  "they'd",
  "he'd",
  "she'd",
  'would',
  'do',
  'does',
  'did',
  "don't",
  "doesn't",
  "didn't",
  'dont',
  'not',
  'really',
  'also',
  'to',
  'always',
  'never',
  'might',
  'will',
  "i'll",
  'may',
  'should',
  'could',
  'genuinely',
  'particularly',
  'especially',
  'truly',
  'still',
  'actually',
  'people',
  'patients',
  'nurses',
  'doctors',
  'residents',
  'fellows',
  'clinicians',
  'staff',
  'users',
  'who',
]);

/** Before "like", these make it a comparison: "looks like", "something like that", "felt like a failure". */
const LIKE_AS_COMPARISON_AFTER = new Set([
  'look',
  'looks',
  'looked',
  'looking',
  'feel',
  'feels',
  'felt',
  'feeling',
  'sound',
  'sounds',
  'sounded',
  'seem',
  'seems',
  'seemed',
  'something',
  'anything',
  'nothing',
  'everything',
  'things',
  'stuff',
  'just',
  'more',
  'much',
  'exactly',
  'unlike',
  'act',
  'acted',
  'acting',
  'treat',
  'treated',
  'behave',
  'behaved',
]);
const BE = new Set(['is', 'was', 'were', 'are', 'be', 'been', 'being', "it's", "that's"]);
const CONJUNCTION = new Set(['and', 'but', 'so', 'or', 'because', 'then', 'um', 'uh']);
/** After "like", these show it is padding: "like really hard", "like I don't know". */
const FILLER_NEXT = new Set([
  'um',
  'uh',
  'really',
  'so',
  'very',
  'totally',
  'literally',
  'just',
  'basically',
  'super',
  'honestly',
  'actually',
  'oh',
  'yeah',
  'kinda',
  'sorta',
  'i',
  'you',
  'we',
  'he',
  'she',
  'they',
  "it's",
  "there's",
  "i'm",
  "we're",
  "they're",
]);
const KIND_AS_NOUN_AFTER = new Set([
  'what',
  'this',
  'that',
  'the',
  'a',
  'an',
  'any',
  'some',
  'every',
  'which',
  'one',
  'same',
  'different',
  'another',
  'these',
  'those',
  'each',
  'no',
  'all',
  'many',
  'other',
  'similar',
  'particular',
  'certain',
  'specific',
  'only',
  'first',
  'best',
  'worst',
  'own',
  'right',
  'wrong',
  'new',
  "what's",
]);
const YOU_KNOW_LITERAL_AFTER = new Set([
  'do',
  'did',
  'does',
  "don't",
  "didn't",
  "doesn't",
  'if',
  'as',
  'would',
  'will',
  'can',
  'could',
  'should',
  'might',
  'may',
  'what',
  'whether',
  'that',
  'who',
  'whom',
  'to',
  'than',
  'ever',
  'not',
]);
const YOU_KNOW_FILLER_NEXT = new Set(['i', 'we', 'they', 'he', 'she', 'like', 'um', 'uh', 'so', 'and', 'but']);

const isBoundary = (t: string | undefined) => t === undefined || PUNCT.has(t);

function likeIsFiller(prev: string | undefined, next: string | undefined, nextNext: string | undefined): boolean {
  if (prev && LIKE_AS_VERB_AFTER.has(prev)) return false;
  if (next === ',' || next === '—' || next === '-') return true;
  if (prev && LIKE_AS_COMPARISON_AFTER.has(prev)) return false;
  if (next === 'i' || next === 'you') {
    // "like I said" / "like you mentioned" mean "as": not padding.
    if (nextNext && /^(said|say|mentioned|mention|told|wrote)$/.test(nextNext)) return false;
  }
  const padded = next !== undefined && (FILLER_NEXT.has(next) || IS_NUMBER_TOKEN.test(next));
  if (prev && BE.has(prev)) return padded;
  if (padded) return true;
  if (prev && CONJUNCTION.has(prev)) return true;
  return false;
}

/** `tokens` from `tokenize(normalizeForCues(text))`. */
export function findFillers(tokens: readonly string[]): Fillers {
  const words: Record<string, number> = {};
  let count = 0;
  const add = (w: string) => {
    words[w] = (words[w] ?? 0) + 1;
    count++;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const always = ALWAYS.get(t);
    if (always) {
      add(always);
      continue;
    }
    switch (t) {
      case 'er':
        // "Er," is a hesitation; "the ER" is a place.
        if (next === ',' && !(prev && /^(the|an|our|in|to|at)$/.test(prev))) add('er');
        break;
      case 'like':
        if (likeIsFiller(prev, next, tokens[i + 2])) add('like');
        break;
      case 'kind':
      case 'sort':
        if (next === 'of' && !(prev && KIND_AS_NOUN_AFTER.has(prev))) {
          add(`${t} of`);
          i++;
        }
        break;
      case 'you':
        if (next === 'know') {
          const after = tokens[i + 2];
          const literal = prev !== undefined && YOU_KNOW_LITERAL_AFTER.has(prev);
          if (!literal && (isBoundary(after) || (after !== undefined && YOU_KNOW_FILLER_NEXT.has(after)))) {
            add('you know');
            i++;
          }
        }
        break;
      case 'i':
        if (next === 'think') {
          const after = tokens[i + 2];
          const framing = (after && /^(about|of|through|back)$/.test(after)) || (prev && /^(what|how|why|when)$/.test(prev));
          if (!framing) {
            add('i think');
            i++;
          }
        } else if (next === 'guess') {
          add('i guess');
          i++;
        } else if (next === 'mean' && (isBoundary(tokens[i + 2]) || tokens[i + 2] === 'like')) {
          if (!(prev && /^(what|that)$/.test(prev))) {
            add('i mean');
            i++;
          }
        } else if (next === 'feel' && tokens[i + 2] === 'like') {
          add('i feel like');
          i += 2;
        }
        break;
    }
  }
  return { count, words };
}
