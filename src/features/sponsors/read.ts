import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import Papa from 'papaparse';
import { openXlsx } from './xlsx.js';

/**
 * The rows of the first sheet of a file as arrays of cells, header first, handed over in batches.
 * Push, not pull: the importer stores each batch synchronously inside the parser's callback, so
 * the parser never runs ahead of the database (no queue, bounded memory) and no row pays for an
 * await. An error thrown by `onRows` stops the reading and rejects `each`.
 */
export interface RowSource {
  each(onRows: (rows: unknown[][]) => void): Promise<void>;
  /** Called once the header is known, from inside `onRows`: the reader may skip every other column. */
  keepOnly?(columns: number[]): void;
  /** How far into the file the reader is (bytes, or characters for a text file), for progress. */
  bytesRead(): number;
  totalBytes: number;
}

async function head(file: string, n: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * CSV or tab-separated text, through papaparse: about five times csv-parse's speed on a 97-column
 * LCA file (its unquoted fast path slices fields with indexOf), and it streams from a Node file
 * stream. The newer Data Hub downloads are UTF-16 with tabs even when named .csv, so the encoding
 * and the delimiter are read from the file, not its name.
 */
const PIECE = 64 * 1024;

async function csvRows(file: string): Promise<RowSource> {
  const start = await head(file, 64 * 1024);
  const utf16 = start[0] === 0xff && start[1] === 0xfe;
  const text = utf16 ? start.toString('utf16le') : start.toString('utf8');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  let read = 0;
  return {
    totalBytes: statSync(file).size,
    bytesRead: () => read,
    each(onRows) {
      return new Promise<void>((resolve, reject) => {
        // 64 KiB chunks: papaparse re-joins the partial last line of each chunk; 1 MiB chunks measured 3x slower.
        const input = createReadStream(file, { encoding: utf16 ? 'utf16le' : 'utf8', highWaterMark: PIECE });
        let failed = false;
        const fail = (err: unknown) => {
          if (failed) return;
          failed = true;
          input.destroy();
          reject(err);
        };
        input.on('data', (chunk) => {
          read += chunk.length * (utf16 ? 2 : 1);
        });
        input.on('error', fail);
        Papa.parse<unknown[]>(input as unknown as File, {
          delimiter,
          skipEmptyLines: true,
          chunk(results, parser) {
            if (failed) return;
            try {
              // A quote left open runs to the end of the file: a download cut short, not a quirk to relax.
              if (results.errors.some((e) => e.code === 'MissingQuotes')) {
                throw new FileFormatError('The file ends inside a quoted field (an interrupted download?). Download it again.');
              }
              if (results.data.length) onRows(results.data);
            } catch (err) {
              // Failed first: abort() calls complete(), which must not resolve.
              fail(err);
              parser.abort();
            }
          },
          complete() {
            if (!failed) resolve();
          },
          error(err: Error) {
            fail(err);
          },
        });
      });
    },
  };
}

/** The first worksheet of an .xlsx (see xlsx.ts: only the wanted columns are kept once the header is known). */
async function xlsxRows(file: string): Promise<RowSource> {
  const reader = await openXlsx(file);
  return {
    totalBytes: statSync(file).size,
    bytesRead: reader.bytesRead,
    each: (onRows) => reader.each(onRows),
    keepOnly: (columns) => reader.keepOnly(columns),
  };
}

export class FileFormatError extends Error {}

/**
 * A complete zip ends with its central directory record. A download cut short has none, and the
 * streaming reader would wait for the missing entries forever instead of failing.
 */
async function zipComplete(file: string): Promise<boolean> {
  const size = statSync(file).size;
  const n = Math.min(size, 65_557);
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    await fh.read(buf, 0, n, size - n);
    for (let i = n - 22; i >= 0; i--) if (buf.readUInt32LE(i) === 0x06054b50) return true;
    return false;
  } finally {
    await fh.close();
  }
}

/** Picks the reader from the file's first bytes: a zip is a workbook, anything else is text. */
export async function openRows(file: string): Promise<RowSource> {
  const start = await head(file, 4);
  if (start[0] === 0x50 && start[1] === 0x4b) {
    if (!(await zipComplete(file))) {
      throw new FileFormatError('The workbook ends early or is damaged (an interrupted download?). Download it again.');
    }
    return xlsxRows(file);
  }
  if (start[0] === 0xd0 && start[1] === 0xcf) {
    throw new FileFormatError(
      'This is an old binary Excel file (.xls). Open it in a spreadsheet and save it as .xlsx or .csv first.',
    );
  }
  return csvRows(file);
}
