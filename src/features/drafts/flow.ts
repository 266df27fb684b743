import { notice } from '../../core/reply.js';
import type { Reply } from '../../core/types.js';
import { draft } from './draft.js';
import { checkInput, type DraftKind, fromForm, toForm } from './fields.js';
import { fieldLabel, formSteps, type Layout, stepFields, stepOf } from './forms.js';
import type { DraftLexicon } from './lexicon.js';
import { type CurrentDraft, type DraftsState, MAX_SAVED, type PendingForm } from './records.js';
import { DEFAULT_STYLE, plainer, warmer } from './tone.js';
import { continueReply, copyReply, draftReply, draftTitle, formReply, listReply, type Op, problemsReply } from './view.js';

/**
 * The drafts flow as a pure reducer: state and one event in, new state and replies out. The
 * command runs it through the flow runner (load, step, save under the member's lock).
 */
export type DraftEvent =
  | { type: 'start'; kind: DraftKind }
  | { type: 'submit'; step: number; kind: DraftKind; nonce: string; fields: Record<string, string> }
  /** Continue and Fix answers: show step `step` of the form in progress again. */
  | { type: 'open'; ref: string; step: number }
  | { type: 'action'; op: Op; ref: string; values?: string[] }
  | { type: 'list' };

export interface FlowEnv {
  owner: string;
  now: Date;
  newId(): string;
  lexicon: DraftLexicon;
  /** Modals (Discord, Slack) take a step's fields at once; the terminal asks one field at a time. */
  layout: Layout;
}

export interface FlowResult {
  state: DraftsState;
  replies: Reply[];
}

const STALE_DRAFT =
  'That button belongs to a draft that has since been replaced or deleted, so I left everything as it is. `/draft list` shows your saved drafts.';
const STALE_FORM =
  'That form belongs to an older draft session, so its earlier steps are gone. Start again with `/draft gap`, `/draft failure` or `/draft disclosure`.';

function show(env: FlowEnv, current: CurrentDraft, opts: { replace?: boolean; lead?: string } = {}): Reply {
  return draftReply(env.owner, current, draft(current.draft, current.style, env.lexicon), env.lexicon, opts);
}

/** Problems from validation, restricted to some fields and worded with their labels. */
function problemsOf(kind: DraftKind, fields: string[] | undefined, raw: Record<string, unknown>, now: Date) {
  const checked = checkInput(kind, raw, now);
  if (checked.ok) return [];
  return checked.problems.filter((p) => !fields || fields.includes(p.field));
}

const problemLine = (kind: DraftKind, p: { field: string; message: string }) =>
  `**${fieldLabel(kind, p.field)}**: ${p.message}${p.message.endsWith('.') ? '' : '.'}`;

function submit(state: DraftsState, ev: Extract<DraftEvent, { type: 'submit' }>, env: FlowEnv): FlowResult {
  const steps = formSteps(ev.kind, env.layout).length;
  let pending: PendingForm | undefined = state.pending;
  const current = pending && pending.nonce === ev.nonce && pending.kind === ev.kind ? pending : undefined;
  if (ev.step === 1) {
    // A first step needs nothing from before, so even a stale one is accepted as a fresh start.
    pending = current ?? { nonce: env.newId(), kind: ev.kind, style: DEFAULT_STYLE };
  } else if (!current || (current.done ?? 0) < ev.step - 1) {
    return { state, replies: [notice(STALE_FORM)] };
  } else {
    pending = current;
  }
  const values = { ...(pending.values ?? {}), ...ev.fields };
  const raw = fromForm(ev.kind, values);
  // This step's fields, and any other a form sent along, are checked now.
  const asked = [...stepFields(ev.kind, ev.step, env.layout), ...Object.keys(ev.fields)];
  const here = problemsOf(ev.kind, asked, raw, env.now);
  if (here.length) {
    pending = { ...pending, values };
    const lines = here.map((p) => problemLine(ev.kind, p));
    // A terminal asks the first wrong field again at once; a modal gets a button that re-opens its step.
    const at = stepOf(ev.kind, here[0]?.field ?? '', env.layout);
    const replies =
      env.layout === 'fields'
        ? [
            formReply(env.owner, ev.kind, at, pending.nonce, {
              layout: env.layout,
              values: pending.prefill,
              lead: lines.join('\n'),
            }),
          ]
        : [problemsReply(env.owner, pending.nonce, at, lines)];
    return { state: { ...state, pending }, replies };
  }
  // The next step is the first one after this with a field not given yet.
  const next = nextStep(ev.kind, ev.step, values, env.layout);
  pending = { ...pending, values, done: Math.max(pending.done ?? 0, next - 1) };
  if (next <= steps) {
    const reply =
      env.layout === 'fields'
        ? formReply(env.owner, ev.kind, next, pending.nonce, { layout: env.layout, values: formValuesFor(pending) })
        : continueReply(env.owner, pending.nonce, ev.kind, next - 1, steps);
    return { state: { ...state, pending }, replies: [reply] };
  }
  const checked = checkInput(ev.kind, raw, env.now);
  if (!checked.ok) {
    // Every step passed its own checks, so this problem spans steps: re-open the step that asks the first field named.
    const all = checked.problems.map((p) => problemLine(ev.kind, p));
    const at = stepOf(ev.kind, checked.problems[0]?.field ?? '', env.layout);
    return { state: { ...state, pending }, replies: [problemsReply(env.owner, pending.nonce, at, all)] };
  }
  const made: CurrentDraft = { nonce: env.newId(), draft: checked.draft, style: pending.style, savedId: pending.savedId };
  return { state: { ...state, pending: undefined, current: made }, replies: [show(env, made)] };
}

function nextStep(kind: DraftKind, after: number, values: Record<string, string>, layout: Layout): number {
  const steps = formSteps(kind, layout);
  for (let i = after; i < steps.length; i++) {
    if (steps[i]?.fields.some((f) => values[f.id] === undefined)) return i + 1;
  }
  return steps.length + 1;
}

function formValuesFor(pending: PendingForm): Record<string, string> {
  return { ...(pending.prefill ?? {}), ...(pending.values ?? {}) };
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
      const form = formReply(env.owner, pending.kind, 1, pending.nonce, { layout: env.layout, values: pending.prefill });
      return { state: { ...state, pending }, replies: [form] };
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
      const title = draftTitle(current.draft, env.lexicon);
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
      return { state: { ...state, pending }, replies: [formReply(env.owner, ev.kind, 1, pending.nonce, { layout: env.layout })] };
    }
    case 'list':
      return { state, replies: [listReply(env.owner, state.saved)] };
    case 'submit':
      return submit(state, ev, env);
    case 'open': {
      const pending = state.pending;
      const steps = pending ? formSteps(pending.kind, env.layout).length : 0;
      if (!pending || pending.nonce !== ev.ref || ev.step > steps || (pending.done ?? 0) < ev.step - 1) {
        return { state, replies: [notice(STALE_FORM)] };
      }
      const values = formValuesFor(pending);
      return { state, replies: [formReply(env.owner, pending.kind, ev.step, pending.nonce, { layout: env.layout, values })] };
    }
    case 'action': {
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
