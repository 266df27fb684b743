/**
 * Button and select ids carry the command that handles them and the user who owns the session,
 * so the router can refuse someone else's click before any handler runs.
 * Format: `<command>~<owner>~<payload>`; Discord caps custom ids at 100 characters.
 */
const SEP = '~';
export const MAX_ACTION_ID = 100;

export interface DecodedAction {
  command: string;
  owner: string;
  payload: string[];
}

export function actionId(command: string, owner: string, ...payload: string[]): string {
  for (const part of [command, owner, ...payload]) {
    if (part.includes(SEP)) throw new Error(`action id part may not contain "${SEP}"`);
  }
  const id = [command, owner, ...payload].join(SEP);
  if (id.length > MAX_ACTION_ID) throw new Error(`action id over ${MAX_ACTION_ID} characters`);
  return id;
}

export function decodeActionId(id: string): DecodedAction | undefined {
  const [command, owner, ...payload] = id.split(SEP);
  if (!command || !owner) return undefined;
  return { command, owner, payload };
}
