import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../log.js';

/**
 * Bolt's and the Web API client's messages go to our logger. Their debug output includes
 * request bodies (what members typed), so it is dropped whatever LOG_LEVEL says.
 */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ platform: 'slack', source: 'bolt' });
  const line = (msg: unknown[]) =>
    msg
      .map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : ''))
      .join(' ')
      .trim();
  let level = LogLevel.INFO;
  return {
    debug: () => {},
    info: (...msg) => child.info(line(msg)),
    warn: (...msg) => child.warn(line(msg)),
    error: (...msg) => child.error(line(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
