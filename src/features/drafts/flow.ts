import { notice } from '../../core/reply.js';
import type { Reply } from '../../core/types.js';
import { draft } from './draft.js';
import { checkInput, type DraftKind, fromForm, toForm } from './fields.js';
import { FORM_STEPS, fieldLabel, stepFields } from './forms.js';
import type { DraftLexicon } from './lexicon.js';
import { type CurrentDraft, type DraftsState, MAX_SAVED, type PendingForm } from './records.js';
import { DEFAULT_STYLE, plainer, warmer } from './tone.js';
import { continueReply, copyReply, draftReply, draftTitle, formReply, listReply, type Op, problemsReply } from './view.js';

/**
 * The drafts flow as a pure reducer: state and one event in, new state and replies out. The
 * command file loads the record, calls `step`, and saves what comes back.
 */
export type DraftEvent =
  | { type: 'start'; kind: DraftKind }
  | { type: 'submit'; step: number; kind: DraftKind; nonce: string; fields: Record<string, string> }
  | { type: 'action'; op: Op; ref: string; values?: string[] }
  | { type: 'list' };

export interface FlowEnv {
  owner: string;
  now: Date;
  newId(): string;
  lexicon: DraftLexicon;
}

export interface FlowResult {
  state: DraftsState;
  replies: Reply[];
}

const STALE_DRAFT =
  'That button belongs to a draft that has since been replaced or deleted, so I left everything as it is. `/draft list` shows your saved drafts.';
const STALE_FORM =
  'That form belongs to an older draft session, so its first step is gone. Start again with `/draft gap` or `/draft failure`.';

function show(env: FlowEnv, current: CurrentDraft, opts: { replace?: boolean; lead?: string } = {}): Reply {
  return draftReply(env.owner, current, draft(current.draft, current.style, env.lexicon), env.lexicon, opts);
}

/** Problems from validation, restricted to the fields of one form step and worded with its labels. */
function stepProblems(kind: DraftKind, fieldsOfStep: string[], raw: Record<string, unknown>, now: Date): string[] {
  const checked = checkInput(kind, raw, now);
  if (checked.ok) return [];
  return checked.problems
    .filter((p) => fieldsOfStep.includes(p.field))
    .map((p) => `**${fieldLabel(kind, p.field)}**: ${p.message}${p.message.endsWith('.') ? '' : '.'}`);
}

function submit(state: DraftsState, ev: Extract<DraftEvent, { type: 'submit' }>, env: FlowEnv): FlowResult {
  const steps = FORM_STEPS[ev.kind].length;
  let pending: PendingForm | undefined = state.pending;
  if (ev.step === 1) {
    // A first step needs nothing from before, so even a stale one is accepted as a fresh start.
    if (!pending || pending.nonce !== ev.nonce || pending.kind !== ev.kind) {
      pending = { nonce: env.newId(), kind: ev.kind, style: DEFAULT_STYLE };
    }
    pending = { ...pending, step1: ev.fields };
  } else {
    if (!pending || pending.nonce !== ev.nonce || pending.kind !== ev.kind || !pending.step1) {
      return { state, replies: [notice(STALE_FORM)] };
    }
    pending = { ...pending, step2: ev.fields };
  }
  const sofar = { ...(pending.step1 ?? {}), ...(ev.step === 2 ? ev.fields : {}) };
  const raw = fromForm(ev.kind, sofar);
  const problems = stepProblems(ev.kind, stepFields(ev.kind, ev.step), raw, env.now);
  if (problems.length) {
    return { state: { ...state, pending }, replies: [problemsReply(env.owner, pending.nonce, ev.step, problems)] };
  }
  if (ev.step < steps) {
    return { state: { ...state, pending }, replies: [continueReply(env.owner, pending.nonce, ev.kind)] };
  }
  const checked = checkInput(ev.kind, raw, env.now);
  if (!checked.ok) {
    // Every step passed its own checks, so this is a problem spanning steps: show it on the last one.
    const all = checked.problems.map((p) => `**${fieldLabel(ev.kind, p.field)}**: ${p.message}.`);
    return { state: { ...state, pending }, replies: [problemsReply(env.owner, pending.nonce, ev.step, all)] };
  }
  const current: CurrentDraft = { nonce: env.newId(), draft: checked.draft, style: pending.style, savedId: pending.savedId };
  return { state: { ...state, pending: undefined, current }, replies: [show(env, current)] };
}

function formValuesFor(pending: PendingForm, step: number): Record<string, string> {
  const own = step === 1 ? pending.step1 : pending.step2;
  return { ...(pending.prefill ?? {}), ...(own ?? {}) };
}

function onDraft(state: DraftsState, op: Op, ref: string, env: FlowEnv): FlowResult {
  const current = state.current;
  if (!current || current.nonce !== ref) return { state, replies: [notice(STALE_DRAFT)] };
  const restyle = (style: CurrentDraft['style']): FlowResult => {
    const next = { ...current, style };
    return { state: { ...state, current: next }, replies: [show(env, next, { replace: true })] };
  };
  switch (op) {
    case 'edit': {
      const pending: PendingForm = {
        nonce: env.newId(),
        kind: current.draft.kind,
        prefill: toForm(current.draft),
        style: current.style,
        savedId: current.savedId,
      };
      return { state: { ...state, pending }, replies: [formReply(env.owner, pending.kind, 1, pending.nonce, pending.prefill)] };
    }
    case 'short':
      return restyle({ ...current.style, short: true });
    case 'long':
      return restyle({ ...current.style, short: false });
    case 'warm':
      return restyle({ ...current.style, tone: warmer(current.style.tone) ?? current.style.tone });
    case 'plain':
      return restyle({ ...current.style, tone: plainer(current.style.tone) ?? current.style.tone });
    case 'save': {
      const title = draftTitle(current.draft);
      const savedAt = env.now.toISOString();
      const existing = current.savedId ? state.saved.find((s) => s.id === current.savedId) : undefined;
      if (!existing && state.saved.length >= MAX_SAVED) {
        return {
          state,
          replies: [
            notice(`You already have ${MAX_SAVED} saved drafts, the most I keep. Delete one from \`/draft list\` first.`),
          ],
        };
      }
      const id = existing?.id ?? env.newId();
      const entry = { id, draft: current.draft, style: current.style, title, savedAt };
      const saved = [entry, ...state.saved.filter((s) => s.id !== id)];
      const next = { ...current, savedId: id };
      return {
        state: { ...state, current: next, saved },
        replies: [
          show(env, next, {
            replace: true,
            lead: `${existing ? 'Saved your changes' : 'Saved'} as "${title}". It is kept 90 days; \`/draft list\` shows your drafts.`,
          }),
        ],
      };
    }
    case 'copy': {
      const drafted = draft(current.draft, current.style, env.lexicon);
      return { state, replies: [copyReply(current.draft.kind, drafted, `${current.draft.kind}-draft.txt`)] };
    }
    case 'del': {
      const saved = current.savedId ? state.saved.filter((s) => s.id !== current.savedId) : state.saved;
      const what = current.savedId ? 'Deleted the draft and its saved copy.' : 'Deleted the draft. Nothing of it is kept.';
      return { state: { ...state, current: undefined, saved }, replies: [{ ...notice(what), replace: true }] };
    }
    default:
      return { state, replies: [notice(STALE_DRAFT)] };
  }
}

export function step(state: DraftsState, ev: DraftEvent, env: FlowEnv): FlowResult {
  switch (ev.type) {
    case 'start': {
      const pending: PendingForm = { nonce: env.newId(), kind: ev.kind, style: DEFAULT_STYLE };
      return { state: { ...state, pending }, replies: [formReply(env.owner, ev.kind, 1, pending.nonce)] };
    }
    case 'list':
      return { state, replies: [listReply(env.owner, state.saved)] };
    case 'submit':
      return submit(state, ev, env);
    case 'action': {
      if (ev.op === 'next' || ev.op === 'fix1' || ev.op === 'fix2') {
        const pending = state.pending;
        if (!pending || pending.nonce !== ev.ref) return { state, replies: [notice(STALE_FORM)] };
        const formStep = ev.op === 'fix1' ? 1 : 2;
        return {
          state,
          replies: [formReply(env.owner, pending.kind, formStep, pending.nonce, formValuesFor(pending, formStep))],
        };
      }
      if (ev.op === 'pick') {
        const chosen = state.saved.find((s) => s.id === ev.values?.[0]);
        if (!chosen)
          return {
            state,
            replies: [notice('That draft is no longer saved (deleted or expired). `/draft list` shows what is left.')],
          };
        const current: CurrentDraft = { nonce: env.newId(), draft: chosen.draft, style: chosen.style, savedId: chosen.id };
        return { state: { ...state, current }, replies: [show(env, current)] };
      }
      return onDraft(state, ev.op, ev.ref, env);
    }
  }
}
