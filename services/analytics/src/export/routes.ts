import type { TokenVerifier, Viewer } from '@crm/auth';
import type { Logger } from '@crm/config';
import { requireBearerViewer, sendHttpError } from '@crm/subgraph';
import type { Express, NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { ReportBucket } from '../domain/report-period';
import { salesReport } from '../domain/sales-report';
import { serviceReport } from '../domain/service-report';
import type { Table } from './cells';
import { salesTables, serviceTables } from './report-tables';
import { writeCsv, writeXlsx } from './write-table';

export interface ExportRouteDeps {
  dataSource: DataSource;
  verifyToken: TokenVerifier;
  logger: Logger;
  timeZone: string;
}

const BUCKETS: readonly ReportBucket[] = ['DAY', 'WEEK', 'MONTH'];
const FORMATS = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const fail = sendHttpError;

/** A query parameter as one string ('' when absent). */
const param = (req: Request, name: string) => {
  const value = req.query[name];
  return typeof value === 'string' ? value : '';
};
/** A comma-separated list parameter, null when absent. */
const list = (req: Request, name: string) => {
  const value = param(req, name);
  return value ? value.split(',').map((v) => v.trim()) : null;
};

class BadParameter extends Error {}

function bucketOf(req: Request): ReportBucket {
  const bucket = (param(req, 'bucket') || 'MONTH').toUpperCase();
  if (!(BUCKETS as readonly string[]).includes(bucket))
    throw new BadParameter(`bucket: ${JSON.stringify(bucket)} is not one of DAY, WEEK, MONTH`);
  return bucket as ReportBucket;
}

/**
 * GET /reports/<sales|service>.<csv|xlsx>?from=YYYY-MM-DD&to=YYYY-MM-DD[&bucket=&filters]: a
 * report as the GraphQL query computes it for the caller (same scopes, same arguments; lists as
 * comma-separated values), streamed as CSV or XLSX with formula-like text neutralised.
 */
export function exportRoutes(deps: ExportRouteDeps): (app: Express) => void {
  const { dataSource, verifyToken, logger, timeZone } = deps;

  const authenticate = requireBearerViewer(verifyToken);

  const tablesOf = async (report: string, req: Request, viewer: Viewer): Promise<Table[]> => {
    const tx = dataSource.manager;
    const period = { from: param(req, 'from'), to: param(req, 'to'), bucket: bucketOf(req) };
    if (report === 'sales')
      return salesTables(
        await salesReport(
          tx,
          viewer,
          {
            ...period,
            currency: param(req, 'currency') || 'CNY',
            filter: {
              teamIds: list(req, 'teamIds'),
              ownerIds: list(req, 'ownerIds'),
              regions: list(req, 'regions'),
              tiers: list(req, 'tiers'),
            },
          },
          timeZone,
        ),
      );
    return serviceTables(
      await serviceReport(
        tx,
        viewer,
        {
          ...period,
          filter: {
            teamIds: list(req, 'teamIds'),
            agentIds: list(req, 'agentIds'),
            regions: list(req, 'regions'),
            tiers: list(req, 'tiers'),
          },
        },
        timeZone,
      ),
    );
  };

  return (app) => {
    app.get(
      '/reports/:file',
      authenticate,
      async (req: Request<{ file: string }>, res: Response, next: NextFunction) => {
        const match = /^(sales|service)\.(csv|xlsx)$/.exec(req.params.file);
        if (!match)
          return fail(
            res,
            404,
            'NOT_FOUND',
            'reports are sales.csv, sales.xlsx, service.csv and service.xlsx',
          );
        const [, report, format] = match as unknown as [string, string, keyof typeof FORMATS];
        let tables: Table[];
        try {
          tables = await tablesOf(report, req, res.locals.viewer as Viewer);
        } catch (err) {
          if (err instanceof BadParameter) return fail(res, 400, 'BAD_USER_INPUT', err.message);
          if (err instanceof GraphQLError) {
            const code = String(err.extensions.code ?? 'BAD_USER_INPUT');
            return fail(res, code === 'FORBIDDEN' ? 403 : 400, code, err.message);
          }
          return next(err);
        }
        const name = `${report}-report-${param(req, 'from')}-${param(req, 'to')}.${format}`;
        res.status(200);
        res.setHeader('content-type', FORMATS[format]);
        res.setHeader('content-disposition', `attachment; filename="${name}"`);
        try {
          await (format === 'csv' ? writeCsv(res, tables) : writeXlsx(res, tables));
        } catch (err) {
          logger.error({ err, report, format }, 'report export failed while streaming');
          res.destroy(err as Error);
        }
      },
    );
  };
}
