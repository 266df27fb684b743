import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** Rows of the first sheet of a file as arrays of cells, header first; bytes read so far for progress. */
export interface RowSource {
  rows: AsyncIterable<unknown[]>;
  bytesRead(): number;
  totalBytes: number;
}

/** Counts bytes as they pass, so a progress bar knows how far into the file a streaming parser is. */
function counter(): Transform & { count: number } {
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      t.count += chunk.length;
      done(null, chunk);
    },
  }) as Transform & { count: number };
  t.count = 0;
  return t;
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
 * CSV or tab-separated text. The newer Data Hub downloads are UTF-16 with tabs even when named
 * .csv, so the encoding and the delimiter are read from the file, not its name.
 */
async function csvRows(file: string): Promise<RowSource> {
  const start = await head(file, 64 * 1024);
  const utf16 = start[0] === 0xff && start[1] === 0xfe;
  const text = utf16 ? start.toString('utf16le') : start.toString('utf8');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const bytes = counter();
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: false,
  });
  createReadStream(file, utf16 ? { encoding: 'utf16le' } : {})
    .on('error', (e) => parser.destroy(e))
    .pipe(bytes)
    .on('error', (e) => parser.destroy(e))
    .pipe(parser);
  return {
    rows: parser as AsyncIterable<unknown[]>,
    bytesRead: () => bytes.count * (utf16 ? 2 : 1),
    totalBytes: statSync(file).size,
  };
}

/**
 * The first worksheet of an .xlsx, streamed: exceljs's WorkbookReader without styles (dates come
 * as Excel serial numbers, which parseDate reads) or hyperlinks, the two costly extras.
 */
async function xlsxRows(file: string): Promise<RowSource> {
  const bytes = counter();
  const input = createReadStream(file);
  input.on('error', (e) => bytes.destroy(e));
  input.pipe(bytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(bytes, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'emit',
  });
  async function* rows(): AsyncGenerator<unknown[]> {
    for await (const sheet of reader) {
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        // exceljs numbers cells from 1; shift so column 0 is the first, like CSV.
        const values = row.values as unknown[];
        const out = values.slice(1).map((v) => cellValue(v));
        yield out;
      }
      return;
    }
  }
  return { rows: rows(), bytesRead: () => bytes.count, totalBytes: statSync(file).size };
}

/** Rich text and formula cells carry their text one level down. */
function cellValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || v instanceof Date) return v;
  const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[] };
  if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
  if (o.result !== undefined) return o.result;
  if (o.text !== undefined) return o.text;
  return String(v);
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
