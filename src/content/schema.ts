import { z } from 'zod';

/** Where a section belongs; `/visa` searches only `immigration`. */
export const AREAS = [
  'immigration',
  'training',
  'fellowship',
  'careers',
  'programs',
  'applicant',
  'interview',
  'lifestyle',
] as const;
export type Area = (typeof AREAS)[number];

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens, like cap-exempt-basics');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date like 2026-11-23')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real calendar date');

export const sectionSchema = z.strictObject({
  id: slug,
  title: z.string().min(3).max(120),
  area: z.enum(AREAS),
  reviewed: isoDate,
  keywords: z.array(z.string().min(2)).min(1),
  aliases: z.array(z.string().min(2)).default([]),
  /** Questions members ask that this section answers, in their words: the search matches them too. */
  questions: z.array(z.string().min(8).max(200)).default([]),
  summary: z.string().min(20).max(400),
  text: z.string().min(60).max(2400),
  related: z.array(slug).default([]),
});
export type Section = z.infer<typeof sectionSchema> & { source: string };

export const guideFileSchema = z.strictObject({
  source: slug,
  sections: z.array(sectionSchema).min(1),
});

export const sourcesFileSchema = z.strictObject({
  guides: z
    .array(
      z.strictObject({
        id: slug,
        title: z.string().min(3),
        seed: z.string().min(3),
        /** Every section of this guide is in scope for `/visa`, whatever its area. */
        visa: z.boolean().default(false),
      }),
    )
    .min(1),
});
export type SourceGuide = z.infer<typeof sourcesFileSchema>['guides'][number];

/** Groups of words the field uses for one thing; the first is the canonical form. */
export const synonymsFileSchema = z.strictObject({
  groups: z.array(z.array(z.string().min(1)).min(2)),
  /** Words naming a specific a question wants (a fee, a salary, odds): only a section using them may answer. */
  specifics: z.array(z.string().min(2)).default([]),
  /**
   * Things of one kind a follow-up can swap ("what about J-1?" after an H-1B question, "and for
   * pathology?" after internal medicine): the follow-up asks the same about the other one.
   */
  alternatives: z.array(z.array(z.string().min(1)).min(2)).default([]),
});
