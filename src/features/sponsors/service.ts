import { existsSync } from 'node:fs';
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

export interface ImportOutcome {
  /** One line per imported file, then where the data is. */
  lines: string[];
  /** One problem per refused file: the database is as it was before that file. */
  problems: { field: string; message: string }[];
  imported: unknown[];
}

/**
 * `img-advisor sponsors import FILE...`: each file in its own transaction, a summary line per
 * file, a progress bar on a terminal (quiet when standard error is not one).
 */
export async function importFiles(files: string[], dbPath: string, log: Logger): Promise<ImportOutcome> {
  const out: ImportOutcome = { lines: [], problems: [], imported: [] };
  for (const file of files) {
    if (!existsSync(file)) {
      out.problems.push({ field: file, message: 'there is no such file; nothing was imported from it.' });
      continue;
    }
    try {
      const r = await importFile(dbPath, file, { progress: terminalProgress(file) });
      out.imported.push(r);
      log.info(
        { kind: r.kind, rows: r.rows, skipped: r.skipped, seconds: Math.round(r.seconds * 10) / 10 },
        'sponsor file imported',
      );
      const rate = r.seconds > 0 ? Math.round((r.rows + r.skipped + r.otherVisa) / r.seconds).toLocaleString('en-US') : '-';
      const years = r.fiscalYears.length ? `FY${r.fiscalYears.join(', FY')}` : 'no fiscal year';
      const extra = [
        r.skipped ? `${r.skipped.toLocaleString('en-US')} unreadable rows skipped` : '',
        r.otherVisa ? `${r.otherVisa.toLocaleString('en-US')} E-3 or other non-H-1B filings left out` : '',
        r.replaced ? `${r.replaced.toLocaleString('en-US')} rows from earlier imports replaced` : '',
      ].filter(Boolean);
      out.lines.push(
        `${r.file}: ${LAYOUT_NAME[r.kind]}, ${r.rows.toLocaleString('en-US')} rows stored (${years})${extra.length ? `; ${extra.join('; ')}` : ''}. ${r.seconds.toFixed(1)} s, ${rate} rows/s.`,
      );
    } catch (err) {
      out.problems.push({ field: file, message: `not imported. ${explain(err)} The database is as it was before this file.` });
      log.warn({ err: err instanceof Error ? err.name : 'error' }, 'sponsor file refused');
    }
  }
  if (out.imported.length) out.lines.push(`Sponsor data is in ${dbPath}. Try: img-advisor sponsors search "employer name"`);
  return out;
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
