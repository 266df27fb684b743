import { existsSync } from 'node:fs';
import type { ScriptIO } from '../../core/command.js';
import type { Logger } from '../../log.js';
import { type Db, openForRead } from './db.js';
import { importFile } from './import.js';
import { LAYOUT_NAME, LayoutError } from './layouts.js';
import { terminalProgress } from './progress.js';
import { FileFormatError } from './read.js';
import { trackerLines } from './render.js';
import { findEmployers, hasData, profileOf } from './search.js';

/** The sponsor database when it holds data, else null (callers answer with how to import). */
export function sponsorsDb(dbPath: string): Db | null {
  const db = openForRead(dbPath);
  return hasData(db) ? db : null;
}

/** A failure as one calm sentence: the file's own problem, never a stack trace. */
function explain(err: unknown): string {
  if (err instanceof LayoutError || err instanceof FileFormatError) return err.message;
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ENOENT') return 'There is no such file.';
  if (code === 'EACCES') return 'The file cannot be read (permissions).';
  if (/FILE_ENDED|end of central directory|invalid (signature|zip)|unexpected end|Z_BUF_ERROR|zlib/i.test(message)) {
    return 'The file ended early or is damaged (an interrupted download?). Download it again.';
  }
  return `It could not be read (${message.slice(0, 200)}).`;
}

/**
 * `img-advisor sponsors import FILE...`: each file in its own transaction, a summary line per
 * file, a progress bar on a terminal. Exit 0 when every file was imported, 1 when one failed.
 */
export async function importFiles(files: string[], dbPath: string, io: ScriptIO, log: Logger, json: boolean): Promise<number> {
  const results: unknown[] = [];
  const errors: { file: string; error: string }[] = [];
  for (const file of files) {
    if (!existsSync(file)) {
      errors.push({ file, error: 'There is no such file.' });
      if (!json) io.stderr(`${file}: there is no such file; nothing was imported from it.`);
      continue;
    }
    try {
      const r = await importFile(dbPath, file, { progress: json ? undefined : terminalProgress(file) });
      results.push(r);
      log.info(
        { kind: r.kind, rows: r.rows, skipped: r.skipped, seconds: Math.round(r.seconds * 10) / 10 },
        'sponsor file imported',
      );
      if (!json) {
        const rate = r.seconds > 0 ? Math.round((r.rows + r.skipped + r.otherVisa) / r.seconds).toLocaleString('en-US') : '-';
        const years = r.fiscalYears.length ? `FY${r.fiscalYears.join(', FY')}` : 'no fiscal year';
        const extra = [
          r.skipped ? `${r.skipped.toLocaleString('en-US')} unreadable rows skipped` : '',
          r.otherVisa ? `${r.otherVisa.toLocaleString('en-US')} E-3 or other non-H-1B filings left out` : '',
          r.replaced ? `${r.replaced.toLocaleString('en-US')} rows from earlier imports replaced` : '',
        ].filter(Boolean);
        io.stdout(
          `${r.file}: ${LAYOUT_NAME[r.kind]}, ${r.rows.toLocaleString('en-US')} rows stored (${years})${extra.length ? `; ${extra.join('; ')}` : ''}. ${r.seconds.toFixed(1)} s, ${rate} rows/s.`,
        );
      }
    } catch (err) {
      const error = explain(err);
      errors.push({ file, error });
      log.warn({ err: err instanceof Error ? err.name : 'error' }, 'sponsor file refused');
      if (!json) io.stderr(`${file}: not imported. ${error} The database is as it was before this file.`);
    }
  }
  if (json) io.stdout(JSON.stringify({ ok: errors.length === 0, imported: results, errors }));
  else if (results.length) io.stdout(`Sponsor data is in ${dbPath}. Try: img-advisor sponsors search "employer name"`);
  return errors.length ? 1 : 0;
}

/**
 * A line or two of filing history for a tracker entry, when its institution clearly matches one
 * employer in the data; undefined otherwise. Shown beside the entry, never written into it.
 */
export function filingHistory(dbPath: string, institution: string): string | undefined {
  const db = sponsorsDb(dbPath);
  if (!db) return undefined;
  const [best] = findEmployers(db, institution, { limit: 1 });
  if (!best || best.match < 0.8) return undefined;
  return trackerLines(profileOf(db, best));
}
