import { z } from 'zod';

/** A neutral `form` block as stored while it waits to be opened (adapters' pending forms). */
export const formFieldSchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  style: z.enum(['short', 'paragraph']),
  required: z.boolean(),
  value: z.string().optional(),
  placeholder: z.string().optional(),
  maxLength: z.number().int().positive().optional(),
});

export const formBlockSchema = z.object({
  type: z.literal('form'),
  id: z.string().min(1),
  title: z.string(),
  submitLabel: z.string().optional(),
  fields: z.array(formFieldSchema),
});
