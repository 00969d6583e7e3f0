import type { Readable } from 'node:stream';
import type { Viewer } from '@crm/auth';
import { inTransaction } from '@crm/database';
import type { DataSource } from 'typeorm';
import { pipelineRules } from '../env';
import { findKeyMatches, type KeyMatch } from '../db/customer-keys';
import {
  insertImportRows,
  markDuplicatesWithinFile,
  recountImport,
  updateImport,
  type StagedRow,
} from '../db/imports';
import { duplicateError } from '../domain/duplicates';
import { mapColumns, type ColumnMap, type ImportField } from './columns';
import { ImportFileError, ImportTooLargeError } from './import-errors';
import { openImportFile, type OpenedFile } from './read-file';
import { checkRow, type CheckedRow } from './row-input';

export const STAGE_BATCH = 1_000;

/** Cells one row may have (the known columns are about twenty). */
export const MAX_IMPORT_COLUMNS = 200;

export { ImportFileError, ImportTooLargeError } from './import-errors';

interface Checked {
  line: number;
  row: CheckedRow;
}

/** Which key of a row met an existing customer, as the column the user knows. */
function firstMatch(
  row: Extract<CheckedRow, { ok: true }>,
  byKey: Map<string, KeyMatch>,
): { match: KeyMatch; field: ImportField } | null {
  for (const k of row.phoneKeys) {
    const m = byKey.get(`PHONE:${k}`);
    if (m)
      return { match: m, field: row.data.customer.phone?.e164 === k ? 'phone' : 'contactPhone' };
  }
  for (const k of row.emailKeys) {
    const m = byKey.get(`EMAIL:${k}`);
    if (m) return { match: m, field: row.data.customer.email === k ? 'email' : 'contactEmail' };
  }
  const m = row.nameKey ? byKey.get(`NAME:${row.nameKey}`) : undefined;
  return m ? { match: m, field: 'name' } : null;
}

/** Stages one batch: duplicates against the database with one query, the rows with one insert. */
async function stageBatch(
  dataSource: DataSource,
  viewer: Viewer,
  importId: string,
  columns: ColumnMap,
  batch: Checked[],
  processed: number,
): Promise<void> {
  await inTransaction(dataSource, async (tx) => {
    const valid = batch.flatMap((b) => (b.row.ok ? [b.row] : []));
    const matches = await findKeyMatches(tx, {
      phoneKeys: valid.flatMap((r) => r.phoneKeys),
      emailKeys: valid.flatMap((r) => r.emailKeys),
      nameKeys: valid.flatMap((r) => (r.nameKey ? [r.nameKey] : [])),
    });
    const byKey = new Map<string, KeyMatch>();
    for (const m of matches)
      if (!byKey.has(`${m.reason}:${m.key}`)) byKey.set(`${m.reason}:${m.key}`, m);
    const staged: StagedRow[] = batch.map(({ line, row }) => {
      if (!row.ok)
        return {
          line,
          status: 'INVALID',
          data: null,
          nameKey: null,
          phoneKeys: [],
          emailKeys: [],
          problems: row.problems,
          duplicateCustomerId: null,
        };
      const dup = firstMatch(row, byKey);
      const label = columns.headers.get(dup?.field ?? 'name') ?? 'name';
      return {
        line,
        status: dup ? 'DUPLICATE' : 'VALID',
        data: row.data,
        nameKey: row.nameKey,
        phoneKeys: row.phoneKeys,
        emailKeys: row.emailKeys,
        problems: dup
          ? [
              {
                column: label,
                code: 'DUPLICATE',
                message: duplicateError(viewer, label, dup.match).message,
              },
            ]
          : [],
        duplicateCustomerId: dup?.match.customerId ?? null,
      };
    });
    await insertImportRows(tx, importId, staged);
    await updateImport(tx, importId, { processedRows: processed, totalRows: processed });
  });
}

/** The rows of an opened file, checked and staged batch by batch (see stageImport). */
async function stageRows(
  dataSource: DataSource,
  viewer: Viewer,
  importId: string,
  file: OpenedFile,
  maxRows: number,
): Promise<{ ignoredColumns: string[] }> {
  await updateImport(dataSource.manager, importId, {
    format: file.format,
    encoding: file.encoding,
  });
  let columns: ColumnMap | null = null;
  let batch: Checked[] = [];
  let processed = 0;
  for await (const { line, cells } of file.rows) {
    if (cells.length > MAX_IMPORT_COLUMNS)
      throw new ImportTooLargeError(
        `line ${line} has ${cells.length} columns; the limit is ${MAX_IMPORT_COLUMNS} columns`,
      );
    if (!columns) {
      columns = mapColumns(cells);
      if (!columns.headers.has('name'))
        throw new ImportFileError(
          `line ${line}: the header row needs a customer name column (客户名称 or name); found ${cells.filter(Boolean).join(', ') || 'nothing'}`,
        );
      continue;
    }
    const values: Partial<Record<ImportField, string>> = {};
    for (const [index, field] of columns.fields) values[field] = (cells[index] ?? '').trim();
    if (!Object.values(values).some(Boolean)) continue;
    if (processed >= maxRows)
      throw new ImportTooLargeError(
        `the file has more than ${maxRows} data rows; the limit is ${maxRows} rows per import`,
      );
    batch.push({ line, row: checkRow(values, columns) });
    processed++;
    if (batch.length >= STAGE_BATCH) {
      await stageBatch(dataSource, viewer, importId, columns, batch, processed);
      batch = [];
    }
  }
  if (!columns) throw new ImportFileError('the file is empty: it needs a header row and data rows');
  if (batch.length) await stageBatch(dataSource, viewer, importId, columns, batch, processed);
  await inTransaction(dataSource, async (tx) => {
    await markDuplicatesWithinFile(tx, importId);
    await recountImport(tx, importId);
    await updateImport(tx, importId, {
      status: 'VALIDATED',
      totalRows: processed,
      processedRows: processed,
    });
  });
  return { ignoredColumns: columns.unknown };
}

/**
 * The dry run: streams the file, validates each row with the rules of createCustomer and
 * addContact, finds duplicates against the database (per batch) and within the file (one
 * statement at the end), and stages the rows for the commit. Keeps one batch in memory.
 */
export async function stageImport(
  dataSource: DataSource,
  viewer: Viewer,
  importId: string,
  source: Readable,
): Promise<{ ignoredColumns: string[] }> {
  const { IMPORT_MAX_ROWS: maxRows, IMPORT_MAX_UNCOMPRESSED_MB: maxUncompressedMb } =
    pipelineRules();
  const file = await openImportFile(source, { maxUncompressedMb });
  try {
    return await stageRows(dataSource, viewer, importId, file, maxRows);
  } finally {
    await file.close();
  }
}
