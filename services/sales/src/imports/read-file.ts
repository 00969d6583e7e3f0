import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { checkXlsxArchive } from './zip-guard';

export type ImportFormat = 'CSV' | 'XLSX';

/** One row of the file: its line (CSV) or row number (XLSX), and its cells as text. */
export interface FileRow {
  line: number;
  cells: string[];
}

export interface OpenedFile {
  format: ImportFormat;
  /** As detected: UTF-8, UTF-8 (BOM), UTF-16LE, UTF-16BE or GBK (read as GB18030, its superset). */
  encoding: string | null;
  rows: AsyncIterable<FileRow>;
  /** Removes what opening the file left on disk (an XLSX's temporary copy); safe to call twice. */
  close: () => Promise<void>;
}

const PEEK_BYTES = 256 * 1024;

/** Reads the first bytes and gives back a stream that still starts at the beginning. */
async function peek(source: Readable): Promise<{ head: Buffer; stream: Readable }> {
  const iterator: AsyncIterator<Buffer> = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < PEEK_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.length;
  }
  async function* replay(): AsyncGenerator<Buffer> {
    yield* chunks.splice(0);
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield next.value;
  }
  return { head: Buffer.concat(chunks), stream: Readable.from(replay(), { objectMode: false }) };
}

/** UTF-8 when the first bytes decode as UTF-8 (or carry its BOM), UTF-16 by its BOM, else GBK. */
export function detectEncoding(head: Buffer): { label: string; iconvName: string } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { label: 'UTF-8 (BOM)', iconvName: 'utf8' };
  if (head[0] === 0xff && head[1] === 0xfe) return { label: 'UTF-16LE', iconvName: 'utf16le' };
  if (head[0] === 0xfe && head[1] === 0xff) return { label: 'UTF-16BE', iconvName: 'utf16be' };
  try {
    // stream: true tolerates a character cut in half at the end of the sample
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { label: 'UTF-8', iconvName: 'utf8' };
  } catch {
    return { label: 'GBK', iconvName: 'gb18030' };
  }
}

async function* csvRows(stream: Readable, iconvName: string): AsyncGenerator<FileRow> {
  const parser = stream.pipe(iconv.decodeStream(iconvName, { stripBOM: true })).pipe(
    parse({
      delimiter: [',', '\t'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>)
    yield { line: info.lines, cells: record };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value)
      return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

async function* xlsxRows(stream: Readable): AsyncGenerator<FileRow> {
  // exceljs itself streams the zip; the archive was checked (zip-guard) before it gets here.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of workbook) {
    for await (const row of sheet) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
      if (cells.some((c) => c !== '')) yield { line: row.number, cells };
    }
    return; // the first worksheet only
  }
}

/**
 * An XLSX is written to a temporary file (the upload limit bounds it) and its archive checked
 * before exceljs reads it: the central directory, needed to know what it unzips to, is at
 * the end. `close` removes it (the check failing removes it at once).
 */
async function checkedXlsx(
  stream: Readable,
  maxUncompressedMb: number,
): Promise<Pick<OpenedFile, 'rows' | 'close'>> {
  const dir = await mkdtemp(join(tmpdir(), 'crm-import-'));
  const path = join(dir, 'upload.xlsx');
  const close = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(stream, createWriteStream(path));
    await checkXlsxArchive(path, maxUncompressedMb);
  } catch (err) {
    await close();
    throw err;
  }
  return { rows: xlsxRows(createReadStream(path)), close };
}

/** Opens an uploaded file as a stream of rows, whatever its format and encoding. */
export async function openImportFile(
  source: Readable,
  limits: { maxUncompressedMb: number },
): Promise<OpenedFile> {
  const { head, stream } = await peek(source);
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    return {
      format: 'XLSX',
      encoding: null,
      ...(await checkedXlsx(stream, limits.maxUncompressedMb)),
    };
  const encoding = detectEncoding(head);
  return {
    format: 'CSV',
    encoding: encoding.label,
    rows: csvRows(stream, encoding.iconvName),
    close: async () => {},
  };
}
