import type { Ownership } from '@crm/auth';
import { rows, type Tx } from '@crm/database';
import type { HealthFacts } from '../domain/health';

/** What analytics knows about one customer: the health facts and, when replicated, the owners. */
export interface CustomerFacts extends HealthFacts {
  customerId: string;
  /** Null when sales' customer events have not reached analytics (only other departments' did). */
  ownership: Ownership | null;
}

interface FactsRow {
  customer_id: string;
  replicated: boolean;
  tier: string | null;
  owner_id: string | null;
  backup_owner_id: string | null;
  team_id: string | null;
  last_activity_at: Date | null;
  open_tickets: number;
  urgent_open_tickets: number;
  tickets_last_90_days: number;
  feedback_count: number;
  sla_breaches: number;
  csat_average: number | null;
  won: number;
  lost: number;
}

/**
 * Every customer analytics has heard of (in the replica or in any event), with its facts as of
 * `now`; `ids` narrows it to those customers. One statement however many customers.
 */
export async function findCustomerFacts(
  tx: Tx,
  now: Date,
  ids: readonly string[] | null,
): Promise<CustomerFacts[]> {
  const found = await rows<FactsRow>(
    tx,
    `WITH known AS (
       SELECT id FROM customer_replica WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[])
       UNION
       SELECT customer_id FROM customer_activity WHERE $1::uuid[] IS NULL OR customer_id = ANY($1::uuid[])
     ),
     tickets AS (
       SELECT customer_id,
         count(*) FILTER (WHERE status IN ('OPEN', 'PENDING'))::int AS open_tickets,
         count(*) FILTER (WHERE status IN ('OPEN', 'PENDING') AND priority = 'URGENT')::int AS urgent_open_tickets,
         count(*) FILTER (WHERE opened_at > $2::timestamptz - interval '90 days')::int AS tickets_last_90_days
       FROM ticket_facts WHERE customer_id IN (SELECT id FROM known) GROUP BY customer_id
     ),
     feedback AS (
       SELECT customer_id, count(*)::int AS feedback_count
       FROM feedback_facts WHERE customer_id IN (SELECT id FROM known) GROUP BY customer_id
     ),
     breaches AS (
       SELECT customer_id, count(*)::int AS sla_breaches
       FROM sla_breaches WHERE customer_id IN (SELECT id FROM known)
         AND breached_at > $2::timestamptz - interval '90 days' AND breached_at <= $2::timestamptz
       GROUP BY customer_id
     ),
     csat AS (
       SELECT customer_id, avg(score)::float8 AS csat_average
       FROM csat_facts WHERE customer_id IN (SELECT id FROM known)
         AND answered_at > $2::timestamptz - interval '90 days' AND answered_at <= $2::timestamptz
       GROUP BY customer_id
     ),
     deals AS (
       SELECT customer_id, count(*) FILTER (WHERE status = 'WON')::int AS won,
         count(*) FILTER (WHERE status = 'LOST')::int AS lost
       FROM opportunity_facts WHERE customer_id IN (SELECT id FROM known)
         AND closed_at > $2::timestamptz - interval '365 days' AND closed_at <= $2::timestamptz
       GROUP BY customer_id
     )
     SELECT k.id AS customer_id, r.id IS NOT NULL AS replicated, r.tier, r.owner_id, r.backup_owner_id, r.team_id,
       a.last_activity_at, coalesce(t.open_tickets, 0) AS open_tickets,
       coalesce(t.urgent_open_tickets, 0) AS urgent_open_tickets,
       coalesce(t.tickets_last_90_days, 0) AS tickets_last_90_days, coalesce(f.feedback_count, 0) AS feedback_count,
       coalesce(b.sla_breaches, 0) AS sla_breaches, c.csat_average, coalesce(o.won, 0) AS won,
       coalesce(o.lost, 0) AS lost
     FROM known k
     LEFT JOIN customer_replica r ON r.id = k.id
     LEFT JOIN customer_activity a ON a.customer_id = k.id
     LEFT JOIN tickets t ON t.customer_id = k.id
     LEFT JOIN feedback f ON f.customer_id = k.id
     LEFT JOIN breaches b ON b.customer_id = k.id
     LEFT JOIN csat c ON c.customer_id = k.id
     LEFT JOIN deals o ON o.customer_id = k.id`,
    [ids, now],
  );
  return found.map((r) => ({
    customerId: r.customer_id,
    ownership: r.replicated
      ? { ownerId: r.owner_id, backupOwnerId: r.backup_owner_id, teamId: r.team_id }
      : null,
    tier: r.tier,
    lastActivityAt: r.last_activity_at,
    openTickets: r.open_tickets,
    urgentOpenTickets: r.urgent_open_tickets,
    ticketsLast90Days: r.tickets_last_90_days,
    feedbackCount: r.feedback_count,
    slaBreachesLast90Days: r.sla_breaches,
    csatAverageLast90Days: r.csat_average,
    wonLast365Days: r.won,
    lostLast365Days: r.lost,
  }));
}
