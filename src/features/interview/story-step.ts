import type { z } from 'zod';
import { notice, reply } from '../../core/reply.js';
import type { Reply } from '../../core/types.js';
import { interviewActions } from './actions.js';
import type { StoryContent } from './content.js';
import { DRILL_TTL_DAYS, type StoryState } from './records.js';
import { buildStory, renderStory } from './story.js';
import { STORY_FIELDS, step1Schema, step2Schema, storyForm, tableForm } from './story-form.js';

/**
 * The "tell me about yourself" form as a pure reducer: the saved story (if any) and one event in,
 * the story to save (undefined: unchanged) and the replies out. No store, no clock of its own.
 */

export type StoryEvent =
  /** `/interview story`: step 1, filled with what was saved. */
  | { type: 'open' }
  /** A submitted form: step 1 (the five parts) or step 2 (the experiences table). */
  | { type: 'submit'; step: '1' | '2'; fields: Record<string, string> }
  /** A button after step 1: add experiences, or build the story now. */
  | { type: 'button'; which: 'table' | 'build' };

export interface StoryDef {
  /** The member's user id, for the ids of their forms and buttons. */
  owner: string;
  now: Date;
  content: StoryContent;
}

export interface StoryStepResult {
  state?: StoryState;
  replies: Reply[];
}

const problemsOf = (error: z.ZodError) => [...new Set(error.issues.map((i) => i.message))].join('\n');
const AGAIN = '\nNothing was lost: here is the form again.';

function storyFields(story: StoryState | undefined): Record<string, string> {
  return story ? Object.fromEntries(STORY_FIELDS.map((f) => [f.id, story[f.id]])) : {};
}

function tableFields(story: StoryState): Record<string, string> {
  return Object.fromEntries(
    story.table.flatMap((r, i) => [
      [`exp${i + 1}`, r.experience],
      [`chal${i + 1}`, r.challenge],
    ]),
  );
}

function showStory(def: StoryDef, story: StoryState): Reply {
  return reply(
    [
      { type: 'text', markdown: renderStory(buildStory(story, def.content)) },
      {
        type: 'text',
        markdown: `_I keep what you typed for ${DRILL_TTL_DAYS} days so \`/interview story\` can bring it back for editing; \`/forget\` deletes it now._`,
      },
    ],
    'private',
  );
}

function savedStep1(owner: string): Reply {
  return reply(
    [
      {
        type: 'text',
        markdown:
          'Saved step 1 of 2. Add one or two experiences for the experience → challenge → skill table, or build your story now.',
      },
      {
        type: 'buttons',
        buttons: [
          { id: interviewActions.id(owner, 's', 'table'), label: 'Add experiences', style: 'primary' },
          { id: interviewActions.id(owner, 's', 'build'), label: 'Build my story now' },
        ],
      },
    ],
    'private',
  );
}

function submitStep1(def: StoryDef, saved: StoryState | undefined, fields: Record<string, string>): StoryStepResult {
  const parsed = step1Schema.safeParse(fields);
  if (!parsed.success) return { replies: [notice(`${problemsOf(parsed.error)}${AGAIN}`), storyForm(def.owner, fields)] };
  const state: StoryState = {
    ...(parsed.data as Omit<StoryState, 'table' | 'updatedAt'>),
    table: saved?.table ?? [],
    updatedAt: def.now.toISOString(),
  };
  return { state, replies: [savedStep1(def.owner)] };
}

function submitStep2(def: StoryDef, saved: StoryState | undefined, fields: Record<string, string>): StoryStepResult {
  if (!saved)
    return {
      replies: [notice('I no longer have step 1 of your story (it may have expired). Start again with `/interview story`.')],
    };
  const parsed = step2Schema.safeParse(fields);
  if (!parsed.success) return { replies: [notice(`${problemsOf(parsed.error)}${AGAIN}`), tableForm(def.owner, fields)] };
  const v = parsed.data as Record<string, string>;
  const table = [
    { experience: v.exp1 ?? '', challenge: v.chal1 ?? '' },
    { experience: v.exp2 ?? '', challenge: v.chal2 ?? '' },
  ].filter((r) => r.experience && r.challenge);
  const state: StoryState = { ...saved, table, updatedAt: def.now.toISOString() };
  return { state, replies: [showStory(def, state)] };
}

export function stepStory(def: StoryDef, saved: StoryState | undefined, event: StoryEvent): StoryStepResult {
  switch (event.type) {
    case 'open':
      return { replies: [storyForm(def.owner, storyFields(saved))] };
    case 'submit':
      return event.step === '1' ? submitStep1(def, saved, event.fields) : submitStep2(def, saved, event.fields);
    case 'button':
      if (!saved)
        return {
          replies: [
            notice('I no longer have your story (it may have expired or been deleted). Start again with `/interview story`.'),
          ],
        };
      return { replies: [event.which === 'build' ? showStory(def, saved) : tableForm(def.owner, tableFields(saved))] };
  }
}
