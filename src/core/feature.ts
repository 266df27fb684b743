import type { RecordType } from '../store/record.js';
import type { CommandDefinition, Ctx } from './command.js';

/**
 * What a feature keeps about a member inside shared records (answer votes, questions for
 * advisors): counted for /forget's list, and removed when `remove` is true.
 */
export type Forgetter = (ctx: Ctx, remove: boolean) => Promise<{ what: string; count: number }[]>;

/** A content loader that `content:check` runs: it throws a ContentError naming file, line and field. */
export interface ContentCheck {
  name: string;
  load(contentDir: string): Promise<unknown>;
}

/**
 * One feature as a module: its commands, the record kinds it stores (so `/forget` and the expiry
 * sweeper find them without knowing the feature), its content loaders and the guide sections it
 * cites outside the guide. The composition root lists features; values flow down from there.
 */
export interface Feature {
  name: string;
  commands: CommandDefinition[];
  records: RecordType<unknown>[];
  content: ContentCheck[];
  /** Guide section ids this feature cites (warnings, questionnaire items); `content:check` verifies each exists. */
  guideRefs?(contentDir: string): Promise<string[]>;
  /** Removes the caller's share of shared records (votes, hand-offs) for /forget. */
  forget?: Forgetter;
  /** Loads (and keeps) what its commands read on first use, so platforms do it before they listen. */
  warm?(contentDir: string): Promise<unknown>;
}

export function defineFeature(def: {
  name: string;
  commands: CommandDefinition[];
  // biome-ignore lint/suspicious/noExplicitAny: a feature lists record kinds of every shape.
  records?: RecordType<any>[];
  content?: ContentCheck[];
  guideRefs?(contentDir: string): Promise<string[]>;
  forget?: Forgetter;
  warm?(contentDir: string): Promise<unknown>;
}): Feature {
  if (!/^[a-z][a-z0-9-]*$/.test(def.name)) throw new Error(`feature name "${def.name}" must be a lower-case slug`);
  return { records: [], content: [], ...def } as Feature;
}

/** Every command of the features, in the order they are listed. */
export function commandsOf(features: Feature[]): CommandDefinition[] {
  return features.flatMap((f) => f.commands);
}

/** Every record kind of the features; a flow name used twice is a bug caught at start-up. */
export function recordsOf(features: Feature[]): RecordType<unknown>[] {
  const seen = new Map<string, string>();
  for (const f of features) {
    for (const r of f.records) {
      const other = seen.get(r.flow);
      if (other && other !== f.name) throw new Error(`record "${r.flow}" is declared by both ${other} and ${f.name}`);
      seen.set(r.flow, f.name);
    }
  }
  return [...new Map(features.flatMap((f) => f.records).map((r) => [r.flow, r])).values()];
}

/** Every feature's /forget hook. */
export function forgettersOf(features: Feature[]): Forgetter[] {
  return features.flatMap((f) => (f.forget ? [f.forget] : []));
}
