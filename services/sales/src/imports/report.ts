import type { CustomerImport, ImportProblemRow } from '../db/imports';

/** What GET /imports/:id answers (and what the upload and commit answer too). */
export function importReport(imp: CustomerImport, problems: ImportProblemRow[], more: boolean) {
  const committing = imp.status === 'COMMITTING' || imp.status === 'COMMITTED';
  return {
    id: imp.id,
    status: imp.status,
    fileName: imp.fileName,
    format: imp.format,
    encoding: imp.encoding,
    progress: {
      phase: committing ? 'COMMIT' : 'DRY_RUN',
      processedRows: imp.processedRows,
      // the dry run learns the total as it reads; the commit knows it: the valid rows
      totalRows: committing ? imp.validRows : imp.totalRows,
    },
    summary: {
      totalRows: imp.totalRows,
      validRows: imp.validRows,
      invalidRows: imp.invalidRows,
      duplicateRows: imp.duplicateRows,
      importedRows: imp.importedRows,
      failedRows: imp.failedRows,
    },
    error: imp.error,
    createdAt: imp.createdAt,
    finishedAt: imp.finishedAt,
    problems: problems.map((p) => ({
      line: p.line,
      status: p.status,
      duplicateOfLine: p.duplicateOfLine,
      problems: p.problems,
    })),
    moreProblems: more,
  };
}
