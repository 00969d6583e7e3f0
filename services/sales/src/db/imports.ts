import { rows, type Tx } from '@crm/database';

export type ImportStatus = 'VALIDATING' | 'VALIDATED' | 'COMMITTING' | 'COMMITTED' | 'FAILED';
export type ImportRowStatus = 'VALID' | 'INVALID' | 'DUPLICATE' | 'IMPORTED' | 'FAILED';

export interface CustomerImport {
  id: string;
  status: ImportStatus;
  fileName: string | null;
  format: string | null;
  encoding: string | null;
  totalRows: number;
  validRows: number;
  invalidRows: number;
  duplicateRows: number;
  processedRows: number;
  importedRows: number;
  failedRows: number;
  ownerId: string | null;
  teamId: string | null;
  error: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** A problem of one row, as the person who uploaded the file reads it. */
export interface RowProblem {
  column: string | null;
  code: string;
  message: string;
}

/** One staged row of the file (what the dry run found). */
export interface StagedRow {
  line: number;
  status: ImportRowStatus;
  data: unknown;
  nameKey: string | null;
  phoneKeys: string[];
  emailKeys: string[];
  problems: RowProblem[];
  duplicateOfLine?: number | null;
  duplicateCustomerId: string | null;
}

const COLUMNS = `id, status, file_name, format, encoding, total_rows, valid_rows, invalid_rows, duplicate_rows,
  processed_rows, imported_rows, failed_rows, owner_id, team_id, error, created_by, created_at, updated_at, finished_at`;

interface ImportRow {
  id: string;
  status: ImportStatus;
  file_name: string | null;
  format: string | null;
  encoding: string | null;
  total_rows: number;
  valid_rows: number;
  invalid_rows: number;
  duplicate_rows: number;
  processed_rows: number;
  imported_rows: number;
  failed_rows: number;
  owner_id: string | null;
  team_id: string | null;
  error: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

const toImport = (r: ImportRow): CustomerImport => ({
  id: r.id,
  status: r.status,
  fileName: r.file_name,
  format: r.format,
  encoding: r.encoding,
  totalRows: r.total_rows,
  validRows: r.valid_rows,
  invalidRows: r.invalid_rows,
  duplicateRows: r.duplicate_rows,
  processedRows: r.processed_rows,
  importedRows: r.imported_rows,
  failedRows: r.failed_rows,
  ownerId: r.owner_id,
  teamId: r.team_id,
  error: r.error,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  finishedAt: r.finished_at,
});

export async function insertImport(
  tx: Tx,
  i: {
    id: string;
    fileName: string | null;
    createdBy: string;
    ownerId: string | null;
    teamId: string | null;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO customer_imports (id, status, file_name, created_by, owner_id, team_id) VALUES ($1, 'VALIDATING', $2, $3, $4, $5)`,
    [i.id, i.fileName, i.createdBy, i.ownerId, i.teamId],
  );
}

export async function findImport(
  tx: Tx,
  id: string,
  forUpdate = false,
): Promise<CustomerImport | null> {
  const found = await rows<ImportRow>(
    tx,
    `SELECT ${COLUMNS} FROM customer_imports WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return found[0] ? toImport(found[0]) : null;
}

/** Sets the given columns (snake_case) of an import. */
export async function updateImport(
  tx: Tx,
  id: string,
  set: Partial<Record<'status' | 'format' | 'encoding' | 'error', string | null>> & {
    processedRows?: number;
    totalRows?: number;
    finished?: boolean;
  },
): Promise<CustomerImport> {
  const found = await rows<ImportRow>(
    tx,
    `UPDATE customer_imports SET status = coalesce($2, status), format = coalesce($3, format), encoding = coalesce($4, encoding),
       error = coalesce($5, error), processed_rows = coalesce($6, processed_rows), total_rows = coalesce($7, total_rows),
       finished_at = CASE WHEN $8 THEN now() ELSE finished_at END, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [
      id,
      set.status ?? null,
      set.format ?? null,
      set.encoding ?? null,
      set.error ?? null,
      set.processedRows ?? null,
      set.totalRows ?? null,
      set.finished ?? false,
    ],
  );
  return toImport(found[0]);
}

/** Recounts the rows by status into the import's counters. */
export async function recountImport(tx: Tx, id: string): Promise<void> {
  await tx.query(
    `UPDATE customer_imports i SET valid_rows = s.valid, invalid_rows = s.invalid, duplicate_rows = s.duplicate,
       imported_rows = s.imported, failed_rows = s.failed, updated_at = now()
     FROM (SELECT count(*) FILTER (WHERE status IN ('VALID', 'IMPORTED', 'FAILED'))::int AS valid,
                  count(*) FILTER (WHERE status = 'INVALID')::int AS invalid,
                  count(*) FILTER (WHERE status = 'DUPLICATE')::int AS duplicate,
                  count(*) FILTER (WHERE status = 'IMPORTED')::int AS imported,
                  count(*) FILTER (WHERE status = 'FAILED')::int AS failed
           FROM customer_import_rows WHERE import_id = $1) s
     WHERE i.id = $1`,
    [id],
  );
}

/** Stages a batch of rows with one statement. */
export async function insertImportRows(
  tx: Tx,
  importId: string,
  batch: StagedRow[],
): Promise<void> {
  await tx.query(
    `INSERT INTO customer_import_rows (import_id, line, status, data, name_key, phone_keys, email_keys, problems, duplicate_customer_id)
     SELECT $1, x.line, x.status, x.data, x.name_key, x.phone_keys, x.email_keys, coalesce(x.problems, '[]'), x.duplicate_customer_id
     FROM jsonb_to_recordset($2::jsonb) AS x(line int, status text, data jsonb, name_key text, phone_keys text[],
       email_keys text[], problems jsonb, duplicate_customer_id uuid)`,
    [
      importId,
      JSON.stringify(
        batch.map((r) => ({
          line: r.line,
          status: r.status,
          data: r.data,
          name_key: r.nameKey,
          phone_keys: r.phoneKeys,
          email_keys: r.emailKeys,
          problems: r.problems,
          duplicate_customer_id: r.duplicateCustomerId,
        })),
      ),
    ],
  );
}

/**
 * Marks valid rows that repeat a phone, email or company name key of an earlier valid row of
 * the same file; one set-based statement, however large the file.
 */
export async function markDuplicatesWithinFile(tx: Tx, importId: string): Promise<void> {
  await tx.query(
    `WITH k AS (
       SELECT line, 'phone' AS what, unnest(phone_keys) AS key FROM customer_import_rows WHERE import_id = $1 AND status = 'VALID'
       UNION ALL SELECT line, 'email', unnest(email_keys) FROM customer_import_rows WHERE import_id = $1 AND status = 'VALID'
       UNION ALL SELECT line, 'name', name_key FROM customer_import_rows WHERE import_id = $1 AND status = 'VALID' AND name_key IS NOT NULL
     ), firsts AS (
       SELECT line, what, min(line) OVER (PARTITION BY what, key) AS first_line FROM k
     ), dup AS (
       SELECT DISTINCT ON (line) line, what, first_line FROM firsts WHERE first_line < line ORDER BY line, first_line
     )
     UPDATE customer_import_rows r SET status = 'DUPLICATE', duplicate_of_line = dup.first_line,
       problems = jsonb_build_array(jsonb_build_object('column', NULL, 'code', 'DUPLICATE',
         'message', format('the same %s as line %s of this file', dup.what, dup.first_line)))
     FROM dup WHERE r.import_id = $1 AND r.line = dup.line`,
    [importId],
  );
}

export interface ImportProblemRow {
  line: number;
  status: ImportRowStatus;
  problems: RowProblem[];
  duplicateOfLine: number | null;
  duplicateCustomerId: string | null;
}

/** Rows that will not (or did not) import, by line, after `afterLine`. */
export async function findImportProblems(
  tx: Tx,
  importId: string,
  page: { afterLine: number; limit: number },
): Promise<{ rows: ImportProblemRow[]; total: number }> {
  // the count row comes back even when the page is empty
  const found = await rows<{
    total: number;
    line: number | null;
    status: ImportRowStatus;
    problems: RowProblem[];
    duplicate_of_line: number | null;
    duplicate_customer_id: string | null;
  }>(
    tx,
    `WITH problem_rows AS (
       SELECT line, status, problems, duplicate_of_line, duplicate_customer_id FROM customer_import_rows
       WHERE import_id = $1 AND status IN ('INVALID', 'DUPLICATE', 'FAILED')
     )
     SELECT t.total, p.* FROM (SELECT count(*)::int AS total FROM problem_rows) t
     LEFT JOIN LATERAL (SELECT * FROM problem_rows WHERE line > $2 ORDER BY line LIMIT $3) p ON true`,
    [importId, page.afterLine, page.limit],
  );
  const problems = found.filter((r) => r.line !== null);
  return {
    total: found[0]?.total ?? 0,
    rows: problems.map((r) => ({
      line: r.line as number,
      status: r.status,
      problems: r.problems,
      duplicateOfLine: r.duplicate_of_line,
      duplicateCustomerId: r.duplicate_customer_id,
    })),
  };
}
