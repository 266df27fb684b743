import { metrics } from '../../core/metrics.js';
import type { Runtime as App } from '../../core/runtime.js';
import type { Request } from '../../core/types.js';
import type { InFlight } from '../shared/inflight.js';
import type { SlackAdmins } from './admins.js';
import type { DeliveryDeps } from './deliver.js';

/** What every listener shares: the core app and how replies are delivered. */
export interface SlackContext {
  core: App;
  deps: DeliveryDeps;
  /** How long a form submit may wait for the core before the modal closes and the answer is posted. */
  submitBudgetMs: number;
  /** Whether a member may use admin-only commands (/settings). */
  admins: SlackAdmins;
  /** The listeners running now, for a shutdown that lets them finish. */
  inflight: InFlight;
}

type Base = Pick<Request, 'platform' | 'user' | 'conversation' | 'team'>;

export function requestBase(
  user: { id: string; name?: string },
  conversation: string,
  direct: boolean,
  team?: string | null,
): Base {
  return {
    platform: 'slack',
    user: { id: user.id, name: user.name || user.id },
    conversation: { id: conversation, isDirect: direct },
    team: team ?? undefined,
  };
}

/** Runs a listener's work, logging a failure by its code instead of letting it reach Bolt. */
export async function guarded(sc: SlackContext, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error ?? (err instanceof Error ? err.message : String(err));
    sc.core.log.error({ platform: 'slack', listener: what, error: code }, 'slack listener failed');
    metrics.error('slack', 'listener');
  }
}
