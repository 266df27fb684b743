import type { FormField } from '../../core/types.js';
import { KIND_TITLES } from './draft.js';
import type { DraftKind } from './fields.js';

/**
 * The forms members fill in. A Discord modal holds at most 5 inputs, so gap and failure drafts
 * ask in two steps; a disclosure fits in one. The terminal asks one field at a time (layout
 * `fields`), so each answer is checked as it is typed, not after the whole step.
 */
export type Layout = 'modal' | 'fields';
export interface FormStep {
  title: string;
  fields: Omit<FormField, 'value'>[];
}

const GAP: FormStep[] = [
  {
    title: 'Gap explanation (1 of 2): when and why',
    fields: [
      // Room for the month written out ("September 2021"): it is understood, not refused.
      {
        id: 'start',
        label: 'Start month (2021-07 or July 2021)',
        style: 'short',
        required: true,
        placeholder: '2021-07',
        maxLength: 20,
      },
      {
        id: 'end',
        label: 'End month (2022-12 or Dec 2022)',
        style: 'short',
        required: true,
        placeholder: '2022-12',
        maxLength: 20,
      },
      {
        id: 'reasonKind',
        label: 'Kind of reason',
        style: 'short',
        required: true,
        placeholder: 'visa, family, health, research, exams, transition or other',
        maxLength: 60,
      },
      {
        id: 'reason',
        label: 'The reason, in one short sentence',
        style: 'paragraph',
        required: true,
        placeholder: 'Credential verification took 14 months after I moved to the U.S.',
        maxLength: 300,
      },
    ],
  },
  {
    title: 'Gap explanation (2 of 2): what you did',
    fields: [
      {
        id: 'activities',
        label: 'What you did (one per line, or use ;)',
        style: 'paragraph',
        required: false,
        placeholder: 'Completed an online SQL course; volunteered at a clinic during its EHR rollout',
        maxLength: 1700,
      },
      {
        id: 'after',
        label: 'How you returned to clinical work',
        style: 'paragraph',
        required: true,
        placeholder: 'Started a clinical observership in internal medicine',
        maxLength: 400,
      },
    ],
  },
];

const FAILURE: FormStep[] = [
  {
    title: 'Exam explanation (1 of 2): what happened',
    fields: [
      { id: 'exam', label: 'Exam', style: 'short', required: true, placeholder: 'USMLE Step 1', maxLength: 80 },
      {
        id: 'attempt',
        label: 'Which attempt (first, 2nd, 3, ...)',
        style: 'short',
        required: true,
        placeholder: 'first',
        maxLength: 30,
      },
      { id: 'year', label: 'Year of that attempt', style: 'short', required: true, placeholder: '2019', maxLength: 4 },
      {
        id: 'context',
        label: 'Context, briefly (no excuses)',
        style: 'paragraph',
        required: true,
        placeholder: 'I was working full time while preparing',
        maxLength: 500,
      },
    ],
  },
  {
    title: 'Exam explanation (2 of 2): what changed',
    fields: [
      {
        id: 'insight',
        label: 'What it showed about your preparation',
        style: 'paragraph',
        required: true,
        placeholder: 'Relied on passive reading and too few practice questions',
        maxLength: 500,
      },
      {
        id: 'change',
        label: 'What you changed (specific, measurable)',
        style: 'paragraph',
        required: true,
        placeholder: 'Switched to 40 timed questions a day and a self-assessment every two weeks',
        maxLength: 500,
      },
      {
        id: 'result',
        label: 'Result (later pass or score)',
        style: 'short',
        required: true,
        placeholder: 'Passed on my second attempt in 2020 with a 232',
        maxLength: 300,
      },
    ],
  },
];

const DISCLOSURE: FormStep[] = [
  {
    title: 'Disclosure draft',
    fields: [
      {
        id: 'what',
        label: 'What happened (1-3 neutral sentences)',
        style: 'paragraph',
        required: true,
        placeholder: 'In 2018 I received a professionalism warning for repeated lateness.',
        maxLength: 600,
      },
      {
        id: 'ownership',
        label: 'Your ownership of your part',
        style: 'paragraph',
        required: true,
        placeholder: 'Accepted responsibility and apologised to my team',
        maxLength: 400,
      },
      {
        id: 'actions',
        label: 'Corrective actions you took',
        style: 'paragraph',
        required: true,
        placeholder: 'Agreed a written schedule with my supervisor; took a time-management course',
        maxLength: 500,
      },
      {
        id: 'since',
        label: 'Your record since then',
        style: 'paragraph',
        required: true,
        placeholder: 'Kept a clean record, with strong evaluations in two rotations',
        maxLength: 400,
      },
    ],
  },
];

export const FORM_STEPS: Record<DraftKind, FormStep[]> = { gap: GAP, failure: FAILURE, disclosure: DISCLOSURE };

export function formSteps(kind: DraftKind, layout: Layout): FormStep[] {
  if (layout === 'modal') return FORM_STEPS[kind];
  const fields = FORM_STEPS[kind].flatMap((s) => s.fields);
  return fields.map((f, i) => ({ title: `${KIND_TITLES[kind]} (${i + 1} of ${fields.length})`, fields: [f] }));
}

export function stepFields(kind: DraftKind, step: number, layout: Layout): string[] {
  return formSteps(kind, layout)[step - 1]?.fields.map((f) => f.id) ?? [];
}

/** The step that asks `field`: where a problem found later is fixed. */
export function stepOf(kind: DraftKind, field: string, layout: Layout): number {
  const i = formSteps(kind, layout).findIndex((s) => s.fields.some((f) => f.id === field));
  return i < 0 ? 1 : i + 1;
}

/** The label a member saw for a field, to name it in a problem. */
export function fieldLabel(kind: DraftKind, id: string): string {
  for (const step of FORM_STEPS[kind]) {
    const f = step.fields.find((x) => x.id === id);
    if (f) return f.label;
  }
  return id;
}
