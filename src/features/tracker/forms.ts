import type { Reply } from '../../core/types.js';
import { blankEntry, type FormPart, MAX_ENTRIES, type Plan, type TrackerData } from './entry.js';
import { applyFields, checkField, ENTRY_FIELDS, PLAN_FIELDS } from './fields.js';
import { displayName } from './render.js';
import type { TrackerEnv, TrackerStep } from './step-types.js';
import { defsOf, fieldForm, fullReply, gone, partForm, planSaved, replaced, retryReply, showEntry, stepSaved } from './views.js';

/**
 * The tracker's forms: opening one (whole, as a modal; or field by field in the terminal, each
 * field checked as it is typed), saving what was submitted, and keeping a failed form so "Fix it"
 * reopens it as typed. Pure: state in, state and replies out.
 */

/** The starting point when a member sets part of a plan before having one (need is then required). */
export const DEFAULT_PLAN: Plan = { need: 'h1b', status: 'none', step3: 'not-yet' };

export interface FormSpec {
  part: FormPart;
  /** An entry id, `new` for a new entry's first step, `-` for the plan. */
  entryId: string;
  rev: number;
  values: Record<string, string>;
  intro: string;
}

/** Opens a form: whole on the chat platforms; one field at a time where that is how forms are asked. */
export function openForm(data: TrackerData, spec: FormSpec, env: TrackerEnv): TrackerStep {
  if (!env.fieldByField) {
    return { replies: [partForm(env.owner, spec.part, spec.entryId, spec.rev, spec.values, spec.intro)] };
  }
  const defs = defsOf(spec.part);
  const values = Object.fromEntries(defs.map((d) => [d.key, (spec.values[d.key] ?? '').slice(0, d.maxLength)]));
  const wizard = { nonce: env.nonce(), part: spec.part, entryId: spec.entryId, rev: spec.rev, index: 0, values };
  const first = defs[0];
  if (!first) return { replies: [replaced()] };
  return { state: { ...data, wizard }, replies: [fieldForm(env.owner, wizard, first, values[first.key] ?? '', spec.intro)] };
}

/** One field of a form asked field by field: refused at once when it does not fit, else the next one. */
export function submitField(data: TrackerData, nonce: string, index: number, fields: Record<string, string>, env: TrackerEnv) {
  const w = data.wizard;
  if (!w || w.nonce !== nonce || w.index !== index) return { replies: [replaced()] };
  const defs = defsOf(w.part);
  const def = defs[index];
  if (!def) return { replies: [replaced()] };
  const typed = fields[def.key] ?? '';
  const problem = checkField(def, typed);
  if (problem) {
    const lead = `${problem}\nPlease try again; nothing is saved until the last field.`;
    return { replies: [fieldForm(env.owner, w, def, w.values[def.key] ?? '', lead)] };
  }
  const values = { ...w.values, [def.key]: typed };
  const next = defs[index + 1];
  if (next) {
    return {
      state: { ...data, wizard: { ...w, index: index + 1, values } },
      replies: [fieldForm(env.owner, { ...w, index: index + 1 }, next, values[next.key] ?? '')],
    };
  }
  const done = { ...data, wizard: undefined };
  const out = submitForm(done, w.part, w.entryId, w.rev, values, env);
  return { ...out, state: out.state ?? done };
}

/** Keeps a failed form's values (cut to each field's limit) so "Fix it" reopens it filled in. */
export function keepForRetry(
  data: TrackerData,
  part: FormPart,
  entryId: string,
  fields: Record<string, string>,
  problems: string[],
  env: TrackerEnv,
  lead = 'Nothing was saved yet; your other entries are unchanged.',
): TrackerStep {
  const kept: Record<string, string> = {};
  const cut: string[] = [];
  for (const d of defsOf(part)) {
    const v = fields[d.key];
    if (v === undefined) continue;
    kept[d.key] = v.slice(0, d.maxLength);
    if (v.length > d.maxLength) cut.push(d.name);
  }
  const nonce = env.nonce();
  return {
    state: { ...data, retry: { nonce, part, entryId, fields: kept } },
    replies: [retryReply(env.owner, nonce, problems, lead, cut)],
  };
}

export function savePlan(data: TrackerData, plan: Plan, lead: string): TrackerStep {
  return {
    state: { ...data, plan, retry: undefined },
    replies: [planSaved(data.entries, plan, lead)],
    log: { msg: 'tracker plan saved', sub: 'plan' },
  };
}

/** A whole form as submitted (a modal, or the last field of a form asked field by field). */
export function submitForm(
  data: TrackerData,
  part: FormPart,
  id: string,
  rev: number,
  fields: Record<string, string>,
  env: TrackerEnv,
): TrackerStep {
  // A missing field counts as empty, so a required one is reported rather than silently kept.
  const known = Object.fromEntries(defsOf(part).map((d) => [d.key, fields[d.key] ?? '']));
  if (part === 'plan') {
    const applied = applyFields(PLAN_FIELDS, data.plan ?? DEFAULT_PLAN, known);
    if (!applied.ok) return keepForRetry(data, 'plan', '-', known, applied.problems, env, 'Your plan was not changed.');
    return savePlan(data, applied.value, 'Saved your plan.');
  }
  if (id === 'new') {
    // A new entry starts with its first step, the one that names the institution.
    if (part !== 'program') return { replies: [replaced()] };
    if (data.entries.length >= MAX_ENTRIES) return { replies: [fullReply()] };
    const applied = applyFields(ENTRY_FIELDS, blankEntry(`t${data.nextId}`, '', env.now), known);
    if (!applied.ok) return keepForRetry(data, part, 'new', known, applied.problems, env);
    const entry = applied.value;
    return {
      state: { ...data, entries: [...data.entries, entry], nextId: data.nextId + 1, retry: undefined },
      replies: [stepSaved(env.owner, entry, data.plan, part, true)],
      log: { msg: 'tracker entry added', sub: 'add', via: 'form', entries: data.entries.length + 1 },
    };
  }
  const current = data.entries.find((e) => e.id === id);
  if (!current) return { replies: [gone()] };
  if (current.rev !== rev) {
    const lead = `**${displayName(current)}** changed after this form opened, so I did not overwrite it. Review your values and save again.`;
    return keepForRetry(data, part, id, known, [], env, lead);
  }
  const applied = applyFields(ENTRY_FIELDS, current, known);
  if (!applied.ok) return keepForRetry(data, part, id, known, applied.problems, env, 'Nothing in this entry was changed.');
  const entry = { ...applied.value, rev: current.rev + 1, updated: env.now.toISOString() };
  const replies: Reply[] =
    part === 'notes'
      ? [showEntry(env.owner, entry, data.plan, env.guide(), 'Saved.', env.aside)]
      : [stepSaved(env.owner, entry, data.plan, part, false)];
  return {
    state: { ...data, entries: data.entries.map((e) => (e.id === id ? entry : e)), retry: undefined },
    replies,
    log: { msg: 'tracker entry edited', sub: 'edit', via: 'form', part },
  };
}
