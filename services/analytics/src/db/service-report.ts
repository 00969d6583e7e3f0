import { rows, Where, type Tx } from '@crm/database';
import type { Period, ReportBucket } from '../domain/report-period';

// Every query reads a ticket-like table `x` with customer_id and an agent column, joined with the
// customer (replica `r`, dims `d`) and the agent's team (`e`): the filter and scope conditions
// of a service report are written over those aliases.

function boundsCte(w: Where, period: Period, tz: string) {
  const from = w.param(period.from);
  const to = w.param(period.to);
  const zone = w.param(tz);
  return {
    zone,
    from,
    to,
    sql: `bounds AS (
        SELECT (${from}::date)::timestamp AT TIME ZONE ${zone} AS start_at,
               (${to}::date + 1)::timestamp AT TIME ZONE ${zone} AS end_at
      )`,
  };
}

const joins = (agent: string) => `
  LEFT JOIN customer_replica r ON r.id = x.customer_id
  LEFT JOIN customer_dims d ON d.customer_id = x.customer_id
  LEFT JOIN employee_dims e ON e.employee_id = x.${agent}`;

export interface AgentFiguresRow {
  agent_id: string | null;
  team_id: string | null;
  opened: number;
  resolved: number;
  first_response_breaches: number;
  resolution_breaches: number;
  csat_answers: number;
  csat_sum: number;
}

/** Ticket and CSAT figures of the period by agent (and the agent's team). */
export async function serviceFiguresByAgent(
  tx: Tx,
  where: Where,
  period: Period,
  tz: string,
): Promise<AgentFiguresRow[]> {
  const w = where.clone();
  const bounds = boundsCte(w, period, tz);
  return rows<AgentFiguresRow>(
    tx,
    `WITH ${bounds.sql},
     tickets AS (
       SELECT x.assignee_id AS agent_id, e.team_id,
         (x.opened_at >= b.start_at AND x.opened_at < b.end_at) AS opened_in,
         (x.resolved_at >= b.start_at AND x.resolved_at < b.end_at) AS resolved_in,
         EXISTS (SELECT 1 FROM sla_breaches s WHERE s.ticket_id = x.ticket_id AND s.target = 'FIRST_RESPONSE') AS fr,
         EXISTS (SELECT 1 FROM sla_breaches s WHERE s.ticket_id = x.ticket_id AND s.target = 'RESOLUTION') AS res
       FROM ticket_facts x ${joins('assignee_id')}, bounds b
       ${w.sql()}
     ),
     answers AS (
       SELECT x.assignee_id AS agent_id, e.team_id, x.score
       FROM csat_facts x ${joins('assignee_id')}, bounds b
       ${w.clone().add('x.answered_at >= b.start_at AND x.answered_at < b.end_at').sql()}
     ),
     per_agent AS (
       SELECT agent_id, team_id, count(*) FILTER (WHERE opened_in) AS opened,
         count(*) FILTER (WHERE resolved_in) AS resolved,
         count(*) FILTER (WHERE opened_in AND fr) AS first_response_breaches,
         count(*) FILTER (WHERE opened_in AND res) AS resolution_breaches,
         0 AS csat_answers, 0 AS csat_sum
       FROM tickets WHERE opened_in OR resolved_in GROUP BY agent_id, team_id
       UNION ALL
       SELECT agent_id, team_id, 0, 0, 0, 0, count(*), sum(score) FROM answers GROUP BY agent_id, team_id
     )
     SELECT agent_id, team_id, sum(opened)::int AS opened, sum(resolved)::int AS resolved,
       sum(first_response_breaches)::int AS first_response_breaches,
       sum(resolution_breaches)::int AS resolution_breaches,
       sum(csat_answers)::int AS csat_answers, sum(csat_sum)::int AS csat_sum
     FROM per_agent GROUP BY agent_id, team_id
     ORDER BY sum(opened) DESC, agent_id NULLS LAST`,
    w.params,
  );
}

export async function csatDistribution(
  tx: Tx,
  where: Where,
  period: Period,
  tz: string,
): Promise<{ score: number; count: number }[]> {
  const w = where.clone();
  const bounds = boundsCte(w, period, tz);
  return rows(
    tx,
    `WITH ${bounds.sql}
     SELECT s.score, count(x.survey_id)::int AS count
     FROM generate_series(1, 5) AS s (score)
     LEFT JOIN (
       SELECT x.survey_id, x.score FROM csat_facts x ${joins('assignee_id')}, bounds b
       ${w.clone().add('x.answered_at >= b.start_at AND x.answered_at < b.end_at').sql()}
     ) x ON x.score = s.score
     GROUP BY s.score ORDER BY s.score`,
    w.params,
  );
}

export interface BreachRow {
  ticket_id: string;
  customer_id: string;
  target: string;
  priority: string;
  due_at: Date;
  breached_at: Date;
  agent_id: string | null;
}

/** SLA targets first missed in the period, oldest first. */
export async function slaBreachesIn(
  tx: Tx,
  where: Where,
  period: Period,
  tz: string,
  limit: number,
): Promise<BreachRow[]> {
  const w = where.clone();
  const bounds = boundsCte(w, period, tz);
  const found = w.clone().add('x.breached_at >= b.start_at AND x.breached_at < b.end_at');
  return rows<BreachRow>(
    tx,
    `WITH ${bounds.sql}
     SELECT x.ticket_id, x.customer_id, x.target, x.priority, x.due_at, x.breached_at, x.assignee_id AS agent_id
     FROM sla_breaches x ${joins('assignee_id')}, bounds b
     ${found.sql()}
     ORDER BY x.breached_at, x.ticket_id, x.target LIMIT ${found.param(limit)}`,
    found.params,
  );
}

export interface ServiceBucketRow {
  start: string;
  opened: number;
  resolved: number;
  csat_answers: number;
  csat_average: number | null;
}

const UNITS: Record<ReportBucket, string> = { DAY: 'day', WEEK: 'week', MONTH: 'month' };

/** Opened, resolved and CSAT by bucket of the business time zone (empty buckets too). */
export async function serviceSeries(
  tx: Tx,
  where: Where,
  period: Period,
  tz: string,
  bucket: ReportBucket,
): Promise<ServiceBucketRow[]> {
  const w = where.clone();
  const bounds = boundsCte(w, period, tz);
  const unit = `'${UNITS[bucket]}'`;
  const local = (column: string) =>
    `date_trunc(${unit}, ${column} AT TIME ZONE ${bounds.zone})::date`;
  const within = (column: string) => `${column} >= b.start_at AND ${column} < b.end_at`;
  return rows<ServiceBucketRow>(
    tx,
    `WITH ${bounds.sql},
     buckets AS (
       SELECT generate_series(date_trunc(${unit}, ${bounds.from}::date::timestamp), ${bounds.to}::date::timestamp,
         ('1 ' || ${unit})::interval)::date AS start
     ),
     happened AS (
       SELECT ${local('x.opened_at')} AS start, 1 AS opened, 0 AS resolved, NULL::int AS score
       FROM ticket_facts x ${joins('assignee_id')}, bounds b ${w.clone().add(within('x.opened_at')).sql()}
       UNION ALL
       SELECT ${local('x.resolved_at')}, 0, 1, NULL
       FROM ticket_facts x ${joins('assignee_id')}, bounds b ${w.clone().add(within('x.resolved_at')).sql()}
       UNION ALL
       SELECT ${local('x.answered_at')}, 0, 0, x.score
       FROM csat_facts x ${joins('assignee_id')}, bounds b ${w.clone().add(within('x.answered_at')).sql()}
     )
     SELECT bk.start::text AS start, coalesce(sum(h.opened), 0)::int AS opened,
       coalesce(sum(h.resolved), 0)::int AS resolved, count(h.score)::int AS csat_answers,
       (avg(h.score))::float8 AS csat_average
     FROM buckets bk LEFT JOIN happened h ON h.start = bk.start
     GROUP BY bk.start ORDER BY bk.start`,
    w.params,
  );
}
