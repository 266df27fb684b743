import { createRequire } from 'node:module';
import type pino from 'pino';

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

const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
const noop = () => {};

/**
 * A pino logger, created on first use: a one-shot CLI run that logs nothing at its level never
 * loads pino. Calls below the level are no-ops without creating it.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  let real: Logger | undefined;
  const make = (): Logger => {
    if (!real) {
      const pinoFn = createRequire(import.meta.url)('pino') as typeof pino;
      real = pinoFn(
        { level, base: { app: 'img-advisor' }, redact: { paths: REDACTED_FIELDS, censor: '[private]' } },
        destination ?? pinoFn.destination(2),
      );
    }
    return real;
  };
  const threshold = LEVELS[level] ?? LEVELS.info ?? 30;
  return new Proxy({} as Logger, {
    get(_target, prop) {
      if (!real && typeof prop === 'string' && prop in LEVELS && (LEVELS[prop] ?? 0) < threshold) return noop;
      if (prop === 'level' && !real) return level;
      const value = Reflect.get(make(), prop);
      return typeof value === 'function' ? value.bind(real) : value;
    },
  });
}
