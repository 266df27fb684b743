/**
 * The questionnaire as a pure reducer: one item at a time, answered Yes / No / Not sure, with
 * Back, Skip and Stop. It knows item ids and positions only; rendering and storage live elsewhere.
 */
export const ANSWERS = ['yes', 'no', 'unsure'] as const;
export type AnswerValue = (typeof ANSWERS)[number];
// noUncheckedIndexedAccess makes every lookup `AnswerValue | undefined`: unanswered is simply absent.
export type Answers = Record<string, AnswerValue>;

export interface Progress {
  /** Session id: also the nonce in every button, so buttons of a replaced session go stale. */
  id: string;
  answers: Answers;
  /** Position of the item being asked; equal to the item count once every item was passed. */
  index: number;
  startedAt: string;
  updatedAt: string;
}

export type Input =
  | { type: 'answer'; at: number; value: AnswerValue }
  | { type: 'skip'; at: number }
  | { type: 'back'; at: number }
  | { type: 'stop' }
  | { type: 'resume' };

/**
 * ask: show the item at `state.index`; done: every item passed, time for the report;
 * paused: the member stopped; stale: the button was for another item, nothing changed;
 * first: Back on the first item, nothing changed.
 */
export type Outcome = 'ask' | 'done' | 'paused' | 'stale' | 'first';

export interface Stepped {
  state: Progress;
  outcome: Outcome;
}

export function startProgress(id: string, now: Date): Progress {
  const at = now.toISOString();
  return { id, answers: {}, index: 0, startedAt: at, updatedAt: at };
}

function moved(state: Progress, ids: readonly string[], index: number, answers: Answers, now: Date): Stepped {
  const next = { ...state, answers, index: Math.min(index, ids.length), updatedAt: now.toISOString() };
  return { state: next, outcome: next.index >= ids.length ? 'done' : 'ask' };
}

export function step(ids: readonly string[], state: Progress, input: Input, now: Date): Stepped {
  // Content may have shrunk since the session started: never point past the last item.
  const current = Math.min(state.index, ids.length);
  const here = { ...state, index: current };
  switch (input.type) {
    case 'resume':
      return { state: here, outcome: current >= ids.length ? 'done' : 'ask' };
    case 'stop':
      return { state: { ...here, updatedAt: now.toISOString() }, outcome: 'paused' };
    case 'answer':
    case 'skip':
    case 'back': {
      // A button from an earlier card (double click, old message) must not answer the wrong item.
      if (input.at !== current || current >= ids.length) return { state: here, outcome: 'stale' };
      if (input.type === 'back') {
        return current === 0 ? { state: here, outcome: 'first' } : moved(here, ids, current - 1, here.answers, now);
      }
      const itemId = ids[current] as string;
      // Skip leaves an earlier answer as it was: it means "next", not "erase".
      const answers = input.type === 'answer' ? { ...here.answers, [itemId]: input.value } : here.answers;
      return moved(here, ids, current + 1, answers, now);
    }
  }
}

/** Answers limited to the items that exist now, so removed content never reaches a report. */
export function knownAnswers(ids: readonly string[], answers: Answers): Answers {
  return Object.fromEntries(ids.flatMap((id) => (answers[id] ? [[id, answers[id]]] : [])));
}
