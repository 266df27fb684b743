import { z } from 'zod';

/** Plain is direct and spare, warm is more personal; neutral sits between. Buttons step along this scale. */
export const TONES = ['plain', 'neutral', 'warm'] as const;
export type Tone = (typeof TONES)[number];

export const styleSchema = z.object({
  tone: z.enum(TONES),
  /** The Shorter button: keeps every fact, drops the optional sentences. */
  short: z.boolean(),
});
export type DraftStyle = z.infer<typeof styleSchema>;

export const DEFAULT_STYLE: DraftStyle = { tone: 'neutral', short: false };

/** One wording per tone. */
export type Toned<T = string> = Record<Tone, T>;

export function pick<T>(style: DraftStyle, options: Toned<T>): T {
  return options[style.tone];
}

export function warmer(tone: Tone): Tone | undefined {
  return TONES[TONES.indexOf(tone) + 1];
}

export function plainer(tone: Tone): Tone | undefined {
  const i = TONES.indexOf(tone);
  return i > 0 ? TONES[i - 1] : undefined;
}

export function describeStyle(style: DraftStyle): string {
  return `${style.tone} tone${style.short ? ', shorter' : ''}`;
}
