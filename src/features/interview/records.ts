import { z } from 'zod';
import { arg } from '../../core/actions.js';
import { defineRecord } from '../../store/record.js';
import { CATEGORIES } from './content.js';

/**
 * What a drill keeps between turns: the questions, where the member is, and a few numbers per
 * attempt for the retry comparison and the summary. Never the answer text itself.
 */
export const MAX_DRILL_QUESTIONS = 10;
export const MAX_TRIES = 5;
export const DRILL_TTL_DAYS = 30;

export const attemptSchema = z.strictObject({
  words: z.number().int().min(0),
  seconds: z.number().int().min(0),
  length: z.enum(['short', 'ok', 'long']),
  star: z.strictObject({ situation: z.boolean(), task: z.boolean(), action: z.boolean(), result: z.boolean() }),
  quantified: z.boolean(),
  angle: z.boolean(),
  /** Numbers and named tools heard. */
  specifics: z.number().int().min(0),
  fillers: z.number().int().min(0),
  /** Indices of the talking points covered. */
  covered: z.array(z.number().int().min(0).max(9)).max(10),
});
export type AttemptSummary = z.infer<typeof attemptSchema>;

export const drillSchema = z
  .strictObject({
    /** Carried in the drill's buttons, so a button of a replaced drill says so. */
    nonce: arg.nonce,
    category: z.enum([...CATEGORIES, 'mixed']),
    questionIds: z.array(z.string().min(3).max(40)).min(1).max(MAX_DRILL_QUESTIONS),
    index: z.number().int().min(0),
    phase: z.enum(['answering', 'reviewing']),
    /** One entry per question, in order. */
    results: z.array(z.strictObject({ attempts: z.array(attemptSchema).max(MAX_TRIES), skipped: z.boolean() })),
    startedAt: z.iso.datetime(),
  })
  .refine((d) => d.results.length === d.questionIds.length && d.index < d.questionIds.length, 'drill position out of range');
export type DrillState = z.infer<typeof drillSchema>;

export const drillRecord = defineRecord('interview-drill', { version: 1, schema: drillSchema, ttlDays: DRILL_TTL_DAYS });

export const STORY_FIELD_MAX = 500;
const storyText = z.string().trim().max(STORY_FIELD_MAX);

export const storySchema = z.strictObject({
  origin: storyText,
  motivation: storyText,
  action: storyText,
  transition: storyText,
  future: storyText,
  table: z.array(z.strictObject({ experience: storyText, challenge: storyText })).max(2),
  updatedAt: z.iso.datetime(),
});
export type StoryState = z.infer<typeof storySchema>;

export const storyRecord = defineRecord('interview-story', { version: 1, schema: storySchema, ttlDays: DRILL_TTL_DAYS });
