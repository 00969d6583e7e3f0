import { scopeOf, type Viewer } from '@crm/auth';
import { Where } from '@crm/database';
import { badInput, forbidden } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { forecastRows, type ForecastGrouping, type ForecastRow } from '../../db/forecast';
import { pipelineRules } from '../../env';
import { addDecimal } from './decimal';
import { restrictAssigned } from './scope';

export interface ForecastArgs {
  fromMonth: string;
  toMonth: string;
  groupBy?: ForecastGrouping | null;
  ownerIds?: string[] | null;
  teamIds?: string[] | null;
}

export type ForecastTotalRow = ForecastRow & { forecastAmount: string };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The weighted pipeline and forecast in the viewer's scope (a rep their own deals, a manager
 * their teams', executives all): per month and rep, team or month alone, per currency.
 */
export async function salesForecast(
  dataSource: DataSource,
  viewer: Viewer,
  args: ForecastArgs,
): Promise<ForecastTotalRow[]> {
  const scope = scopeOf(viewer, 'opportunities.read');
  if (scope === 'none') throw forbidden('your roles cannot see the sales forecast');
  if (!MONTH.test(args.fromMonth) || !MONTH.test(args.toMonth) || args.fromMonth > args.toMonth)
    throw badInput('fromMonth and toMonth must be months like 2026-01, fromMonth first');
  const where = new Where();
  restrictAssigned(where, viewer, scope, { owner: 'o.owner_id', team: 'o.team_id' });
  if (args.ownerIds?.length) where.add('o.owner_id = ANY(?::uuid[])', args.ownerIds);
  if (args.teamIds?.length) where.add('o.team_id = ANY(?::uuid[])', args.teamIds);
  const found = await forecastRows(dataSource.manager, where, {
    groupBy: args.groupBy ?? 'REP',
    fromMonth: args.fromMonth,
    toMonth: args.toMonth,
    timeZone: pipelineRules().BUSINESS_TIMEZONE,
  });
  return found.map((r) => ({ ...r, forecastAmount: addDecimal(r.weightedAmount, r.wonAmount) }));
}
