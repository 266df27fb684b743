import type { CommandDefinition } from '../src/core/command.js';
import about from './about.js';
import ask from './ask.js';
import forget from './forget.js';
import help from './help.js';
import visa from './visa.js';

/**
 * Every command, in the order /help and the platforms list them. Registered explicitly: a new
 * command is one file here and one line below.
 */
export function registry(): CommandDefinition[] {
  return [ask, visa, help, about, forget];
}
