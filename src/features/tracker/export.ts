import type { TrackerData } from './entry.js';
import { warningsFor } from './warnings.js';

/** `img-advisor tracker export --json`: every entry with its warnings, and the plan they were checked against. */
export function trackerJson(data: TrackerData) {
  return {
    ok: true,
    count: data.entries.length,
    plan: data.plan ?? null,
    entries: data.entries.map((e) => {
      const { rev: _internal, ...fields } = e;
      const warnings = warningsFor(e, data.plan).map(({ rule, title, message, sections, email }) => ({
        rule,
        title,
        message,
        sections,
        ...(email ? { email } : {}),
      }));
      return { ...fields, warnings };
    }),
  };
}
