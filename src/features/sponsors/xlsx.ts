import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

/**
 * The first worksheet of an .xlsx, streamed and cut down to the columns the importer asks for.
 * yauzl opens the zip from its central directory (a download cut short has none and is refused
 * before anything is read) and inflates one part at a time; saxes reads the XML. exceljs's
 * WorkbookReader builds an object for every one of the ~100 cells of every row, which made it
 * the whole cost of an import; here a cell outside the wanted columns is passed over.
 */
export interface XlsxReader {
  /** Rows as arrays of cells (column A is 0): strings and numbers (dates stay Excel serial numbers). */
  each(onRows: (rows: unknown[][]) => void): Promise<void>;
  /** After the header: keep only these columns (others come back undefined). */
  keepOnly(columns: number[]): void;
  bytesRead(): number;
}

const openZip = (file: string) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (err, zip) => (err ? reject(err) : resolve(zip))),
  );

async function entriesOf(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  const out = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      out.set(e.fileName.replace(/^\//, ''), e);
      zip.readEntry();
    });
    zip.once('end', () => resolve());
    zip.once('error', reject);
    zip.readEntry();
  });
  return out;
}

/** Feeds one part of the zip through a fresh SAX parser. */
function parsePart(zip: yauzl.ZipFile, entry: yauzl.Entry, setup: (p: SaxesParser) => void, onBytes?: (n: number) => void) {
  return new Promise<void>((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      // No line and column tracking: nothing reports them, and it is work on every character.
      const parser = new SaxesParser({ position: false });
      setup(parser);
      parser.on('error', (e) => {
        stream.destroy();
        reject(e);
      });
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        onBytes?.(chunk.length);
        try {
          parser.write(chunk);
        } catch (e) {
          stream.destroy();
          reject(e);
        }
      });
      stream.on('error', reject);
      stream.on('end', () => {
        try {
          parser.close();
          resolve();
        } catch (e) {
          reject(e);
        }
      });
    });
  });
}

/** Reads a small part whole, for the workbook and its relationships. */
async function partText(zip: yauzl.ZipFile, entry: yauzl.Entry | undefined): Promise<string> {
  if (!entry) return '';
  return new Promise<string>((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      const parts: Buffer[] = [];
      stream.on('data', (c: Buffer) => parts.push(c));
      stream.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
      stream.on('error', reject);
    }),
  );
}

/** The path of the first sheet in workbook order, from the workbook and its relationships. */
async function firstSheet(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>): Promise<string | undefined> {
  const workbook = await partText(zip, entries.get('xl/workbook.xml'));
  const rels = await partText(zip, entries.get('xl/_rels/workbook.xml.rels'));
  const id = /<(?:\w+:)?sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
  const rel = id ? new RegExp(`<Relationship\\b[^>]*\\bId="${id}"[^>]*>`).exec(rels)?.[0] : undefined;
  const target = rel ? /\bTarget="([^"]+)"/.exec(rel)?.[1] : undefined;
  if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  return [...entries.keys()].filter((k) => /^xl\/worksheets\/[^/]+\.xml$/.test(k)).sort()[0];
}

/** "AB12" -> 27: the zero-based column of a cell reference. */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

export async function openXlsx(file: string): Promise<XlsxReader> {
  const zip = await openZip(file);
  let read = 0;
  let wanted: Set<number> | null = null;
  return {
    bytesRead: () => read,
    keepOnly(columns) {
      wanted = new Set(columns);
    },
    async each(onRows) {
      try {
        const entries = await entriesOf(zip);
        const sheetPath = await firstSheet(zip, entries);
        const sheet = sheetPath ? entries.get(sheetPath) : undefined;
        if (!sheet) throw new Error('invalid zip: the workbook has no worksheet');
        // Shared strings first: the sheet refers to them by number.
        const shared: string[] = [];
        const sst = entries.get('xl/sharedStrings.xml');
        if (sst) {
          await parsePart(zip, sst, (p) => {
            let inText = false;
            let inPhonetic = false;
            let current = '';
            p.on('opentag', (t) => {
              if (t.name === 'si') current = '';
              else if (t.name === 't' && !inPhonetic) inText = true;
              else if (t.name === 'rPh') inPhonetic = true;
            });
            p.on('text', (s) => {
              if (inText) current += s;
            });
            p.on('closetag', (t) => {
              if (t.name === 't') inText = false;
              else if (t.name === 'rPh') inPhonetic = false;
              else if (t.name === 'si') shared.push(current);
            });
          });
        }
        const total = Math.max(1, sheet.compressedSize);
        const scale = (n: number) => n * (sheet.compressedSize / Math.max(1, sheet.uncompressedSize));
        let batch: unknown[][] = [];
        await parsePart(
          zip,
          sheet,
          (p) => {
            let row: unknown[] = [];
            let col = -1;
            let type = '';
            let keep = false;
            let inValue = false;
            let value = '';
            p.on('opentag', (t) => {
              const name = t.name;
              if (name === 'c') {
                const ref = t.attributes.r as string | undefined;
                col = ref ? columnOf(ref) : col + 1;
                keep = wanted === null || wanted.has(col);
                type = (t.attributes.t as string | undefined) ?? 'n';
                value = '';
              } else if (keep && (name === 'v' || name === 't')) inValue = true;
              else if (name === 'row') {
                row = [];
                col = -1;
              }
            });
            p.on('text', (s) => {
              if (inValue) value += s;
            });
            p.on('closetag', (t) => {
              const name = t.name;
              if (name === 'v' || name === 't') inValue = false;
              else if (name === 'c') {
                if (keep && value !== '') {
                  row[col] = type === 's' ? shared[Number(value)] : type === 'n' ? Number(value) : value;
                }
              } else if (name === 'row') {
                batch.push(row);
                if (batch.length >= 500) {
                  onRows(batch);
                  batch = [];
                }
              }
            });
          },
          (n) => {
            read = Math.min(total, read + scale(n));
          },
        );
        if (batch.length) onRows(batch);
      } finally {
        zip.close();
      }
    },
  };
}
