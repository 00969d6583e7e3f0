import { rows, type Tx, type Where } from '@crm/database';

export type ForecastGrouping = 'REP' | 'TEAM' | 'MONTH';

export interface ForecastRow {
  month: string;
  ownerId: string | null;
  teamId: string | null;
  currency: string;
  openCount: number;
  openAmount: string;
  weightedAmount: string;
  wonCount: number;
  wonAmount: string;
}

const GROUP_COLUMNS: Record<ForecastGrouping, string[]> = {
  REP: ['owner_id', 'team_id'],
  TEAM: ['team_id'],
  MONTH: [],
};

/**
 * Open deals (amount x stage probability) bucketed by expected close month, and won deals by the
 * month they were won in the business time zone, per currency (amounts in different currencies
 * are never added). `where` (alias `o`) holds the scope and filters; months are YYYY-MM.
 */
export async function forecastRows(
  tx: Tx,
  where: Where,
  options: { groupBy: ForecastGrouping; fromMonth: string; toMonth: string; timeZone: string },
): Promise<ForecastRow[]> {
  const w = where.clone();
  w.add("o.status <> 'LOST'");
  const tz = w.param(options.timeZone);
  const from = w.param(options.fromMonth);
  const to = w.param(options.toMonth);
  const groups = GROUP_COLUMNS[options.groupBy];
  const groupList = ['d.month', ...groups.map((g) => `d.${g}`), 'd.currency'].join(', ');
  const found = await rows<{
    month: string;
    owner_id?: string | null;
    team_id?: string | null;
    currency: string;
    open_count: number;
    open_amount: string;
    weighted_amount: string;
    won_count: number;
    won_amount: string;
  }>(
    tx,
    `SELECT ${groupList},
       count(*) FILTER (WHERE d.status = 'OPEN')::int AS open_count,
       coalesce(sum(d.amount) FILTER (WHERE d.status = 'OPEN'), 0)::numeric(20, 2)::text AS open_amount,
       coalesce(round(sum(d.amount * d.probability) FILTER (WHERE d.status = 'OPEN') / 100, 2), 0)::numeric(20, 2)::text
         AS weighted_amount,
       count(*) FILTER (WHERE d.status = 'WON')::int AS won_count,
       coalesce(sum(d.amount) FILTER (WHERE d.status = 'WON'), 0)::numeric(20, 2)::text AS won_amount
     FROM (
       SELECT o.owner_id, o.team_id, o.currency, o.amount, o.status, s.probability,
         CASE WHEN o.status = 'OPEN' THEN to_char(o.expected_close_date, 'YYYY-MM')
              ELSE to_char(o.closed_at AT TIME ZONE ${tz}, 'YYYY-MM') END AS month
       FROM opportunities o JOIN opportunity_stages s ON s.id = o.stage_id
       ${w.sql()}
     ) d
     WHERE d.month BETWEEN ${from} AND ${to}
     GROUP BY ${groupList}
     ORDER BY ${groupList}`,
    w.params,
  );
  return found.map((r) => ({
    month: r.month,
    ownerId: r.owner_id ?? null,
    teamId: r.team_id ?? null,
    currency: r.currency,
    openCount: r.open_count,
    openAmount: r.open_amount,
    weightedAmount: r.weighted_amount,
    wonCount: r.won_count,
    wonAmount: r.won_amount,
  }));
}
