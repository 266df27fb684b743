import type { CommandDefinition } from '../src/core/command.js';
import about from './about.js';
import ask from './ask.js';
import balance from './balance.js';
import draft from './draft.js';
import forget from './forget.js';
import help from './help.js';
import interview from './interview.js';
import redflags from './redflags.js';
import sponsors from './sponsors.js';
import tracker from './tracker.js';
import visa from './visa.js';

/**
 * Every command, in the order /help and the platforms list them. Registered explicitly: a new
 * command is one file here and one line below.
 */
export function registry(): CommandDefinition[] {
  return [ask, visa, redflags, balance, tracker, sponsors, draft, interview, help, about, forget];
}
