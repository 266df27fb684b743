import type { Analysis } from './analyze.js';
import { type AttemptSummary, type DrillState, MAX_TRIES } from './records.js';

/**
 * The drill as a pure reducer: state and one input in, the next state (null when the drill is over)
 * and what to show out. The command file loads, steps, saves and renders.
 */

export type DrillControl = 'retry' | 'next' | 'skip' | 'stop';

/** Where a button was made: a click only counts if the drill is still at that step. */
export interface DrillStep {
  index: number;
  tries: number;
}

export type DrillInput =
  | { type: 'answer'; analysis: Analysis }
  | { type: 'control'; act: DrillControl; at?: DrillStep }
  | { type: 'resume' }
  /** A few words typed while feedback is on screen: not an answer, so point at the buttons. */
  | { type: 'chatter' };

export type DrillView =
  | { kind: 'question'; index: number; total: number; attempt: number; resumed?: boolean }
  | {
      kind: 'feedback';
      index: number;
      total: number;
      attempt: number;
      analysis: Analysis;
      previous?: AttemptSummary;
      current: AttemptSummary;
      canRetry: boolean;
    }
  | { kind: 'reviewing'; index: number; total: number; attempt: number; last: AttemptSummary; canRetry: boolean }
  | { kind: 'summary'; state: DrillState; reason: 'finished' | 'stopped' }
  | { kind: 'moved-on' }
  | { kind: 'nudge' }
  | { kind: 'no-more-tries' };

export interface DrillStepResult {
  state: DrillState | null;
  views: DrillView[];
}

export function summarizeAttempt(a: Analysis): AttemptSummary {
  return {
    words: a.words,
    seconds: a.estimatedSeconds,
    length: a.length,
    star: { ...a.star },
    quantified: a.quantifiedResult,
    angle: a.informaticsAngle,
    specifics: a.specifics.numbers.length + a.specifics.tools.length,
    fillers: a.fillers.count,
    covered: a.coveredIndex.slice(0, 10),
  };
}

export function newDrill(opts: { nonce: string; category: DrillState['category']; questionIds: string[]; now: Date }): {
  state: DrillState;
  views: DrillView[];
} {
  const state: DrillState = {
    nonce: opts.nonce,
    category: opts.category,
    questionIds: opts.questionIds,
    index: 0,
    phase: 'answering',
    results: opts.questionIds.map(() => ({ attempts: [], skipped: false })),
    startedAt: opts.now.toISOString(),
  };
  return { state, views: [questionView(state)] };
}

const triesAt = (s: DrillState) => s.results[s.index]?.attempts.length ?? 0;

export function currentStep(s: DrillState): DrillStep {
  return { index: s.index, tries: triesAt(s) };
}

function questionView(s: DrillState, resumed = false): DrillView {
  return { kind: 'question', index: s.index, total: s.questionIds.length, attempt: triesAt(s) + 1, resumed };
}

function reviewingView(s: DrillState): DrillView {
  const attempts = s.results[s.index]?.attempts ?? [];
  const last = attempts.at(-1);
  if (!last) return questionView(s);
  return {
    kind: 'reviewing',
    index: s.index,
    total: s.questionIds.length,
    attempt: attempts.length,
    last,
    canRetry: attempts.length < MAX_TRIES,
  };
}

export function currentView(s: DrillState, resumed = false): DrillView {
  return s.phase === 'answering' ? questionView(s, resumed) : reviewingView(s);
}

function withResults(s: DrillState, index: number, update: (r: DrillState['results'][number]) => DrillState['results'][number]) {
  return { ...s, results: s.results.map((r, i) => (i === index ? update(r) : r)) };
}

function advance(s: DrillState): DrillStepResult {
  const next = s.index + 1;
  if (next >= s.questionIds.length) return { state: null, views: [{ kind: 'summary', state: s, reason: 'finished' }] };
  const state: DrillState = { ...s, index: next, phase: 'answering' };
  return { state, views: [questionView(state)] };
}

function answer(s: DrillState, analysis: Analysis): DrillStepResult {
  const attempts = s.results[s.index]?.attempts ?? [];
  if (attempts.length >= MAX_TRIES) return { state: s, views: [{ kind: 'no-more-tries' }, reviewingView(s)] };
  const current = summarizeAttempt(analysis);
  const state: DrillState = {
    ...withResults(s, s.index, (r) => ({ ...r, attempts: [...r.attempts, current] })),
    phase: 'reviewing',
  };
  return {
    state,
    views: [
      {
        kind: 'feedback',
        index: s.index,
        total: s.questionIds.length,
        attempt: attempts.length + 1,
        analysis,
        previous: attempts.at(-1),
        current,
        canRetry: attempts.length + 1 < MAX_TRIES,
      },
    ],
  };
}

function control(s: DrillState, act: DrillControl, at: DrillStep | undefined): DrillStepResult {
  if (act === 'stop') return { state: null, views: [{ kind: 'summary', state: s, reason: 'stopped' }] };
  // A button from an earlier question or try: say so and show where the drill really is.
  if (at && (at.index !== s.index || at.tries !== triesAt(s))) return { state: s, views: [{ kind: 'moved-on' }, currentView(s)] };
  switch (act) {
    case 'retry':
      if (s.phase !== 'reviewing') return { state: s, views: [currentView(s)] };
      if (triesAt(s) >= MAX_TRIES) return { state: s, views: [{ kind: 'no-more-tries' }, reviewingView(s)] };
      return { state: { ...s, phase: 'answering' }, views: [questionView({ ...s, phase: 'answering' })] };
    case 'next':
    case 'skip': {
      const skipped = triesAt(s) === 0;
      return advance(skipped ? withResults(s, s.index, (r) => ({ ...r, skipped: true })) : s);
    }
  }
}

export function stepDrill(s: DrillState, input: DrillInput): DrillStepResult {
  switch (input.type) {
    case 'answer':
      return answer(s, input.analysis);
    case 'control':
      return control(s, input.act, input.at);
    case 'resume':
      return { state: s, views: [currentView(s, true)] };
    case 'chatter':
      return { state: s, views: [{ kind: 'nudge' }, currentView(s)] };
  }
}
