import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ContentError } from '../src/content/yaml-file.js';
import { codec, ids } from '../src/features/redflags/actions.js';
import { loadRedflagContent, PROGRAM_FILE, REQUIRED_PROGRAM_IDS, REQUIRED_SELF_IDS } from '../src/features/redflags/items.js';
import { type Answers, type Progress, startProgress, step } from '../src/features/redflags/questionnaire.js';
import { nameKey, programNameSchema } from '../src/features/redflags/records.js';
import { programReport, questionStrings, selfReport } from '../src/features/redflags/report.js';
import { MAJORS_FOR_HIGH, scoreProgram, scoreSelf } from '../src/features/redflags/score.js';
import { parseAnswersFile } from '../src/features/redflags/script.js';
import { content, programIds, selfIds } from './support/redflags.js';

const NOW = new Date('2027-01-10T12:00:00Z');
const IDS = ['a', 'b', 'c'];
const at = (p: Progress) => p.index;

function all(ids: readonly string[], value: 'yes' | 'no' | 'unsure'): Answers {
  return Object.fromEntries(ids.map((id) => [id, value]));
}

describe('questionnaire reducer', () => {
  const fresh = () => startProgress('pAAAAAAAA', NOW);

  it('records an answer and moves to the next item', () => {
    const r = step(IDS, fresh(), { type: 'answer', at: 0, value: 'yes' }, NOW);
    expect(r.outcome).toBe('ask');
    expect(at(r.state)).toBe(1);
    expect(r.state.answers).toEqual({ a: 'yes' });
  });

  it('skips without answering, and Skip after Back keeps the earlier answer', () => {
    let s = step(IDS, fresh(), { type: 'skip', at: 0 }, NOW).state;
    expect(s.answers).toEqual({});
    s = step(IDS, s, { type: 'answer', at: 1, value: 'no' }, NOW).state;
    s = step(IDS, s, { type: 'back', at: 2 }, NOW).state;
    expect(at(s)).toBe(1);
    s = step(IDS, s, { type: 'skip', at: 1 }, NOW).state;
    expect(at(s)).toBe(2);
    expect(s.answers).toEqual({ b: 'no' });
  });

  it('changes an answer after going back', () => {
    let s = step(IDS, fresh(), { type: 'answer', at: 0, value: 'yes' }, NOW).state;
    s = step(IDS, s, { type: 'back', at: 1 }, NOW).state;
    s = step(IDS, s, { type: 'answer', at: 0, value: 'unsure' }, NOW).state;
    expect(s.answers).toEqual({ a: 'unsure' });
    expect(at(s)).toBe(1);
  });

  it('says "first" on Back at the first item and changes nothing', () => {
    const s = fresh();
    const r = step(IDS, s, { type: 'back', at: 0 }, NOW);
    expect(r.outcome).toBe('first');
    expect(r.state).toEqual(s);
  });

  it('refuses a button meant for another item (stale) without changing anything', () => {
    const s = step(IDS, fresh(), { type: 'answer', at: 0, value: 'yes' }, NOW).state;
    const r = step(IDS, s, { type: 'answer', at: 0, value: 'no' }, NOW);
    expect(r.outcome).toBe('stale');
    expect(r.state.answers).toEqual({ a: 'yes' });
    expect(at(r.state)).toBe(1);
  });

  it('is done after the last item, and stop/resume keep the place', () => {
    let s = fresh();
    for (let i = 0; i < IDS.length; i++) {
      const r = step(IDS, s, { type: 'answer', at: i, value: 'no' }, NOW);
      expect(r.outcome).toBe(i === IDS.length - 1 ? 'done' : 'ask');
      s = r.state;
    }
    const mid = step(IDS, fresh(), { type: 'skip', at: 0 }, NOW).state;
    expect(step(IDS, mid, { type: 'stop' }, NOW)).toMatchObject({ outcome: 'paused', state: { index: 1 } });
    expect(step(IDS, mid, { type: 'resume' }, NOW)).toMatchObject({ outcome: 'ask', state: { index: 1 } });
  });

  it('never points past the end when content shrank', () => {
    const s = { ...fresh(), index: 7 };
    expect(step(IDS, s, { type: 'resume' }, NOW)).toMatchObject({ outcome: 'done', state: { index: 3 } });
  });

  it('stamps updatedAt on a move', () => {
    const later = new Date('2027-02-01T00:00:00Z');
    expect(step(IDS, fresh(), { type: 'skip', at: 0 }, later).state.updatedAt).toBe(later.toISOString());
  });
});

describe('program scoring', () => {
  const items = content.program.items;
  const bySeverity = (s: string) => items.filter((i) => i.severity === s).map((i) => i.id);

  it('gives "low" when every item is No', () => {
    const s = scoreProgram(items, all(programIds, 'no'));
    expect(s.level).toBe('low');
    expect(s.flagged).toEqual([]);
  });

  it('gives "high" for any single severe Yes', () => {
    expect(bySeverity('severe').length).toBeGreaterThan(0);
    for (const id of bySeverity('severe')) {
      const s = scoreProgram(items, { ...all(programIds, 'no'), [id]: 'yes' });
      expect(s.level, id).toBe('high');
      expect(s.reason).toMatch(/One severe sign is enough/);
    }
  });

  it('lets one severe Yes stand even when everything else is unsure', () => {
    const [severe = ''] = bySeverity('severe');
    expect(scoreProgram(items, { ...all(programIds, 'unsure'), [severe]: 'yes' }).level).toBe('high');
  });

  it('gives "insufficient" when everything is unsure, or mostly unanswered', () => {
    expect(scoreProgram(items, all(programIds, 'unsure')).level).toBe('insufficient');
    expect(scoreProgram(items, {}).level).toBe('insufficient');
    const [major = ''] = bySeverity('major');
    expect(scoreProgram(items, { [major]: 'yes' }).level).toBe('insufficient');
  });

  it('adds majors up: below the threshold moderate, at it high', () => {
    const majors = bySeverity('major');
    expect(majors.length).toBeGreaterThanOrEqual(MAJORS_FOR_HIGH);
    const some = (n: number) => ({ ...all(programIds, 'no'), ...all(majors.slice(0, n), 'yes') });
    expect(scoreProgram(items, some(1)).level).toBe('moderate');
    expect(scoreProgram(items, some(MAJORS_FOR_HIGH - 1)).level).toBe('moderate');
    expect(scoreProgram(items, some(MAJORS_FOR_HIGH)).level).toBe('high');
  });

  it('never calls a program high on minor signs alone', () => {
    const minors = bySeverity('minor');
    expect(minors.length).toBeGreaterThan(0);
    const s = scoreProgram(items, { ...all(programIds, 'no'), ...all(minors, 'yes') });
    expect(s.level).not.toBe('high');
    const one = scoreProgram(items, { ...all(programIds, 'no'), [minors[0] ?? '']: 'yes' });
    expect(one.level).toBe('low');
    expect(one.reason).toMatch(/do not make a program malignant/);
  });

  it('lists flagged, unsure and unanswered ids in content order', () => {
    const [a = '', b = '', c = ''] = programIds;
    const s = scoreProgram(items, { ...all(programIds, 'no'), [c]: 'yes', [a]: 'unsure', [b]: undefined as never });
    expect(s.flagged).toEqual([c]);
    expect(s.unsure).toEqual([a]);
    expect(s.unanswered).toEqual([b]);
  });
});

describe('program report', () => {
  it('asks interview or back-channel questions for every unsure item', () => {
    const view = programReport(content, { answers: all(programIds, 'unsure') });
    expect(view.questions.map((q) => q.id)).toEqual(programIds);
    for (const q of view.questions) expect(q.interview.length + q.backchannel.length, q.id).toBeGreaterThan(0);
    expect(questionStrings(view.questions).length).toBeGreaterThanOrEqual(programIds.length);
  });

  it('groups flagged items by category, with why each matters, and the in-program steps when risky', () => {
    const view = programReport(content, { name: 'Mercy General', answers: { ...all(programIds, 'no'), 'img-bias': 'yes' } });
    const text = view.blocks.map((b) => (b.type === 'text' ? b.markdown : '')).join('\n');
    expect(text).toMatch(/Environment, equity and IMG support_\n- \*\*Bias against IMGs\*\* \(severe\): Bias decides/);
    expect(text).toMatch(/already in this program/);
    expect(text).toMatch(/When leaving is right/);
    expect(view.blocks.some((b) => b.type === 'sources' && b.items.some((i) => i.id === 'malignant-imgs-hostile-culture'))).toBe(
      true,
    );
  });
});

describe('self scoring and report', () => {
  const items = content.self.items;

  it('is "none" when nothing applies and "insufficient" when all unsure', () => {
    expect(scoreSelf(items, all(selfIds, 'no')).level).toBe('none');
    expect(scoreSelf(items, all(selfIds, 'unsure')).level).toBe('insufficient');
  });

  it('treats a disciplinary flag as serious and others as addressable', () => {
    expect(scoreSelf(items, { ...all(selfIds, 'no'), disciplinary: 'yes' }).level).toBe('serious');
    expect(scoreSelf(items, { ...all(selfIds, 'no'), gap: 'yes' }).level).toBe('addressable');
  });

  it('links each flag to its draft command and framework', () => {
    const view = selfReport(content, { answers: { ...all(selfIds, 'yes') } });
    expect(view.drafts).toEqual(
      expect.arrayContaining([
        { id: 'gap', command: '/draft gap' },
        { id: 'exam-failure', command: '/draft failure' },
        { id: 'disciplinary', command: '/draft disclosure' },
      ]),
    );
    const text = view.blocks.map((b) => (b.type === 'text' ? b.markdown : '')).join('\n');
    expect(text).toMatch(/4R framework/);
    expect(text).toMatch(/3-layer/);
  });
});

describe('scripted answers file', () => {
  it('accepts ids with yes, no or unsure (any case); missing ids are unanswered', () => {
    expect(parseAnswersFile('{"turnover":"YES","img-bias":"unsure"}', programIds)).toEqual({
      answers: { turnover: 'yes', 'img-bias': 'unsure' },
    });
  });

  it('names an unknown id and lists the valid ones', () => {
    const r = parseAnswersFile('{"turnovr":"yes"}', programIds);
    expect(r).toHaveProperty('problems');
    const msg = 'problems' in r ? r.problems.join('\n') : '';
    expect(msg).toMatch(/"turnovr"/);
    expect(msg).toMatch(/Valid ids: turnover, /);
  });

  it('names a bad value and lists the valid ones', () => {
    const r = parseAnswersFile('{"turnover":"maybe","gap":3}', [...programIds, 'gap']);
    const msg = 'problems' in r ? r.problems.join('\n') : '';
    expect(msg).toMatch(/"turnover" has the answer "maybe"\. Valid answers: yes, no, unsure/);
    expect(msg).toMatch(/"gap" has the answer 3/);
  });

  it('explains a file that is not a JSON object', () => {
    expect(parseAnswersFile('{oops', programIds)).toMatchObject({ problems: [expect.stringMatching(/not valid JSON/)] });
    expect(parseAnswersFile('["yes"]', programIds)).toMatchObject({ problems: [expect.stringMatching(/JSON object/)] });
  });
});

describe('action ids and names', () => {
  it('round-trips every control within Discord’s 100 characters, even for a long owner id', () => {
    const owner = 'U'.repeat(40);
    const built = [
      ids.answer(owner, 'pAbCdEfGh', 17, 'unsure'),
      ids.back(owner, 'pAbCdEfGh', 17),
      ids.stop(owner, 'sAbCdEfGh'),
      ids.confirmDelete(owner, 'rAbCdEfGh'),
      ids.pick(owner),
    ];
    for (const id of built) expect(id.length).toBeLessThanOrEqual(100);
    const payload = (id: string) => id.split('~').slice(2);
    expect(codec.decode(payload(built[0] ?? ''))).toEqual({ kind: 'a', args: ['pAbCdEfGh', 17, 'u'] });
    expect(codec.decode(payload(built[3] ?? ''))).toEqual({ kind: 'y', args: ['rAbCdEfGh'] });
    expect(codec.decode(payload(built[4] ?? ''))).toEqual({ kind: 'p', args: [] });
  });

  it('rejects forged or malformed payloads', () => {
    expect(codec.decode(['a', 'pAbCdEfGh', '2', 'maybe'])).toBeUndefined();
    expect(codec.decode(['a', '../etc', '2', 'y'])).toBeUndefined();
    expect(codec.decode(['zz'])).toBeUndefined();
    expect(codec.decode(['x', 'pAbCdEfGh', 'extra'])).toBeUndefined();
  });

  it('matches names whatever the case and spacing, and validates them', () => {
    expect(nameKey('  Mercy   GENERAL ')).toBe(nameKey('mercy general'));
    expect(programNameSchema.safeParse('x'.repeat(81)).success).toBe(false);
    expect(programNameSchema.safeParse('Mercy\u0007General').success).toBe(false);
    expect(programNameSchema.parse(' Mercy   General ')).toBe('Mercy General');
  });
});

describe('content', () => {
  it('has every required item, with a category, severity, why, interview question and healthy sign', () => {
    expect(programIds).toEqual(expect.arrayContaining([...REQUIRED_PROGRAM_IDS]));
    expect(selfIds).toEqual(expect.arrayContaining([...REQUIRED_SELF_IDS]));
  });

  it('names the file and field when an advisor breaks it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'redflags-content-'));
    await cp(loadConfig({}).contentDir, dir, { recursive: true });
    const file = path.join(dir, PROGRAM_FILE);
    const yaml = (await readFile(file, 'utf8'))
      .replace('  - id: turnover\n', '  - id: turnover-renamed\n')
      .replace('category: verify', 'category: nowhere');
    await writeFile(file, yaml);
    const err = await loadRedflagContent(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentError);
    const msg = (err as ContentError).message;
    expect(msg).toMatch(/program-items\.yaml: items: the item "turnover" is missing/);
    expect(msg).toMatch(/program-items\.yaml: items\[\d+\]\.category: "nowhere" is not a category/);
  });
});
