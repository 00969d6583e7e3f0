import { rows, Where, type Tx } from '@crm/database';
import type { Period, ReportBucket } from '../domain/report-period';

/** A condition over opportunity_facts `o` joined with customer_dims `d`, starting with the currency. */
export function salesWhere(currency: string): Where {
  return new Where().add('o.currency = ?', currency);
}

/**
 * The scoped opportunities created, closed or expected to close in the period as a CTE named
 * opps, flagged `created_in` and `closed_in`. The bounds are plain expressions (not a joined
 * CTE) so that the indexes on the creation and closing times serve the range conditions.
 */
function oppsCte(where: Where, period: Period, tz: string) {
  const w = where.clone();
  const from = w.param(period.from);
  const to = w.param(period.to);
  const zone = w.param(tz);
  const start = `((${from}::date)::timestamp AT TIME ZONE ${zone})`;
  const end = `((${to}::date + 1)::timestamp AT TIME ZONE ${zone})`;
  const created = `(o.created_at >= ${start} AND o.created_at < ${end})`;
  const closed = `(o.closed_at >= ${start} AND o.closed_at < ${end})`;
  w.add(`(${created} OR ${closed} OR o.expected_close_date BETWEEN ${from}::date AND ${to}::date)`);
  return {
    params: w.params,
    zone,
    from,
    to,
    sql: `WITH opps AS (
        SELECT o.*, coalesce(${created}, false) AS created_in, coalesce(${closed}, false) AS closed_in
        FROM opportunity_facts o LEFT JOIN customer_dims d ON d.customer_id = o.customer_id
        ${w.sql()}
      )`,
  };
}

export interface SalesSummaryRow {
  created: number;
  won: number;
  lost: number;
  won_amount: string;
  cycle_days: number | null;
  forecast_amount: string;
}

export async function salesSummary(
  tx: Tx,
  where: Where,
  period: Period,
  tz: string,
): Promise<SalesSummaryRow> {
  const cte = oppsCte(where, period, tz);
  const [row] = await rows<SalesSummaryRow>(
    tx,
    `${cte.sql}
     SELECT count(*) FILTER (WHERE created_in)::int AS created,
       count(*) FILTER (WHERE status = 'WON' AND closed_in)::int AS won,
       count(*) FILTER (WHERE status = 'LOST' AND closed_in)::int AS lost,
       coalesce(sum(amount) FILTER (WHERE status = 'WON' AND closed_in), 0)::numeric(20, 2)::text AS won_amount,
       (avg(extract(epoch FROM closed_at - created_at) / 86400)
         FILTER (WHERE status = 'WON' AND closed_in AND created_at IS NOT NULL))::float8 AS cycle_days,
       (coalesce(sum(amount) FILTER (WHERE status = 'WON' AND closed_in), 0)
         + coalesce(sum(amount * coalesce(probability, 0) / 100.0)
             FILTER (WHERE status = 'OPEN' AND expected_close_date BETWEEN ${cte.from}::date AND ${cte.to}::date), 0)
       )::numeric(20, 2)::text AS forecast_amount
     FROM opps`,
    cte.params,
  );
  return row;
}

/**
 * The drill-down of a summary: the opportunities won in the period, most recent first, up to
 * `first`. A query of its own, run only when a client asks for them: aggregating every id of a
 * year into the summary cost more than all its figures together.
 */
export async function wonOpportunityIds(
  tx: Tx,
  where: Where,
  period: Period,
  tz: string,
  first: number,
): Promise<string[]> {
  const cte = oppsCte(where, period, tz);
  const limit = cte.params.length + 1;
  const found = await rows<{ opportunity_id: string }>(
    tx,
    `${cte.sql}
     SELECT opportunity_id FROM opps WHERE status = 'WON' AND closed_in
     ORDER BY closed_at DESC, opportunity_id LIMIT $${limit}`,
    [...cte.params, first],
  );
  return found.map((r) => r.opportunity_id);
}

export interface FunnelRow {
  stage: string;
  probability: number;
  count: number;
  amount: string;
}

/**
 * The opps CTE plus `reach`: each opportunity created in the period with the highest win
 * probability among the open stages it reached (`top`; 100 when won).
 */
function reachCte(where: Where, period: Period, tz: string) {
  const cte = oppsCte(where, period, tz);
  return {
    ...cte,
    sql: `${cte.sql},
     reach AS (
       SELECT o.opportunity_id, o.amount, o.created_at,
         CASE WHEN o.status = 'WON' THEN 100
              ELSE coalesce(max(sp.probability)
                     FILTER (WHERE sp.probability < 100 AND sp.stage NOT IN ('WON', 'LOST')), 0) END AS top
       FROM opps o
       LEFT JOIN opportunity_stage_reached r ON r.opportunity_id = o.opportunity_id
       LEFT JOIN stage_probability sp ON sp.stage = r.stage
       WHERE o.created_in
       GROUP BY o.opportunity_id, o.amount, o.status, o.created_at
     )`,
  };
}

/**
 * Opportunities created in the period by the furthest stage they reached: each open stage any
 * of them went through (by win probability), then WON. An opportunity counts at each stage up
 * to its furthest, so a stage it skipped still counts it.
 */
export async function salesFunnel(
  tx: Tx,
  where: Where,
  period: Period,
  tz: string,
): Promise<FunnelRow[]> {
  const cte = reachCte(where, period, tz);
  return rows<FunnelRow>(
    tx,
    `${cte.sql},
     -- the open stages these opportunities went through (by win probability), then WON; the
     -- closing stages are known by their keys, whatever probability an event gave them
     stages AS (
       SELECT DISTINCT sp.stage, sp.probability
       FROM opps o
       JOIN opportunity_stage_reached r ON r.opportunity_id = o.opportunity_id
       JOIN stage_probability sp ON sp.stage = r.stage
       WHERE o.created_in AND sp.probability > 0 AND sp.probability < 100
         AND sp.stage NOT IN ('WON', 'LOST')
       UNION ALL SELECT 'WON', 100
     )
     SELECT s.stage, s.probability, count(r.opportunity_id)::int AS count,
       coalesce(sum(r.amount), 0)::numeric(20, 2)::text AS amount
     FROM stages s LEFT JOIN reach r ON r.top >= s.probability
     GROUP BY s.stage, s.probability
     ORDER BY s.probability, s.stage`,
    cte.params,
  );
}

/** The drill-down of a funnel stage: the opportunities counted at it, newest first, up to `first`. */
export async function funnelStageOpportunityIds(
  tx: Tx,
  where: Where,
  period: Period,
  tz: string,
  probability: number,
  first: number,
): Promise<string[]> {
  const cte = reachCte(where, period, tz);
  const n = cte.params.length;
  const found = await rows<{ opportunity_id: string }>(
    tx,
    `${cte.sql}
     SELECT opportunity_id FROM reach WHERE top >= $${n + 1}
     ORDER BY created_at DESC, opportunity_id LIMIT $${n + 2}`,
    [...cte.params, probability, first],
  );
  return found.map((r) => r.opportunity_id);
}

export interface SalesBucketRow {
  start: string;
  created: number;
  won: number;
  lost: number;
  won_amount: string;
}

const UNITS: Record<ReportBucket, string> = { DAY: 'day', WEEK: 'week', MONTH: 'month' };

/** Created, won and lost opportunities by bucket of the business time zone (empty buckets too). */
export async function salesSeries(
  tx: Tx,
  where: Where,
  period: Period,
  tz: string,
  bucket: ReportBucket,
): Promise<SalesBucketRow[]> {
  const cte = oppsCte(where, period, tz);
  const unit = `'${UNITS[bucket]}'`;
  return rows<SalesBucketRow>(
    tx,
    `${cte.sql},
     buckets AS (
       SELECT generate_series(date_trunc(${unit}, ${cte.from}::date::timestamp), ${cte.to}::date::timestamp,
         ('1 ' || ${unit})::interval)::date AS start
     ),
     happened AS (
       SELECT date_trunc(${unit}, created_at AT TIME ZONE ${cte.zone})::date AS start, 1 AS created, 0 AS won,
         0 AS lost, 0::numeric AS won_amount
       FROM opps WHERE created_in
       UNION ALL
       SELECT date_trunc(${unit}, closed_at AT TIME ZONE ${cte.zone})::date, 0, (status = 'WON')::int,
         (status = 'LOST')::int, CASE WHEN status = 'WON' THEN amount ELSE 0 END
       FROM opps WHERE closed_in AND status IN ('WON', 'LOST')
     )
     SELECT b.start::text AS start, coalesce(sum(h.created), 0)::int AS created, coalesce(sum(h.won), 0)::int AS won,
       coalesce(sum(h.lost), 0)::int AS lost, coalesce(sum(h.won_amount), 0)::numeric(20, 2)::text AS won_amount
     FROM buckets b LEFT JOIN happened h ON h.start = b.start
     GROUP BY b.start ORDER BY b.start`,
    cte.params,
  );
}
