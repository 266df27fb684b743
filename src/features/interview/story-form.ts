import { z } from 'zod';
import { reply } from '../../core/reply.js';
import type { FormField, Reply } from '../../core/types.js';
import { interviewActions } from './actions.js';
import { STORY_FIELD_MAX, type StoryState } from './records.js';

/**
 * The two story forms (at most 5 fields and 45-character labels each, Discord's modal limits) and
 * the schemas that validate what comes back, with messages that name the field.
 */
export const STORY_FIELDS: {
  id: keyof Omit<StoryState, 'table' | 'updatedAt'>;
  label: string;
  required: boolean;
  placeholder: string;
}[] = [
  {
    id: 'origin',
    label: 'Where you trained and your clinical focus',
    required: true,
    placeholder: 'MBBS in Lagos, 4 years of internal medicine',
  },
  {
    id: 'motivation',
    label: 'The clinical problem that drew you in',
    required: true,
    placeholder: 'lab results lost after discharge',
  },
  {
    id: 'action',
    label: 'What you did about it (project, QI, data)',
    required: false,
    placeholder: 'a results register; lost results halved',
  },
  {
    id: 'transition',
    label: 'Why U.S. training; what you bring as an IMG',
    required: true,
    placeholder: 'seeing two health systems side by side',
  },
  {
    id: 'future',
    label: 'Where you want to be in 5-10 years',
    required: true,
    placeholder: 'hospitalist leading decision support work',
  },
];
const TABLE_FIELDS = [
  { id: 'exp1', label: 'Experience 1 (e.g. a paper-based hospital)', required: true },
  { id: 'chal1', label: 'What went wrong there', required: true },
  { id: 'exp2', label: 'Experience 2 (optional)', required: false },
  { id: 'chal2', label: 'What went wrong there (2)', required: false },
] as const;

const storyField = (label: string, required: boolean) =>
  z
    .string()
    .trim()
    .max(STORY_FIELD_MAX, `**${label}** is too long: at most ${STORY_FIELD_MAX} characters.`)
    .refine((s) => !required || s.length >= 3, `**${label}** is needed (a few words are enough).`);

export const step1Schema = z.object(
  Object.fromEntries(STORY_FIELDS.map((f) => [f.id, storyField(f.label, f.required).default('')])),
);
export const step2Schema = z
  .object(Object.fromEntries(TABLE_FIELDS.map((f) => [f.id, storyField(f.label, f.required).default('')])))
  .refine((v) => Boolean(v.exp2) === Boolean(v.chal2), {
    message: '**Experience 2** and **What went wrong there (2)** go together: fill both or leave both empty.',
  });

export function storyForm(owner: string, values: Partial<Record<string, string>>): Reply {
  const fields: FormField[] = STORY_FIELDS.map((f) => ({
    id: f.id,
    label: f.label,
    style: 'paragraph',
    required: f.required,
    maxLength: STORY_FIELD_MAX,
    placeholder: f.placeholder,
    value: values[f.id] || undefined,
  }));
  return reply(
    [
      {
        type: 'form',
        id: interviewActions.id(owner, 'story', '1'),
        title: 'Your career story (step 1 of 2)',
        submitLabel: 'Save',
        fields,
      },
    ],
    'private',
  );
}

export function tableForm(owner: string, values: Partial<Record<string, string>>): Reply {
  const fields: FormField[] = TABLE_FIELDS.map((f) => ({
    id: f.id,
    label: f.label,
    style: 'paragraph',
    required: f.required,
    maxLength: STORY_FIELD_MAX,
    value: values[f.id] || undefined,
  }));
  return reply(
    [
      {
        type: 'form',
        id: interviewActions.id(owner, 'story', '2'),
        title: 'Experiences that shaped you (step 2 of 2)',
        submitLabel: 'Build',
        fields,
      },
    ],
    'private',
  );
}
