import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { decodeActionId } from '../src/core/action-id.js';
import type { Block, Reply } from '../src/core/types.js';
import { interviewActions } from '../src/features/interview/actions.js';
import { loadInterviewContent, type StoryContent } from '../src/features/interview/content.js';
import type { StoryState } from '../src/features/interview/records.js';
import { type StoryDef, stepStory } from '../src/features/interview/story-step.js';

/** The story form's reducer on its own: no store, no router, a fixed clock. */

let def: StoryDef;
beforeAll(async () => {
  const content: StoryContent = (await loadInterviewContent(loadConfig({ LOG_LEVEL: 'silent' }).contentDir)).story;
  def = { owner: 'u42', now: new Date('2026-03-01T09:00:00Z'), content };
});

const STEP1 = {
  origin: 'MBBS in Lagos, then four years of internal medicine',
  motivation: 'Lab results got lost after discharge',
  action: '',
  transition: 'I have seen two very different health systems',
  future: 'Lead decision support work as a hospitalist',
};
const SAVED: StoryState = Object.freeze({
  ...STEP1,
  table: [{ experience: 'a paper-based hospital', challenge: 'results went missing between shifts' }],
  updatedAt: '2026-02-01T00:00:00.000Z',
});

const blocks = (replies: Reply[]) => replies.flatMap((r) => r.blocks);
const textOf = (replies: Reply[]) =>
  blocks(replies)
    .map((b) => (b.type === 'text' ? b.markdown : ''))
    .join('\n');
const formOf = (replies: Reply[]) => blocks(replies).find((b): b is Extract<Block, { type: 'form' }> => b.type === 'form');
const valuesOf = (replies: Reply[]) => Object.fromEntries((formOf(replies)?.fields ?? []).map((f) => [f.id, f.value]));
/** What a form or button id decodes to through the command's one codec, and whose it is. */
const decoded = (id: string | undefined) => {
  const d = decodeActionId(id ?? '');
  return { owner: d?.owner, action: d && interviewActions.decode(d.payload) };
};

describe('the story reducer', () => {
  it('opens step 1 empty for a new member, and filled with what was saved, without saving anything', () => {
    const fresh = stepStory(def, undefined, { type: 'open' });
    expect(fresh.state).toBeUndefined();
    expect(fresh.replies).toHaveLength(1);
    expect(fresh.replies[0]?.visibility).toBe('private');
    expect(formOf(fresh.replies)?.title).toMatch(/step 1 of 2/);
    expect(decoded(formOf(fresh.replies)?.id)).toEqual({ owner: 'u42', action: { kind: 'story', args: ['1'] } });
    expect(Object.values(valuesOf(fresh.replies)).filter(Boolean)).toEqual([]);

    const again = stepStory(def, SAVED, { type: 'open' });
    expect(again.state).toBeUndefined();
    expect(valuesOf(again.replies)).toMatchObject({ origin: STEP1.origin, future: STEP1.future });
  });

  it('saves step 1 with the time of the step, keeps an earlier table, and offers the two next steps', () => {
    const first = stepStory(def, undefined, { type: 'submit', step: '1', fields: STEP1 });
    expect(first.state).toEqual({ ...STEP1, table: [], updatedAt: '2026-03-01T09:00:00.000Z' });
    expect(textOf(first.replies)).toMatch(/Saved step 1 of 2/);
    const buttons = blocks(first.replies).flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
    expect(buttons.map((b) => [b.label, decoded(b.id)])).toEqual([
      ['Add experiences', { owner: 'u42', action: { kind: 's', args: ['table'] } }],
      ['Build my story now', { owner: 'u42', action: { kind: 's', args: ['build'] } }],
    ]);

    const edited = stepStory(def, SAVED, { type: 'submit', step: '1', fields: { ...STEP1, future: 'Run a CMIO office' } });
    expect(edited.state?.table).toEqual(SAVED.table);
    expect(edited.state?.future).toBe('Run a CMIO office');
  });

  it('names every wrong field of step 1, saves nothing and hands back what was typed', () => {
    const out = stepStory(def, SAVED, {
      type: 'submit',
      step: '1',
      fields: { ...STEP1, origin: 'x'.repeat(501), transition: '' },
    });
    expect(out.state).toBeUndefined();
    expect(textOf(out.replies)).toMatch(/Where you trained and your clinical focus\*\* is too long: at most 500 characters/);
    expect(textOf(out.replies)).toMatch(/Why U\.S\. training; what you bring as an IMG\*\* is needed/);
    expect(textOf(out.replies)).toMatch(/Nothing was lost/);
    expect(valuesOf(out.replies)).toMatchObject({ motivation: STEP1.motivation, origin: 'x'.repeat(501) });
  });

  it('builds the story from step 2, keeping only complete experience rows', () => {
    const out = stepStory(def, SAVED, {
      type: 'submit',
      step: '2',
      fields: { exp1: 'a hospital with hybrid paper charts', chal1: 'orders were copied twice', exp2: '', chal2: '' },
    });
    expect(out.state?.table).toEqual([
      { experience: 'a hospital with hybrid paper charts', challenge: 'orders were copied twice' },
    ]);
    expect(out.state?.origin).toBe(STEP1.origin);
    expect(out.state?.updatedAt).toBe('2026-03-01T09:00:00.000Z');
    const shown = textOf(out.replies);
    expect(shown).toMatch(/30-second version[\s\S]*2-minute version[\s\S]*5-minute version/);
    expect(shown).toMatch(
      /a hospital with hybrid paper charts → orders were copied twice → adapting across documentation systems/,
    );
    expect(shown).toMatch(/keep what you typed for 30 days/);
  });

  it('refuses half an experience row and step 2 without step 1, saving nothing', () => {
    const half = stepStory(def, SAVED, {
      type: 'submit',
      step: '2',
      fields: { exp1: 'a clinic', chal1: 'no lab', exp2: 'a ward' },
    });
    expect(half.state).toBeUndefined();
    expect(textOf(half.replies)).toMatch(/fill both or leave both empty/);
    expect(valuesOf(half.replies)).toMatchObject({ exp1: 'a clinic', exp2: 'a ward' });
    expect(decoded(formOf(half.replies)?.id).action).toEqual({ kind: 'story', args: ['2'] });

    const orphan = stepStory(def, undefined, { type: 'submit', step: '2', fields: { exp1: 'a clinic', chal1: 'no lab' } });
    expect(orphan.state).toBeUndefined();
    expect(textOf(orphan.replies)).toMatch(/no longer have step 1/);
    expect(formOf(orphan.replies)).toBeUndefined();
  });

  it('answers the buttons after step 1 from what is saved, or says it is gone', () => {
    const build = stepStory(def, SAVED, { type: 'button', which: 'build' });
    expect(build.state).toBeUndefined();
    expect(textOf(build.replies)).toMatch(/tell me about yourself/);
    const table = stepStory(def, SAVED, { type: 'button', which: 'table' });
    expect(valuesOf(table.replies)).toMatchObject({ exp1: SAVED.table[0]?.experience, chal1: SAVED.table[0]?.challenge });
    for (const which of ['build', 'table'] as const) {
      const gone = stepStory(def, undefined, { type: 'button', which });
      expect(gone.state).toBeUndefined();
      expect(textOf(gone.replies)).toMatch(/no longer have your story/);
    }
  });
});
