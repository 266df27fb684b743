import { actionId } from './action-id.js';
import { newNonce } from './nonce.js';
import type { Block, Button } from './types.js';

/**
 * Thumbs on an answer. The answer features add these buttons; the advisors' command handles
 * them (its name is the first part of the id, as for every button). Kept in the base so neither
 * feature imports the other.
 */
export const ADVISOR_COMMAND = 'advisor';

/** Thumbs up and down for one answer (a fresh id per answer: one vote per member per answer). */
export function feedbackButtons(owner: string, section: string): Block {
  const answer = newNonce();
  return {
    type: 'buttons',
    optional: true,
    buttons: [
      { id: actionId(ADVISOR_COMMAND, owner, 'v', 'u', answer, section), label: '👍 Helpful' },
      { id: actionId(ADVISOR_COMMAND, owner, 'v', 'd', answer, section), label: '👎 Not helpful' },
    ],
  };
}

/** Opens the form to ask a human advisor (shown where the server has an advisor channel). */
export function askAdvisorButton(owner: string): Block {
  return { type: 'buttons', optional: true, buttons: [{ id: actionId(ADVISOR_COMMAND, owner, 'h'), label: 'Ask an advisor' }] };
}

/** Button ids anyone in the server may press (advisor cards); the command checks who may act. */
export const ANYONE = '*';

/**
 * The thumbs pair of an answer, as `feedbackButtons` made it: platforms with a feedback element of
 * their own (Slack's feedback buttons) render it that way.
 */
export function feedbackPair(buttons: Button[]): { up: Button; down: Button } | undefined {
  const [up, down] = buttons;
  if (buttons.length !== 2 || !up || !down) return undefined;
  const prefix = (dir: string) => (b: Button) =>
    b.id.startsWith(`${ADVISOR_COMMAND}~`) && b.id.split('~').slice(2, 4).join('~') === `v~${dir}`;
  return prefix('u')(up) && prefix('d')(down) ? { up, down } : undefined;
}
