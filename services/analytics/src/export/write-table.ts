import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvLine, neutralised, type Table } from './cells';

/** Waits when the response's buffer is full, so a large export streams instead of piling up. */
function write(out: Writable, text: string): Promise<void> | void {
  if (!out.write(text)) return new Promise((resolve) => out.once('drain', resolve));
}

/** Tables as one CSV (UTF-8 with a BOM for spreadsheets): a title line, the header, the rows, a blank line. */
export async function writeCsv(out: Writable, tables: Table[]): Promise<void> {
  await write(out, '\uFEFF');
  for (const table of tables) {
    await write(out, csvLine([table.name]));
    await write(out, csvLine(table.columns));
    for (const row of table.rows) await write(out, csvLine(row));
    await write(out, '\r\n');
  }
  out.end();
}

/** Tables as an XLSX workbook, one sheet each, streamed row by row. */
export async function writeXlsx(out: Writable, tables: Table[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name);
    sheet.addRow(table.columns.map(neutralised)).commit();
    for (const row of table.rows) sheet.addRow(row.map(neutralised)).commit();
    sheet.commit();
  }
  await workbook.commit();
}
