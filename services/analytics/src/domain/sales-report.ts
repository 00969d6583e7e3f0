import type { Viewer } from '@crm/auth';
import type { Tx } from '@crm/database';
import { badInput, requireIds } from '@crm/subgraph';
import {
  funnelStageOpportunityIds,
  salesFunnel,
  salesSeries,
  salesSummary,
  salesWhere,
  wonOpportunityIds,
} from '../db/sales-report';
import {
  previousPeriod,
  ratio,
  reportPeriod,
  round,
  type Period,
  type ReportBucket,
} from './report-period';
import { restrictReport } from './report-scope';

export interface SalesReportArgs {
  from: string;
  to: string;
  bucket: ReportBucket;
  currency: string;
  filter?: {
    teamIds?: readonly string[] | null;
    ownerIds?: readonly string[] | null;
    regions?: readonly string[] | null;
    tiers?: readonly string[] | null;
  } | null;
}

export interface Money {
  amount: string;
  currency: string;
}

/** A federated opportunity: the gateway fetches its details from sales. */
export interface OpportunityRef {
  id: string;
}

export interface SalesSummary extends Period {
  created: number;
  won: number;
  lost: number;
  winRate: number | null;
  averageSalesCycleDays: number | null;
  wonAmount: Money;
  forecastAmount: Money;
  forecastAchievement: number | null;
  /** The opportunities won in the period, most recent first, up to `first` (queried on demand). */
  wonOpportunities(first: number): Promise<OpportunityRef[]>;
}

export interface FunnelStage {
  stage: string;
  probability: number;
  count: number;
  amount: Money;
  conversionToNext: number | null;
  cumulativeConversion: number | null;
  /** The opportunities counted at this stage, newest first, up to `first` (queried on demand). */
  opportunities(first: number): Promise<OpportunityRef[]>;
}

export interface SalesReport extends Period {
  bucket: ReportBucket;
  timeZone: string;
  currency: string;
  current: SalesSummary;
  previous: SalesSummary;
  funnel: FunnelStage[];
  series: { start: string; created: number; won: number; lost: number; wonAmount: Money }[];
}

const refs = (ids: string[]): OpportunityRef[] => ids.map((id) => ({ id }));

/** The sales report for a period, narrowed by the filter and the viewer's scope. */
export async function salesReport(
  tx: Tx,
  viewer: Viewer,
  args: SalesReportArgs,
  timeZone: string,
): Promise<SalesReport> {
  const period = reportPeriod(args.from, args.to);
  if (!/^[A-Z]{3}$/.test(args.currency))
    throw badInput(`currency: ${JSON.stringify(args.currency)} is not an ISO 4217 code`);
  const f = args.filter ?? {};
  requireIds({ 'filter.teamIds': f.teamIds, 'filter.ownerIds': f.ownerIds });
  const where = salesWhere(args.currency);
  if (f.teamIds?.length) where.add('o.team_id = ANY(?::uuid[])', f.teamIds);
  if (f.ownerIds?.length) where.add('o.owner_id = ANY(?::uuid[])', f.ownerIds);
  if (f.regions?.length) where.add('d.region = ANY(?::text[])', f.regions);
  if (f.tiers?.length) where.add('d.tier = ANY(?::text[])', f.tiers);
  restrictReport(viewer, where, 'o.owner_id', 'o.team_id');
  const money = (amount: string): Money => ({ amount, currency: args.currency });

  const summary = async (p: Period): Promise<SalesSummary> => {
    const s = await salesSummary(tx, where, p, timeZone);
    return {
      ...p,
      created: s.created,
      won: s.won,
      lost: s.lost,
      winRate: ratio(s.won, s.won + s.lost),
      averageSalesCycleDays: round(s.cycle_days, 2),
      wonAmount: money(s.won_amount),
      forecastAmount: money(s.forecast_amount),
      forecastAchievement: ratio(Number(s.won_amount), Number(s.forecast_amount)),
      wonOpportunities: async (first) =>
        refs(await wonOpportunityIds(tx, where, p, timeZone, Math.max(0, first))),
    };
  };
  const stages = await salesFunnel(tx, where, period, timeZone);
  const first = stages[0]?.count ?? 0;
  return {
    ...period,
    bucket: args.bucket,
    timeZone,
    currency: args.currency,
    current: await summary(period),
    previous: await summary(previousPeriod(period)),
    funnel: stages.map((s, i) => ({
      stage: s.stage,
      probability: s.probability,
      count: s.count,
      amount: money(s.amount),
      conversionToNext: i + 1 < stages.length ? ratio(stages[i + 1].count, s.count) : null,
      cumulativeConversion: ratio(s.count, first),
      opportunities: async (first: number) =>
        refs(
          await funnelStageOpportunityIds(
            tx,
            where,
            period,
            timeZone,
            s.probability,
            Math.max(0, first),
          ),
        ),
    })),
    series: (await salesSeries(tx, where, period, timeZone, args.bucket)).map((b) => ({
      start: b.start,
      created: b.created,
      won: b.won,
      lost: b.lost,
      wonAmount: money(b.won_amount),
    })),
  };
}
