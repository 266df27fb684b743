import { pino } from 'pino';

/**
 * Structured logs describe what happened (command, outcome, timings), never what a member typed:
 * questions, answers, stories and notes stay out. Call sites pass only ids and counts; the redact
 * list is a second fence for field names that could carry free text.
 */
export type Logger = pino.Logger;

export const REDACTED_FIELDS = [
  'text',
  'question',
  'answer',
  'fields',
  'options',
  'values',
  'notes',
  'story',
  '*.text',
  '*.question',
  '*.answer',
  '*.fields',
  '*.options',
  '*.values',
  '*.notes',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'img-advisor' },
      redact: { paths: REDACTED_FIELDS, censor: '[private]' },
    },
    destination ?? pino.destination(2),
  );
}
