import type { Request } from '../../core/types.js';

/** The one member a terminal speaks for; scripts and the chat share it, so state carries over. */
export const CLI_REQUEST_BASE: Pick<Request, 'platform' | 'user' | 'conversation'> = {
  platform: 'cli',
  user: { id: 'local', name: 'you' },
  conversation: { id: 'cli-local', isDirect: true },
};
