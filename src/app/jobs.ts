import { getGuide } from '../content/guide.js';
import type { Runtime } from '../core/runtime.js';
import { listServers } from '../core/server-settings.js';
import { digest } from '../features/advisors/digest.js';
import { LocalScheduler, RedisScheduler, type Scheduler } from '../store/schedule.js';

/**
 * Scheduled work of a running bot: the advisors' digest, posted to every server's advisor
 * channel once per ADVISOR_DIGEST_EVERY. On Redis a BullMQ job scheduler makes sure one instance
 * runs each period; on SQLite the last run is kept in the store, so restarts do not repeat it.
 */
export async function startJobs(app: Runtime, opts: { onDigest?: (tick: string) => void } = {}): Promise<Scheduler> {
  const scheduler: Scheduler = app.config.REDIS_URL
    ? new RedisScheduler(app.config.REDIS_URL, app.log)
    : new LocalScheduler(app.store, app.log);
  await scheduler.every('advisor-digest', app.config.digestEveryMs, async (tick) => {
    const servers = (await listServers(app.store)).filter((s) => s.settings.advisorChannel);
    if (servers.length && !servers.some((s) => app.notifiers?.get(s.platform))) throw new Error('no platform connected yet');
    const guide = await getGuide(app.config.contentDir);
    let posted = 0;
    for (const s of servers) {
      const post = s.settings.advisorChannel ? app.notifiers?.get(s.platform) : undefined;
      if (!post || !s.settings.advisorChannel) continue;
      await post(
        s.settings.advisorChannel,
        await digest(app.store, guide, { now: new Date(), reviewDays: app.config.reviewDays, days: 7 }),
      );
      posted++;
    }
    if (posted) app.log.info({ job: 'advisor-digest', posted }, 'digest posted');
    opts.onDigest?.(tick);
  });
  return scheduler;
}
