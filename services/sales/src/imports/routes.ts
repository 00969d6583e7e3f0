import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { hasRole, scopeOf, type TokenVerifier, type Viewer } from '@crm/auth';
import type { Logger } from '@crm/config';
import { newId } from '@crm/database';
import { requireBearerViewer, sendHttpError } from '@crm/subgraph';
import busboy from 'busboy';
import type { Express, NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { findDirectoryEmployee } from '../db/directory';
import {
  findImport,
  findImportProblems,
  insertImport,
  updateImport,
  type CustomerImport,
} from '../db/imports';
import { commitImport } from './commit';
import { ImportFileError, ImportTooLargeError, stageImport } from './dry-run';
import { importReport } from './report';

export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export interface ImportRouteDeps {
  dataSource: DataSource;
  verifyToken: TokenVerifier;
  logger: Logger;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const fail = sendHttpError;

/** Who may see and commit an import: its uploader, and roles that reach every customer. */
export function mayUseImport(viewer: Viewer, imp: CustomerImport): boolean {
  return imp.createdBy === viewer.id || scopeOf(viewer, 'customers.write') === 'all';
}

/** The file part of a multipart upload, as a stream, once busboy finds it. */
function filePart(
  headers: IncomingHttpHeaders,
  req: Request,
): Promise<{ name: string | null; stream: Readable; tooLarge: () => boolean }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES } });
    } catch (err) {
      reject(
        new ImportFileError(
          `send the file as multipart/form-data in a field named "file" (${(err as Error).message})`,
        ),
      );
      return;
    }
    let found = false;
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || found) {
        stream.resume();
        return;
      }
      found = true;
      let truncated = false;
      stream.on('limit', () => (truncated = true));
      resolve({ name: info.filename ?? null, stream, tooLarge: () => truncated });
    });
    parser.on('close', () => {
      if (!found)
        reject(new ImportFileError('no file: send it in a multipart/form-data field named "file"'));
    });
    parser.on('error', (err: Error) =>
      reject(new ImportFileError(`the upload could not be read: ${err.message}`)),
    );
    req.pipe(parser);
  });
}

/**
 * POST /imports/customers (multipart, field `file`): a dry run that reports every row's problems
 * and duplicates and stages the valid rows; POST /imports/:id/commit imports them in the
 * background; GET /imports/:id shows progress and problems (?after=<line>&first=<n>).
 */
export function importRoutes(deps: ImportRouteDeps): (app: Express) => void {
  const { dataSource, verifyToken, logger } = deps;

  const signedIn = requireBearerViewer(verifyToken);
  const mayImport = (_req: Request, res: Response, next: NextFunction) => {
    if (scopeOf(res.locals.viewer as Viewer, 'customers.write') === 'none')
      return fail(res, 403, 'FORBIDDEN', 'your roles cannot import customers');
    next();
  };
  const authenticate = [signedIn, mayImport];

  async function report(
    res: Response,
    id: string,
    status = 200,
    page = { afterLine: 0, limit: 100 },
  ) {
    const imp = await findImport(dataSource.manager, id);
    if (!imp) return fail(res, 404, 'NOT_FOUND', `no import ${id}`);
    const { rows: problems } = await findImportProblems(dataSource.manager, id, {
      ...page,
      limit: page.limit + 1,
    });
    res
      .status(status)
      .json(importReport(imp, problems.slice(0, page.limit), problems.length > page.limit));
  }

  async function upload(req: Request, res: Response) {
    const viewer = res.locals.viewer as Viewer;
    let part: Awaited<ReturnType<typeof filePart>>;
    try {
      part = await filePart(req.headers, req);
    } catch (err) {
      if (err instanceof ImportFileError) return fail(res, 400, 'BAD_REQUEST', err.message);
      throw err;
    }
    const id = newId();
    const me = await findDirectoryEmployee(dataSource.manager, viewer.id);
    const sales = hasRole(viewer, 'SALES_REP', 'SALES_MANAGER');
    await insertImport(dataSource.manager, {
      id,
      fileName: part.name,
      createdBy: viewer.id,
      ownerId: sales ? viewer.id : null,
      teamId: sales ? (me?.teamId ?? viewer.teamId) : null,
    });
    const uploadTooLarge = () =>
      new ImportTooLargeError(
        `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB, the limit for an upload`,
      );
    try {
      const { ignoredColumns } = await stageImport(dataSource, viewer, id, part.stream);
      if (part.tooLarge()) throw uploadTooLarge();
      if (ignoredColumns.length)
        res.setHeader('x-ignored-columns', encodeURIComponent(ignoredColumns.join(',')));
      return report(res, id);
    } catch (caught) {
      part.stream.resume();
      // A cut-off upload fails to parse (an XLSX loses its central directory): say why.
      const err = part.tooLarge() ? uploadTooLarge() : caught;
      const message =
        err instanceof ImportFileError
          ? err.message
          : `the file could not be read: ${(err as Error).message}`;
      if (!(err instanceof ImportFileError))
        logger.warn({ err, importId: id }, 'import dry run failed');
      await updateImport(dataSource.manager, id, {
        status: 'FAILED',
        error: message,
        finished: true,
      });
      return report(res, id, err instanceof ImportTooLargeError ? 413 : 400);
    }
  }

  async function commit(req: Request, res: Response) {
    const viewer = res.locals.viewer as Viewer;
    const id = String(req.params.id);
    if (!UUID.test(id)) return fail(res, 404, 'NOT_FOUND', `no import ${id}`);
    const started = await dataSource.transaction(async (tx) => {
      const imp = await findImport(tx, id, true);
      if (!imp || !mayUseImport(viewer, imp)) return 'missing';
      if (imp.status !== 'VALIDATED') return imp.status;
      await updateImport(tx, id, { status: 'COMMITTING', processedRows: 0 });
      return 'started';
    });
    if (started === 'missing') return fail(res, 404, 'NOT_FOUND', `no import ${id} of yours`);
    if (started !== 'started')
      return fail(
        res,
        409,
        'CONFLICT',
        `import ${id} is ${started}; only a VALIDATED import can be committed`,
      );
    void commitImport(dataSource, id, logger).catch(async (err: Error) => {
      logger.error({ err, importId: id }, 'import commit failed');
      await updateImport(dataSource.manager, id, {
        status: 'FAILED',
        error: err.message,
        finished: true,
      });
    });
    return report(res, id, 202);
  }

  async function show(req: Request, res: Response) {
    const viewer = res.locals.viewer as Viewer;
    const id = String(req.params.id);
    const imp = UUID.test(id) ? await findImport(dataSource.manager, id) : null;
    if (!imp || !mayUseImport(viewer, imp))
      return fail(res, 404, 'NOT_FOUND', `no import ${id} of yours`);
    const afterLine = Number(req.query.after ?? 0) || 0;
    const limit = Math.min(Math.max(Number(req.query.first ?? 100) || 100, 1), 1_000);
    return report(res, id, 200, { afterLine, limit });
  }

  const safe =
    (handler: (req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response, next: NextFunction) =>
      handler(req, res).catch(next);

  return (app) => {
    app.post('/imports/customers', authenticate, safe(upload));
    app.post('/imports/:id/commit', authenticate, safe(commit));
    app.get('/imports/:id', authenticate, safe(show));
  };
}
