import type { Ctx } from '../../core/command.js';
import { ownerOf, runFlow } from '../../core/flow.js';
import { newNonce } from '../../core/nonce.js';
import { reply, usageError } from '../../core/reply.js';
import type { Reply } from '../../core/types.js';
import { draft, draftToText } from './draft.js';
import { checkInput, type DraftKind, FIELD_ORDER, type FieldProblem } from './fields.js';
import { getDraftLexicon } from './lexicon.js';
import { DRAFTS_RECORD, EMPTY_STATE, MAX_SAVED, pruneExpired } from './records.js';
import type { DraftStyle } from './tone.js';
import { COMMAND, draftTitle } from './view.js';

/**
 * Scripted drafts: `img-advisor draft gap|failure|disclosure --input FILE [--tone T] [--short]
 * [--save] [--json]` and `draft list`. The draft comes back as a plain-text file block (what a
 * script prints) with the versions, notes and parts in `data`. Nothing is stored unless `--save`.
 */

export interface ScriptedDraftOptions {
  /** The input file's text (the terminal adapter read it). */
  input?: string;
  style: DraftStyle;
  save?: boolean;
}

function refuse(lead: string, errors: FieldProblem[]): Reply {
  const text = [lead, ...errors.map((e) => `  ${e.field}: ${e.message}`)].join('\n');
  return { ...usageError(text), data: { errors } };
}

export async function scriptedDraft(ctx: Ctx, kind: DraftKind, opts: ScriptedDraftOptions): Promise<Reply[]> {
  if (opts.input === undefined) {
    const message = `--input FILE is needed: a JSON object of the fields ("-" reads stdin). The fields of each kind:\n${Object.entries(
      FIELD_ORDER,
    )
      .map(([k, fields]) => `  ${k}: ${fields.join(', ')}`)
      .join('\n')}`;
    return [refuse(`img-advisor draft ${kind}: one option needs a fix:`, [{ field: 'input', message }])];
  }
  let raw: unknown;
  try {
    raw = JSON.parse(opts.input);
  } catch (err) {
    const message = `is not valid JSON (${err instanceof Error ? err.message : String(err)})`;
    return [refuse(`img-advisor draft ${kind}: the input file needs a fix:`, [{ field: 'input', message }])];
  }
  const checked = checkInput(kind, raw, ctx.now());
  if (!checked.ok) {
    const n = checked.problems.length;
    return [refuse(`img-advisor draft ${kind}: ${n === 1 ? 'one field needs' : `${n} fields need`} a fix:`, checked.problems)];
  }
  const lexicon = await getDraftLexicon(ctx.config.contentDir);
  const drafted = draft(checked.draft, opts.style, lexicon);
  const { composed, notes } = drafted;
  const result = (saved: string | undefined) =>
    reply([{ type: 'file', name: `${kind}-draft.txt`, mime: 'text/plain', content: draftToText(kind, drafted) }], 'private', {
      data: {
        kind,
        style: opts.style,
        versions: composed.versions,
        notes: notes.map((n) => n.text),
        checks: notes,
        parts: composed.parts,
        ...(composed.mapping ? { mapping: composed.mapping } : {}),
        saved: saved !== undefined,
        ...(saved ? { id: saved } : {}),
      },
    });
  // Ids and counts only: drafts are personal and never logged.
  ctx.log.info({ command: COMMAND, kind, scripted: true, saved: opts.save === true, noteCount: notes.length }, 'draft');
  if (!opts.save) return [result(undefined)];
  return runFlow(ctx, { record: DRAFTS_RECORD, command: COMMAND }, (stored) => {
    const state = stored ? pruneExpired(stored, ctx.now()) : EMPTY_STATE;
    if (state.saved.length >= MAX_SAVED) {
      const message = `you already have ${MAX_SAVED} saved drafts, the most I keep. Delete one from /draft list first.`;
      return { replies: refuse(`img-advisor draft ${kind}: nothing was saved:`, [{ field: 'save', message }]) };
    }
    const entry = {
      id: newNonce(),
      draft: checked.draft,
      style: opts.style,
      title: draftTitle(checked.draft, lexicon),
      savedAt: ctx.now().toISOString(),
    };
    return { state: { ...state, saved: [entry, ...state.saved] }, replies: result(entry.id) };
  });
}

/** `draft list` from a script: one line per saved draft, and the list in `data.drafts`. */
export async function scriptedList(ctx: Ctx): Promise<Reply> {
  const stored = await ctx.store.get(DRAFTS_RECORD, ownerOf(ctx));
  const drafts = pruneExpired(stored ?? EMPTY_STATE, ctx.now()).saved.map((s) => ({
    id: s.id,
    kind: s.draft.kind,
    title: s.title,
    savedAt: s.savedAt,
  }));
  const lines = drafts.map((s) => `${s.savedAt.slice(0, 10)}  ${s.title}`);
  return reply([{ type: 'text', markdown: lines.join('\n') || 'No saved drafts.' }], 'private', { data: { drafts } });
}
