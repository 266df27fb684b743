import { notice, usageError } from '../../core/reply.js';
import type { Reply } from '../../core/types.js';
import { trackerActions } from './actions.js';
import { blankEntry, type Entry, emptyTracker, MAX_ENTRIES, type TrackerData } from './entry.js';
import { applyFields, ENTRY_FIELDS, type FieldIssue, PLAN_FIELDS } from './fields.js';
import { DEFAULT_PLAN, openForm, savePlan, submitField, submitForm } from './forms.js';
import { findEntry } from './records.js';
import { displayName, planValues, renderList } from './render.js';
import type { TrackerEnv, TrackerEvent, TrackerStep } from './step-types.js';
import {
  ambiguous,
  confirmRemove,
  defsOf,
  editMenu,
  emptyReply,
  expired,
  exportReply,
  fullReply,
  gone,
  notFound,
  PLAN_INTRO,
  pickEntry,
  replaced,
  showEntry,
  stale,
} from './views.js';

export type { TrackerEnv, TrackerEvent, TrackerStep } from './step-types.js';

const only = (r: Reply): TrackerStep => ({ replies: [r] });

/** Problems with typed options, as a usage error scripts can read (`errors: [{ field, message }]`). */
function fixThese(lead: string, problems: string[], issues: FieldIssue[]): TrackerStep {
  const r = usageError(`${lead} Please fix:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  return only({ ...r, data: { errors: issues.map((i) => ({ field: i.field, message: i.message.replace(/\*\*/g, '') })) } });
}

function resolve(data: TrackerData, ref: string): { entry: Entry } | { reply: Reply } {
  const found = findEntry(data.entries, ref);
  if (found.kind === 'found') return { entry: found.entry };
  return { reply: found.kind === 'ambiguous' ? ambiguous(found.matches, ref) : notFound(data, ref) };
}

const valuesOf = (part: 'program' | 'requirements' | 'notes', e: Entry) =>
  Object.fromEntries(defsOf(part).map((d) => [d.key, d.show(e)]));

function add(data: TrackerData, fields: Record<string, string>, env: TrackerEnv): TrackerStep {
  if (data.entries.length >= MAX_ENTRIES) return only(fullReply());
  if (!Object.keys(fields).length) {
    const intro = 'Three short steps; only the institution is required.';
    return openForm(data, { part: 'program', entryId: 'new', rev: 0, values: {}, intro }, env);
  }
  if (!fields.institution) {
    return only(
      usageError(
        '`institution` is missing: every entry needs one.\nExample: `/tracker add institution:"Mercy General" visa:h1b cap:exempt`',
      ),
    );
  }
  const applied = applyFields(ENTRY_FIELDS, blankEntry(`t${data.nextId}`, '', env.now), fields);
  if (!applied.ok) return fixThese('Nothing was saved.', applied.problems, applied.issues);
  const entry = applied.value;
  return {
    state: { ...data, entries: [...data.entries, entry], nextId: data.nextId + 1, retry: undefined },
    replies: [showEntry(env.owner, entry, data.plan, env.guide(), `Saved as \`${entry.id}\`.`, env.aside)],
    log: { msg: 'tracker entry added', sub: 'add', via: 'options', entries: data.entries.length + 1 },
  };
}

function edit(data: TrackerData, ref: string | undefined, fields: Record<string, string>, env: TrackerEnv): TrackerStep {
  if (!ref) return only(pickEntry(env.owner, data, 'edit'));
  const r = resolve(data, ref);
  if ('reply' in r) return only(r.reply);
  if (!Object.keys(fields).length) return only(editMenu(env.owner, r.entry));
  const applied = applyFields(ENTRY_FIELDS, r.entry, fields);
  if (!applied.ok) return fixThese('Nothing was changed.', applied.problems, applied.issues);
  const entry = { ...applied.value, rev: r.entry.rev + 1, updated: env.now.toISOString() };
  return {
    state: { ...data, entries: data.entries.map((e) => (e.id === entry.id ? entry : e)) },
    replies: [showEntry(env.owner, entry, data.plan, env.guide(), 'Updated.', env.aside)],
    log: { msg: 'tracker entry edited', sub: 'edit', via: 'options', fields: applied.changed.length },
  };
}

function removeNow(data: TrackerData, e: Entry): TrackerStep {
  const left = data.entries.length - 1;
  return {
    state: { ...data, entries: data.entries.filter((x) => x.id !== e.id) },
    replies: [notice(`Removed **${displayName(e)}** (\`${e.id}\`). ${left} entries left.`)],
    log: { msg: 'tracker entry removed', sub: 'remove', entries: left },
  };
}

function remove(data: TrackerData, ref: string | undefined, confirm: boolean, env: TrackerEnv): TrackerStep {
  if (!ref) return only(pickEntry(env.owner, data, 'remove'));
  const r = resolve(data, ref);
  if ('reply' in r) return only(r.reply);
  return confirm ? removeNow(data, r.entry) : only(confirmRemove(env.owner, r.entry));
}

function plan(data: TrackerData, fields: Record<string, string>, env: TrackerEnv): TrackerStep {
  if (!Object.keys(fields).length) {
    return openForm(data, { part: 'plan', entryId: '-', rev: 0, values: planValues(data.plan), intro: PLAN_INTRO }, env);
  }
  if (!data.plan && !fields.need) {
    return only(
      usageError(
        '`need` is missing: first say which visa you need (h1b, h1b-or-j1, j1 or none).\nExample: `/tracker plan need:h1b step3:2027-03-15`',
      ),
    );
  }
  const applied = applyFields(PLAN_FIELDS, data.plan ?? DEFAULT_PLAN, fields);
  if (!applied.ok) return fixThese('Your plan was not changed.', applied.problems, applied.issues);
  return savePlan(data, applied.value, 'Saved your plan.');
}

function onAction(data: TrackerData, payload: string[], values: string[] | undefined, env: TrackerEnv): TrackerStep {
  const a = trackerActions.decode(payload);
  const byId = (id: string) => data.entries.find((e) => e.id === id);
  switch (a?.kind) {
    case 'open': {
      const [part, id, rev] = a.args;
      const e = byId(id);
      if (!e) return only(gone());
      if (e.rev !== rev) return only(stale(e));
      const intro = `Editing **${displayName(e)}**.`;
      return openForm(data, { part, entryId: e.id, rev: e.rev, values: valuesOf(part, e), intro }, env);
    }
    case 'show': {
      const e = byId(a.args[0]);
      return only(e ? showEntry(env.owner, e, data.plan, env.guide(), undefined, env.aside) : gone());
    }
    case 'ask-rm':
    case 'rm': {
      const e = byId(a.args[0]);
      if (!e) return only(gone());
      if (e.rev !== a.args[1]) return only(stale(e));
      return a.kind === 'rm' ? removeNow(data, e) : only(confirmRemove(env.owner, e));
    }
    case 'keep': {
      const e = byId(a.args[0]);
      return only(e ? notice(`Kept **${displayName(e)}**.`) : gone());
    }
    case 'retry': {
      const r = data.retry;
      if (!r || r.nonce !== a.args[0]) return only(replaced());
      if (r.part === 'plan')
        return openForm(data, { part: 'plan', entryId: '-', rev: 0, values: r.fields, intro: PLAN_INTRO }, env);
      if (r.entryId === 'new') {
        const intro = 'Here is what you typed; fix the marked field.';
        return openForm(data, { part: r.part, entryId: 'new', rev: 0, values: r.fields, intro }, env);
      }
      const e = byId(r.entryId);
      if (!e) return only(gone());
      const intro = `Here is what you typed for **${displayName(e)}**; fix the marked field.`;
      return openForm(data, { part: r.part, entryId: e.id, rev: e.rev, values: r.fields, intro }, env);
    }
    case 'plan':
      return openForm(data, { part: 'plan', entryId: '-', rev: 0, values: planValues(data.plan), intro: PLAN_INTRO }, env);
    case 'pick': {
      const e = byId(values?.[0] ?? '');
      if (!e) return only(data.entries.length ? gone() : emptyReply());
      if (a.args[0] === 'show') return only(showEntry(env.owner, e, data.plan, env.guide(), undefined, env.aside));
      if (a.args[0] === 'remove') return only(confirmRemove(env.owner, e));
      return only(editMenu(env.owner, e));
    }
    default:
      return only(expired());
  }
}

function onSubmit(data: TrackerData, payload: string[], fields: Record<string, string>, env: TrackerEnv): TrackerStep {
  const a = trackerActions.decode(payload);
  switch (a?.kind) {
    case 'plan':
      return submitForm(data, 'plan', '-', 0, fields, env);
    case 'save':
      return submitForm(data, a.args[0], a.args[1], a.args[2], fields, env);
    case 'field':
      return submitField(data, a.args[0], a.args[1], fields, env);
    default:
      return only(expired());
  }
}

/**
 * The tracker as a pure reducer: the stored tracker (undefined when there is none yet) and what
 * the member did, in; the next tracker (undefined when unchanged) and the replies, out. The
 * command runs it through the flow runner, under the member's lock.
 */
export function step(state: TrackerData | undefined, event: TrackerEvent, env: TrackerEnv): TrackerStep {
  const data = state ?? emptyTracker();
  switch (event.type) {
    case 'add':
      return add(data, event.fields, env);
    case 'list':
      return only(renderList(data.entries, data.plan, event.page));
    case 'show': {
      if (!event.ref) return only(pickEntry(env.owner, data, 'show'));
      const r = resolve(data, event.ref);
      return only('reply' in r ? r.reply : showEntry(env.owner, r.entry, data.plan, env.guide(), undefined, env.aside));
    }
    case 'edit':
      return edit(data, event.ref, event.fields, env);
    case 'remove':
      return remove(data, event.ref, event.confirm, env);
    case 'export':
      return { replies: [exportReply(data)], log: { msg: 'tracker exported', sub: 'export', entries: data.entries.length } };
    case 'plan':
      return plan(data, event.fields, env);
    case 'action':
      return onAction(data, event.payload, event.values, env);
    case 'submit':
      return onSubmit(data, event.payload, event.fields, env);
  }
}
