import type { Guide } from '../../content/guide.js';
import { askedSince } from '../../core/insights.js';
import { listUnanswered } from '../../core/unanswered.js';
import type { StateStore } from '../../store/store.js';
import { allHandoffs, type HandoffStats, handoffStats } from './handoffs.js';
import { feedbackSince, type SectionFeedback } from './votes.js';

/** What advisors see: counts and key terms only, never a member's wording or identity. */
export interface AdvisorReport {
  days: number;
  from: string;
  to: string;
  mostAsked: { section: string; title: string; count: number }[];
  unanswered: { terms: string[]; count: number; examples: string[] }[];
  feedback: (SectionFeedback & { title: string })[];
  handoffs: HandoffStats;
  stale: { section: string; title: string; reviewed: string; ageDays: number }[];
  lowRated: { section: string; title: string; up: number; down: number }[];
}

export interface ReportOptions {
  days: number;
  now: Date;
  /** A section is stale when its `reviewed` date is older than this. */
  staleDays: number;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Sections whose review is older than `staleDays`, oldest first. */
export function staleSections(guide: Guide, now: Date, staleDays: number): AdvisorReport['stale'] {
  return guide.sections
    .map((s) => ({
      section: s.id,
      title: s.title,
      reviewed: s.reviewed,
      ageDays: Math.floor((now.getTime() - Date.parse(s.reviewed)) / 86_400_000),
    }))
    .filter((s) => s.ageDays > staleDays)
    .sort((a, b) => b.ageDays - a.ageDays || a.section.localeCompare(b.section));
}

/** Sections members often thumb down: at least three downs, and at least half of the votes. */
export function lowRated(feedback: SectionFeedback[]): { section: string; up: number; down: number }[] {
  return feedback.filter((f) => f.down >= 3 && f.down >= f.up).map(({ section, up, down }) => ({ section, up, down }));
}

/**
 * Unanswered questions grouped around the term they share most: each entry joins the cluster of
 * its most frequent term, so "o1 visa requirement" and "o1 visa fee" read as one gap.
 */
export function clusterUnanswered(rows: { terms: string; count: number }[]): AdvisorReport['unanswered'] {
  const weight = new Map<string, number>();
  for (const r of rows) for (const t of r.terms.split(' ').filter(Boolean)) weight.set(t, (weight.get(t) ?? 0) + r.count);
  const clusters = new Map<string, { terms: Set<string>; count: number; examples: string[] }>();
  for (const r of rows) {
    const terms = r.terms.split(' ').filter(Boolean);
    if (!terms.length) continue;
    const lead = [...terms].sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0) || a.localeCompare(b))[0] as string;
    const c = clusters.get(lead) ?? { terms: new Set([lead]), count: 0, examples: [] };
    c.count += r.count;
    if (c.examples.length < 3) c.examples.push(r.terms);
    clusters.set(lead, c);
  }
  return [...clusters.values()]
    .map((c) => ({ terms: [...c.terms], count: c.count, examples: c.examples }))
    .sort((a, b) => b.count - a.count || (a.terms[0] ?? '').localeCompare(b.terms[0] ?? ''));
}

export async function buildReport(store: StateStore, guide: Guide, opts: ReportOptions): Promise<AdvisorReport> {
  const since = new Date(opts.now.getTime() - opts.days * 86_400_000);
  const title = (id: string) => guide.byId.get(id)?.title ?? id;
  const [asked, unanswered, feedback, handoffs] = await Promise.all([
    askedSince(store, opts.days, opts.now),
    listUnanswered(store),
    feedbackSince(store, since),
    allHandoffs(store),
  ]);
  return {
    days: opts.days,
    from: day(since),
    to: day(opts.now),
    mostAsked: asked.slice(0, 15).map((a) => ({ ...a, title: title(a.section) })),
    unanswered: clusterUnanswered(unanswered.filter((u) => u.last >= day(since))).slice(0, 15),
    feedback: feedback.map((f) => ({ ...f, title: title(f.section) })),
    handoffs: handoffStats(handoffs, since),
    stale: staleSections(guide, opts.now, opts.staleDays),
    lowRated: lowRated(feedback).map((l) => ({ ...l, title: title(l.section) })),
  };
}
