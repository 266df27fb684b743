import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../src/config.js';
import { type AnalyzableQuestion, analyzeAnswer } from '../src/features/interview/analyze.js';
import { isBehaviouralWording, resolveQuestion } from '../src/features/interview/bank.js';
import { type InterviewContent, loadInterviewContent } from '../src/features/interview/content.js';
import { summarizeAttempt } from '../src/features/interview/drill.js';
import { describeChanges } from '../src/features/interview/feedback-render.js';

interface Labelled {
  id: string;
  kind: 'strong' | 'weak' | 'rambling' | 'terse' | 'non-native';
  question: string;
  text: string;
  expect: {
    length: 'short' | 'ok' | 'long';
    star?: { situation: boolean; task: boolean; action: boolean; result: boolean };
    quantifiedResult?: boolean;
    informaticsAngle: boolean;
    fillers: { count: number; words: Record<string, number> };
  };
}

const fixture = parse(readFileSync(new URL('./fixtures/interview-answers.yaml', import.meta.url), 'utf8')) as {
  answers: Labelled[];
};
let content: InterviewContent;
beforeAll(async () => {
  content = await loadInterviewContent(loadConfig({ LOG_LEVEL: 'silent' }).contentDir);
});

const free = (text: string, star = false): AnalyzableQuestion => ({ text, star, points: [] });
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('the hand-labelled answer set', () => {
  it('is big and varied enough to mean something', () => {
    expect(fixture.answers.length).toBeGreaterThanOrEqual(25);
    const kinds = new Set(fixture.answers.map((a) => a.kind));
    expect([...kinds].sort()).toEqual(['non-native', 'rambling', 'strong', 'terse', 'weak']);
    for (const verdict of ['short', 'ok', 'long']) expect(fixture.answers.some((a) => a.expect.length === verdict)).toBe(true);
    expect(fixture.answers.filter((a) => a.expect.star).length).toBeGreaterThanOrEqual(10);
    expect(fixture.answers.filter((a) => a.expect.fillers.count > 0).length).toBeGreaterThanOrEqual(8);
  });

  it.each(fixture.answers.map((a) => [a.id, a] as const))('%s gets every label it was given', (_id, a) => {
    const { question } = resolveQuestion(content, a.question);
    const r = analyzeAnswer(a.text, question);
    expect(r.length, 'length verdict').toBe(a.expect.length);
    expect(r.informaticsAngle, 'informatics angle').toBe(a.expect.informaticsAngle);
    expect(r.fillers.count, 'filler count').toBe(a.expect.fillers.count);
    expect(r.fillers.words, 'filler words').toEqual(a.expect.fillers.words);
    expect(r.starApplies, 'STAR applies').toBe(Boolean(a.expect.star));
    if (a.expect.star) {
      expect(r.star, 'STAR parts').toEqual(a.expect.star);
      expect(r.quantifiedResult, 'quantified result').toBe(a.expect.quantifiedResult);
    }
  });
});

describe('analyzeAnswer', () => {
  it('puts the length verdict at under a minute slow / over two minutes fast', () => {
    const q = free('Why clinical informatics?');
    expect(analyzeAnswer(words(129), q).length).toBe('short');
    expect(analyzeAnswer(words(130), q).length).toBe('ok');
    expect(analyzeAnswer(words(300), q).length).toBe('ok');
    expect(analyzeAnswer(words(301), q).length).toBe('long');
    const r = analyzeAnswer(words(280), q);
    expect(r.words).toBe(280);
    expect(r.estimatedSeconds).toBe(120);
    expect(r.secondsRange).toEqual([112, 129]);
  });

  it('keeps the verb and the comparison "like" out of the filler count', () => {
    const q = free('Why this program?');
    expect(
      analyzeAnswer('I would like to join because I like working with data, and tools like Epic feel like home.', q).fillers
        .count,
    ).toBe(0);
    expect(analyzeAnswer('It was, like, chaos, and like the nurses were, like, so tired.', q).fillers.words).toEqual({ like: 3 });
    expect(analyzeAnswer('Like I said, we saw like 40 patients a day.', q).fillers.words).toEqual({ like: 1 });
  });

  it('tells hedges and filler phrases from their literal uses', () => {
    const q = free('Tell me about yourself.');
    const literal = analyzeAnswer(
      'Do you know how CPOE works? What kind of system is it? I think about workflow a lot. What I mean is simple.',
      q,
    );
    expect(literal.fillers.count).toBe(0);
    const hedged = analyzeAnswer(
      'Um, I kind of think, you know, it is sort of hard. I mean, I guess. Er, maybe. We went to the ER.',
      q,
    );
    expect(hedged.fillers.words).toEqual({
      um: 1,
      'kind of': 1,
      'you know': 1,
      'sort of': 1,
      'i mean': 1,
      'i guess': 1,
      er: 1,
      maybe: 1,
    });
  });

  it('treats "Tell me about a time" wording as a STAR question when the text is free', () => {
    expect(isBehaviouralWording('Tell me about a time you disagreed with a colleague.')).toBe(true);
    expect(isBehaviouralWording('Describe a mistake you made.')).toBe(true);
    expect(isBehaviouralWording('What is interoperability?')).toBe(false);
    expect(resolveQuestion(content, 'beh-mistake').bank?.id).toBe('beh-mistake');
    expect(resolveQuestion(content, 'describe a mistake you made and what you learned').bank?.id).toBe('beh-mistake');
    expect(resolveQuestion(content, 'What do you do on weekends?').bank).toBeUndefined();
  });

  it('reports talking points covered and missed, and the most-used content words', () => {
    const q = content.byId.get('inf-cds-alert-fatigue') as AnalyzableQuestion;
    const r = analyzeAnswer(
      'Alert fatigue is when clinicians see too many alerts and override them, so they miss the important ones. Alerts, alerts, alerts.',
      q,
    );
    expect(r.points.covered).toEqual(
      expect.arrayContaining(['forms of CDS (alerts, reminders, order sets)', 'what alert fatigue is']),
    );
    expect(r.points.missed).toContain('governance and measuring after changes');
    expect(r.topWords[0]).toEqual({ word: 'alert', count: 5 });
    expect(r.topWords.map((w) => w.word)).not.toContain('the');
  });

  it('finds specifics: numbers, named tools and measured outcomes, but not visa names', () => {
    const r = analyzeAnswer(
      'I moved the audit from paper into Excel and REDCap. Within two months errors dropped from 12 to 3 per week. I hold a J-1.',
      free('Tell me about a time you improved a process.', true),
    );
    expect(r.specifics.tools).toEqual(['REDCap', 'Excel']);
    expect(r.specifics.numbers).toEqual(['two', '12', '3']);
    expect(r.specifics.outcomes).toBe(1);
    expect(r.quantifiedResult).toBe(true);
  });

  it('gives one concrete next step, pointing at the missing STAR part first', () => {
    const q = free('Tell me about a time you led a change.', true);
    const noResult = analyzeAnswer(
      'When I was a resident in Lima, our evening handoffs kept losing pending results. I was asked to fix our handoffs. I designed a template with the nurses and trained the interns to use it.',
      q,
    );
    expect(noResult.tips[0]).toMatch(/^Finish with the Result/);
    const empty = analyzeAnswer('   ', q);
    expect(empty.words).toBe(0);
    expect(empty.tips[0]).toMatch(/^Say more/);
  });

  it('does not tell a brief visa answer to grow or to find an informatics angle', () => {
    const visa = content.byId.get('img-visa') as AnalyzableQuestion;
    const r = analyzeAnswer('I will need a J-1 through ECFMG, and I have passed Step 3 in case you prefer H-1B.', visa);
    expect(r.length).toBe('short');
    expect(r.tips.join(' ')).not.toMatch(/informatics angle|at least a minute/);
  });

  it('compares two tries in plain observations', () => {
    const q = content.byId.get('beh-team-conflict') as AnalyzableQuestion;
    const before = summarizeAttempt(analyzeAnswer('We had a conflict once. I talked to my colleague and we solved it.', q));
    const after = summarizeAttempt(
      analyzeAnswer(
        'During my residency, nurses and residents argued about missed results. My job was to fix it. I mapped the workflow with them and proposed a tracking sheet. Within six weeks missed results dropped from nine to two.',
        q,
      ),
    );
    const changes = describeChanges(
      before,
      after,
      q.points.map((p) => p.label),
      true,
    ).join('\n');
    expect(changes).toMatch(/Length: 14 → 37 words \(\+23\), still short/);
    expect(changes).toMatch(/STAR: 3\/4 → 4\/4 \(added Task\)/);
    expect(changes).toMatch(/Your result now has a number/);
    expect(changes).toMatch(/The informatics angle is now there/);
  });
});
