import { z } from 'zod';
import { actionId } from './action-id.js';

type Kinds = Record<string, z.ZodType<unknown[]>>;

/** What a kind's buttons carry: its tuple's output values (written into the id as text). */
type ArgsOf<T> = T extends z.ZodType<infer Out> ? Out : never;

export type DecodedActionOf<K extends Kinds> = { [N in keyof K & string]: { kind: N; args: z.output<K[N]> } }[keyof K & string];

/**
 * One codec per command for its buttons, selects and forms: each kind names a typed tuple of
 * arguments. Ids are `<command>~<owner>~<kind>~<args...>` (see action-id.ts), so the router's
 * ownership check runs before any of this; a payload that no longer decodes (an old button) is
 * `undefined`, and the command says so instead of guessing.
 */
export function actionCodec<K extends Kinds>(command: string, kinds: K) {
  return {
    command,
    id<N extends keyof K & string>(owner: string, kind: N, ...args: ArgsOf<K[N]>): string {
      return actionId(command, owner, kind, ...(args as unknown[]).map((a) => String(a)));
    },
    decode(payload: string[]): DecodedActionOf<K> | undefined {
      const [kind, ...args] = payload;
      if (!kind || !Object.hasOwn(kinds, kind)) return undefined;
      const parsed = (kinds[kind] as z.ZodType).safeParse(args);
      return parsed.success ? ({ kind, args: parsed.data } as DecodedActionOf<K>) : undefined;
    },
  };
}

/** Argument schemas the codecs share. */
export const arg = {
  nonce: z.string().regex(/^[\w-]{4,16}$/),
  index: z.coerce.number().int().min(0).max(999),
};
