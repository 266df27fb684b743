import { z } from 'zod';
import { DIMENSIONS, type DimensionId } from './content.js';

export type Ratings = Record<DimensionId, number>;

/** A rating as typed in a form or on the command line: a whole number from 1 to 5. */
export const ratingText = z
  .string()
  .trim()
  .regex(/^[1-5]$/, 'a whole number from 1 (struggling) to 5 (going well)')
  .transform(Number);

export interface Assessment {
  ratings: Ratings;
  /** Lowest first; ties keep the order of DIMENSIONS. */
  weakest: DimensionId[];
  /** Every dimension is at 4 or 5: nothing stands out as weak. */
  healthy: boolean;
}

/**
 * The weakest dimensions are those at the lowest score, plus any at 2 or below: with
 * time 1 and energy 2 both need attention, not only time. When all are 4 or 5 the lowest
 * ones are still returned so the member gets something to keep an eye on.
 */
export function assess(ratings: Ratings): Assessment {
  const scores = DIMENSIONS.map((d) => ratings[d]);
  const min = Math.min(...scores);
  const weakest = DIMENSIONS.filter((d) => ratings[d] === min || ratings[d] <= 2).sort((a, b) => ratings[a] - ratings[b]);
  return { ratings, weakest, healthy: min >= 4 };
}
