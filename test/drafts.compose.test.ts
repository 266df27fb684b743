import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/config.js';
import { draft } from '../src/features/drafts/draft.js';
import { examName } from '../src/features/drafts/failure.js';
import { checkInput, type DraftInput, type DraftKind } from '../src/features/drafts/fields.js';
import { type DraftLexicon, findTerms, loadDraftLexicon } from '../src/features/drafts/lexicon.js';
import {
  countSentences,
  countWords,
  monthName,
  ordinal,
  parseYearMonth,
  splitSentences,
  stripEnd,
} from '../src/features/drafts/prose.js';
import { type DraftStyle, TONES } from '../src/features/drafts/tone.js';
import { TARGETS } from '../src/features/drafts/types.js';

/**
 * Every realistic case in test/fixtures/drafts, in every tone and length: each fact the member
 * entered appears, every framework element is there, lengths stay in range, the prose has no
 * seams, and the checks fire only on inputs built to trigger them.
 */

interface Case {
  name: string;
  input: Record<string, unknown>;
  expect?: string[];
  fields?: string[];
}
interface Fixture {
  clean: Case[];
  triggers: Case[];
  invalid: Case[];
}

const NOW = new Date('2025-06-15T12:00:00Z');
const KINDS: DraftKind[] = ['gap', 'failure', 'disclosure'];
const fixtures = Object.fromEntries(
  KINDS.map((k) => [
    k,
    JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'test/fixtures/drafts', `${k}.json`), 'utf8')) as Fixture,
  ]),
) as Record<DraftKind, Fixture>;
const STYLES: DraftStyle[] = TONES.flatMap((tone) => [
  { tone, short: false },
  { tone, short: true },
]);
const ELEMENTS: Record<DraftKind, string[]> = {
  gap: ['Reason', 'Responsibility', 'Relevance', 'Recovery/Result'],
  failure: ['Context', 'Insight', 'Change', 'Informatics link'],
  disclosure: ['What happened', 'Ownership', 'Corrective actions', 'Sustained record'],
};

let lexicon: DraftLexicon;
beforeAll(async () => {
  lexicon = await loadDraftLexicon(path.join(PACKAGE_ROOT, 'content'));
});

function valid(kind: DraftKind, c: Case): DraftInput {
  const checked = checkInput(kind, c.input, NOW);
  if (!checked.ok) throw new Error(`${c.name}: ${JSON.stringify(checked.problems)}`);
  return checked.draft;
}

/** The end of what the member typed survives any re-framing of its start: its last words must appear. */
function tail(text: string, n = 4): string {
  const words = text
    .replace(/[.!?;,]+$/, '')
    .trim()
    .split(/\s+/);
  return words.slice(-Math.min(n, Math.max(1, words.length - 1))).join(' ');
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');

/** The field the over-sharing check reads, per kind: its text is left out when flagged. */
const PRIVATE_FIELD = { gap: 'reason', failure: 'context', disclosure: 'what' } as const;

function expectFacts(d: DraftInput, statement: string, opts: { overshared?: boolean } = {}) {
  const text = norm(statement);
  const facts: string[] = [];
  // A flagged field's own words are the one fact a draft must not carry.
  const told = (field: string, value: string) => (opts.overshared && PRIVATE_FIELD[d.kind] === field ? [] : [tail(value)]);
  if (d.kind === 'gap') {
    const { start, end, reason, activities, after } = d.input;
    facts.push(
      monthName(parseYearMonth(start)).split(' ')[0] ?? '',
      String(parseYearMonth(end).year),
      monthName(parseYearMonth(end)),
    );
    facts.push(...told('reason', reason), tail(after), ...activities.map((a) => tail(a)));
  } else if (d.kind === 'failure') {
    const i = d.input;
    facts.push(
      examName(i.exam),
      String(i.year),
      `${ordinal(i.attempt)} attempt`,
      ...told('context', i.context),
      tail(i.insight),
      tail(i.change),
      tail(i.result),
    );
  } else {
    const i = d.input;
    facts.push(...told('what', i.what), tail(i.ownership), tail(i.actions), tail(i.since));
  }
  for (const f of facts) expect(text, `fact "${f}"`).toContain(norm(f).replace(/^i /, 'i '));
}

/** Seams a careful writer never leaves: placeholders, doubled marks, broken capitals, stray articles. */
function seams(text: string): string[] {
  const found: string[] = [];
  const t = text.replace(/\bU\.S\.|\bU\.K\.|\be\.g\.|\bi\.e\./g, 'US');
  const rules: [RegExp, string][] = [
    [/[[\]{}<>]|undefined|null|NaN|\bobject\b/, 'placeholder or code'],
    [/\.\.|,,|;;|::|,\.|;\.|\.,|:\.|,;|;,/, 'doubled punctuation'],
    [/\s[,.;:!?]/, 'space before punctuation'],
    [/ {2,}/, 'double space'],
    [/[.!?] +[a-z]/, 'sentence starting in lower case'],
    [/[,;:] (My|The|It|This|There|We|They|Nobody|Nothing|Our|A|An|Too|Not|Each|Every|Full|Weekly)\b/, 'capital after a comma'],
    [/\bi\b/, 'lower-case "i"'],
    [/\b(\w+) \1\b/i, 'doubled word'],
    [/\b(the|a|an) (the|a|an)\b/i, 'stacked articles'],
    [/\b(and|or|but|because|while) (and|or|but|because|while)\b|\bof of\b/i, 'stacked conjunctions'],
    [/, and,|, and and/, 'broken list'],
    [/\ba [aeio][a-z]/i, '"a" before a vowel'],
    [/\ban [bcdfgjklmnpqrstvwxz][a-z]/, '"an" before a consonant'],
    [/\bI (I|you)\b/, 'doubled subject'],
    [/: I [a-z]+ing\b/, 'gerund after "I"'],
  ];
  for (const [re, what] of rules) if (re.test(t)) found.push(`${what}: …${t.match(re)?.[0]}…`);
  if (!/^["“(]?[A-Z0-9]/.test(text)) found.push('does not start with a capital');
  if (!/[.!?]["”)]?$/.test(text)) found.push('does not end a sentence');
  for (const s of splitSentences(text)) if (countWords(s) < 3) found.push(`fragment: "${s}"`);
  return found;
}

for (const kind of KINDS) {
  describe(`${kind} drafts from realistic cases`, () => {
    it('has at least 10 realistic cases', () => {
      expect(fixtures[kind].clean.length).toBeGreaterThanOrEqual(10);
    });

    for (const c of fixtures[kind].clean) {
      describe(c.name, () => {
        for (const style of STYLES) {
          const label = `${style.tone}${style.short ? ', shorter' : ''}`;
          it(`keeps every fact, element and length (${label})`, () => {
            const d = valid(kind, c);
            const { composed } = draft(d, style, lexicon);
            const { statement, interview, application } = composed.versions;
            expectFacts(d, statement);
            expect(composed.parts.map((p) => p.element)).toEqual(ELEMENTS[kind]);
            for (const p of composed.parts) {
              expect(p.text.length, p.element).toBeGreaterThan(10);
              expect(statement).toContain(p.text);
            }
            if (!style.short) expect(countWords(statement)).toBeGreaterThanOrEqual(TARGETS.statement.minWords);
            expect(countWords(statement)).toBeLessThanOrEqual(TARGETS.statement.maxWords);
            expect(countSentences(interview)).toBeGreaterThanOrEqual(TARGETS.interview.minSentences);
            expect(countSentences(interview)).toBeLessThanOrEqual(TARGETS.interview.maxSentences);
            expect(countWords(interview)).toBeLessThanOrEqual(TARGETS.interview.maxWords);
            expect(countSentences(application)).toBeGreaterThanOrEqual(TARGETS.application.minSentences);
            expect(countSentences(application)).toBeLessThanOrEqual(TARGETS.application.maxSentences);
            expect(countWords(application)).toBeLessThanOrEqual(TARGETS.application.maxWords);
          });

          it(`reads without seams (${label})`, () => {
            const { composed } = draft(valid(kind, c), style, lexicon);
            for (const [version, text] of Object.entries(composed.versions))
              expect(seams(text), `${version}: ${text}`).toEqual([]);
          });
        }

        it('raises no check notes', () => {
          const { notes } = draft(valid(kind, c), { tone: 'neutral', short: false }, lexicon);
          expect(notes.map((n) => n.id)).toEqual([]);
        });

        it('is shorter with Shorter, and differs by tone', () => {
          const d = valid(kind, c);
          const full = draft(d, { tone: 'neutral', short: false }, lexicon).composed.versions.statement;
          const short = draft(d, { tone: 'neutral', short: true }, lexicon).composed.versions.statement;
          expect(countWords(short)).toBeLessThan(countWords(full));
          const warm = draft(d, { tone: 'warm', short: false }, lexicon).composed.versions.statement;
          const plain = draft(d, { tone: 'plain', short: false }, lexicon).composed.versions.statement;
          expect(new Set([full, warm, plain]).size).toBe(3);
        });
      });
    }

    for (const c of fixtures[kind].triggers) {
      it(`notes ${c.expect?.join(', ')} for ${c.name}`, () => {
        const d = valid(kind, c);
        const { notes, composed } = draft(d, { tone: 'neutral', short: false }, lexicon);
        expect(notes.map((n) => n.id).sort()).toEqual([...(c.expect ?? [])].sort());
        for (const n of notes) expect(n.text.length).toBeLessThan(260);
        // Even a draft with problems keeps its facts and reads cleanly.
        expectFacts(d, composed.versions.statement, { overshared: c.expect?.includes('overshare') });
        expect(seams(composed.versions.statement)).toEqual([]);
      });
    }

    for (const c of fixtures[kind].triggers.filter((t) => t.expect?.includes('overshare'))) {
      it(`leaves the over-shared detail out of every version, in every style: ${c.name}`, () => {
        const d = valid(kind, c);
        const field = String((d.input as Record<string, unknown>)[PRIVATE_FIELD[kind]]);
        const flagged = findTerms(field, lexicon.overshare);
        expect(flagged.length, 'the fixture names private detail').toBeGreaterThan(0);
        for (const style of STYLES) {
          const { composed } = draft(d, style, lexicon);
          for (const [version, text] of Object.entries(composed.versions)) {
            const where = `${style.tone}${style.short ? ', shorter' : ''} ${version}: ${text}`;
            for (const word of flagged) expect(text.toLowerCase(), where).not.toContain(word.toLowerCase());
            // Nor any sentence of what was flagged, word for word.
            for (const sentence of splitSentences(field)) expect(norm(text), where).not.toContain(norm(stripEnd(sentence)));
            expect(seams(text), where).toEqual([]);
          }
          expect(countWords(composed.versions.application)).toBeGreaterThan(5);
        }
      });
    }

    for (const c of fixtures[kind].invalid) {
      it(`refuses ${c.name}, naming each field`, () => {
        const checked = checkInput(kind, c.input, NOW);
        expect(checked.ok).toBe(false);
        if (checked.ok) return;
        expect([...new Set(checked.problems.map((p) => p.field))].sort()).toEqual([...(c.fields ?? [])].sort());
        for (const p of checked.problems) expect(p.message.length).toBeGreaterThan(3);
      });
    }
  });
}

describe('checks name what they found', () => {
  it('quotes the diagnosis words and the blame phrase', () => {
    const gap = fixtures.gap.triggers.find((c) => c.expect?.includes('overshare'));
    const fail = fixtures.failure.triggers.find((c) => c.expect?.includes('blame'));
    if (!gap || !fail) throw new Error('fixtures changed');
    const g = draft(valid('gap', gap), { tone: 'neutral', short: false }, lexicon).notes[0]?.text;
    expect(g).toMatch(/"diagnosed"/);
    expect(g).toMatch(/"depression"/);
    const f = draft(valid('failure', fail), { tone: 'neutral', short: false }, lexicon).notes.find((n) => n.id === 'blame')?.text;
    expect(f).toMatch(/"unfair"/);
    expect(f).toMatch(/"The examiners"/i);
  });

  it('says how long a short gap is, and prompts for activities on a long empty one', () => {
    const short = fixtures.gap.triggers.find((c) => c.expect?.includes('short-gap'));
    const empty = fixtures.gap.triggers.find((c) => c.expect?.includes('no-activities'));
    if (!short || !empty) throw new Error('fixtures changed');
    expect(draft(valid('gap', short), { tone: 'neutral', short: false }, lexicon).notes[0]?.text).toMatch(/about 2 months/);
    expect(draft(valid('gap', empty), { tone: 'neutral', short: false }, lexicon).notes[0]?.text).toMatch(
      /About 10 months with no activities/,
    );
  });

  it('maps each activity to the informatics skills it shows', () => {
    const c = fixtures.gap.clean[0];
    if (!c) throw new Error('fixtures changed');
    const { composed } = draft(valid('gap', c), { tone: 'neutral', short: false }, lexicon);
    expect(composed.mapping?.map((m) => m.skills)).toEqual([['data'], ['systems', 'workflow'], ['data']]);
  });
});

/** The same facts typed differently: with or without a capital, a final period, stray spaces. */
function variants(text: string): string[] {
  const bare = text.trim().replace(/[.!]+$/, '');
  const lower = /^[A-Z][a-z]/.test(bare) ? bare.charAt(0).toLowerCase() + bare.slice(1) : bare;
  const upper = bare.charAt(0).toUpperCase() + bare.slice(1);
  return [lower, `${upper}.`, `  ${lower}.  `, `${upper} `];
}

const TEXT_FIELDS: Record<DraftKind, string[]> = {
  gap: ['reason', 'after'],
  failure: ['context', 'insight', 'change', 'result'],
  disclosure: ['what', 'ownership', 'actions', 'since'],
};

describe('the same facts typed differently', () => {
  for (const kind of KINDS) {
    it(`${kind}: every capital and period variant drafts cleanly`, () => {
      for (const c of fixtures[kind].clean) {
        for (let v = 0; v < 4; v++) {
          const input: Record<string, unknown> = { ...c.input };
          for (const f of TEXT_FIELDS[kind]) input[f] = variants(String(c.input[f]))[v];
          if (Array.isArray(input.activities)) input.activities = (input.activities as string[]).map((a) => variants(a)[v]);
          const d = valid(kind, { ...c, input });
          for (const style of STYLES) {
            const { composed } = draft(d, style, lexicon);
            expectFacts(d, composed.versions.statement);
            for (const [version, text] of Object.entries(composed.versions)) {
              expect(seams(text), `${c.name} #${v} ${style.tone} ${version}: ${text}`).toEqual([]);
            }
          }
        }
      }
    });
  }

  it('gap: lists of one, two and three or more activities join naturally', () => {
    const many = fixtures.gap.clean.filter(
      (c) => Array.isArray(c.input.activities) && (c.input.activities as string[]).length >= 3,
    );
    expect(many.length).toBeGreaterThanOrEqual(3);
    for (const c of many) {
      const all = c.input.activities as string[];
      for (let n = 1; n <= all.length; n++) {
        const d = valid('gap', { ...c, input: { ...c.input, activities: all.slice(0, n) } });
        const { composed } = draft(d, { tone: 'neutral', short: false }, lexicon);
        const responsibility = composed.parts[1]?.text ?? '';
        expect(seams(composed.versions.statement), composed.versions.statement).toEqual([]);
        const ands = responsibility.match(/\band\b/g)?.length ?? 0;
        if (n === 1) expect(responsibility).not.toMatch(/, and /);
        if (n === 2) expect(responsibility).not.toMatch(/[,;] and /);
        if (n >= 3) expect(responsibility).toMatch(/[,;] and /);
        expect(ands).toBeGreaterThanOrEqual(n === 1 ? 0 : 1);
      }
    }
  });
});
