import type { Config } from '../../config.js';
import type { Runtime } from '../../core/runtime.js';
import type { RecordType } from '../../store/record.js';

/** A platform once started: how to stop it, and whether it can end by itself. */
export interface RunningPlatform {
  /**
   * Stops taking work, lets running handlers finish (bounded), closes its connections. Resolves
   * within a few seconds whatever the network does, so SIGTERM always ends the process in time.
   */
  stop(): Promise<void>;
  /** Settles when the platform ends on its own: the terminal chat closed, the gateway refused us for good. */
  ended?: Promise<void>;
}

/**
 * The adapter contract: one per platform folder, listed once in src/app/platforms.ts. The
 * composition root decides from `configured` and `missing` what to start, starts each on its
 * own (one failing never stops another), and stops them all on SIGTERM/SIGINT.
 */
export interface PlatformDefinition {
  /** `discord`, `slack`, `terminal`. */
  name: string;
  /** For people: "Discord", "Slack", "the terminal chat". */
  title: string;
  /** What the adapter keeps about members in the store, so `/forget` deletes it too. */
  records: RecordType<unknown>[];
  /** Any of its settings is given: the operator means to run it. */
  configured(config: Config): boolean;
  /** What is still missing to start it (variable names, or what to provide); empty when complete. */
  missing(config: Config): string[];
  /** Connects and serves until stopped. Throws, with one line saying why, when it cannot start. */
  start(runtime: Runtime): Promise<RunningPlatform>;
  /** Started only when no other platform is configured (the terminal chat). */
  fallback?: boolean;
}

export function definePlatform(def: PlatformDefinition): PlatformDefinition {
  if (!/^[a-z][a-z0-9-]*$/.test(def.name)) throw new Error(`platform name "${def.name}" must be a lower-case slug`);
  return def;
}

/** The names of `vars` that hold a value. */
export function present(config: Config, vars: readonly (keyof Config)[]): (keyof Config)[] {
  return vars.filter((v) => {
    const value = config[v];
    return value !== undefined && value !== '';
  });
}
