import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { importFile } from '../src/features/sponsors/import.js';

/**
 * One measurement in a fresh process, so its peak RSS is its own: `import FILE DB` or a
 * baseline: `read FILE` (csv-parse, or exceljs for .xlsx) or `read-papaparse FILE` (the parser the import uses), no database. Prints one JSON line.
 */
async function readOnly(file: string, parser: 'csv-parse' | 'papaparse'): Promise<number> {
  let rows = 0;
  if (parser === 'papaparse') {
    await new Promise<void>((resolve, reject) => {
      const input = createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
      Papa.parse<unknown[]>(input as unknown as File, {
        chunk: (r) => {
          rows += r.data.length;
        },
        complete: () => resolve(),
        error: reject,
      });
    });
    return rows - 1;
  }
  if (file.endsWith('.xlsx')) {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      styles: 'ignore',
      hyperlinks: 'ignore',
      worksheets: 'emit',
    });
    for await (const sheet of reader) {
      for await (const _row of sheet as unknown as AsyncIterable<unknown>) rows++;
      break;
    }
    return rows - 1;
  }
  for await (const _r of createReadStream(file).pipe(parse({ relax_column_count: true }))) rows++;
  return rows - 1;
}

const [mode, file, db] = process.argv.slice(2);
const started = performance.now();
let rows = 0;
if (mode === 'import' && file && db) rows = (await importFile(db, file)).rows;
else if (mode === 'read' && file) rows = await readOnly(file, 'csv-parse');
else if (mode === 'read-papaparse' && file) rows = await readOnly(file, 'papaparse');
else throw new Error('usage: sponsors-child import FILE DB | read FILE | read-papaparse FILE');
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ rows, seconds, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
