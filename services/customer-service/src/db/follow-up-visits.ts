import { rows, type Tx } from '@crm/database';

export type VisitStatus = 'SCHEDULED' | 'DONE';
export type VisitResult = 'SATISFIED' | 'NOT_SATISFIED' | 'UNREACHABLE';
/** Why the visit is made: after a resolved ticket, or because the customer may leave. */
export type VisitReason = 'AFTER_TICKET' | 'CHURN_RISK';

export interface FollowUpVisit {
  id: string;
  reason: VisitReason;
  /** The resolved ticket of an AFTER_TICKET visit; null for a CHURN_RISK visit. */
  ticketId: string | null;
  /** The customer.health_changed event of a CHURN_RISK visit; null otherwise. */
  healthEventId: string | null;
  customerId: string;
  assigneeId: string | null;
  dueAt: Date;
  status: VisitStatus;
  result: VisitResult | null;
  notes: string | null;
  remindedAt: Date | null;
  doneAt: Date | null;
  doneBy: string | null;
}

/** A visit after a ticket (AFTER_TICKET): its ticket is known. */
export type TicketVisit = FollowUpVisit & { ticketId: string };

const COLUMNS = `id, reason, ticket_id AS "ticketId", health_event_id AS "healthEventId", customer_id AS "customerId", assignee_id AS "assigneeId",
  due_at AS "dueAt", status, result, notes, reminded_at AS "remindedAt", done_at AS "doneAt", done_by AS "doneBy"`;

/** Schedules a visit unless the ticket has one scheduled; returns the new one (null if kept). */
export async function insertVisitOnce(
  tx: Tx,
  v: Pick<FollowUpVisit, 'id' | 'customerId' | 'assigneeId' | 'dueAt'> & { ticketId: string },
): Promise<FollowUpVisit | null> {
  const found = await rows<FollowUpVisit>(
    tx,
    `INSERT INTO follow_up_visits (id, reason, ticket_id, customer_id, assignee_id, due_at, status)
     VALUES ($1, 'AFTER_TICKET', $2, $3, $4, $5, 'SCHEDULED')
     ON CONFLICT (ticket_id) WHERE status = 'SCHEDULED' DO NOTHING RETURNING ${COLUMNS}`,
    [v.id, v.ticketId, v.customerId, v.assigneeId, v.dueAt],
  );
  return found[0] ?? null;
}

/** A churn visit for a health change, unless that change has one already (null then). */
export async function insertChurnVisitOnce(
  tx: Tx,
  v: Pick<FollowUpVisit, 'id' | 'customerId' | 'assigneeId' | 'dueAt'> & { healthEventId: string },
): Promise<FollowUpVisit | null> {
  const found = await rows<FollowUpVisit>(
    tx,
    `INSERT INTO follow_up_visits (id, reason, health_event_id, customer_id, assignee_id, due_at, status)
     VALUES ($1, 'CHURN_RISK', $2, $3, $4, $5, 'SCHEDULED')
     ON CONFLICT (health_event_id) DO NOTHING RETURNING ${COLUMNS}`,
    [v.id, v.healthEventId, v.customerId, v.assigneeId, v.dueAt],
  );
  return found[0] ?? null;
}

/** The customer's scheduled churn visit, if one is open. */
export async function findOpenChurnVisit(
  tx: Tx,
  customerId: string,
): Promise<FollowUpVisit | null> {
  const found = await rows<FollowUpVisit>(
    tx,
    `SELECT ${COLUMNS} FROM follow_up_visits
     WHERE customer_id = $1 AND reason = 'CHURN_RISK' AND status = 'SCHEDULED' LIMIT 1`,
    [customerId],
  );
  return found[0] ?? null;
}

export async function lockVisit(tx: Tx, id: string): Promise<FollowUpVisit | null> {
  const found = await rows<FollowUpVisit>(
    tx,
    `SELECT ${COLUMNS} FROM follow_up_visits WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return found[0] ?? null;
}

export async function saveVisit(tx: Tx, v: FollowUpVisit): Promise<FollowUpVisit> {
  const found = await rows<FollowUpVisit>(
    tx,
    `UPDATE follow_up_visits SET status = $2, result = $3, notes = $4, reminded_at = $5, done_at = $6, done_by = $7
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [v.id, v.status, v.result, v.notes, v.remindedAt, v.doneAt, v.doneBy],
  );
  return found[0];
}

export async function findVisitsOfTickets(
  tx: Tx,
  ticketIds: readonly string[],
): Promise<TicketVisit[]> {
  return rows<TicketVisit>(
    tx,
    `SELECT ${COLUMNS} FROM follow_up_visits WHERE ticket_id = ANY($1::uuid[]) ORDER BY ticket_id, due_at, id`,
    [ticketIds],
  );
}

export interface VisitFilter {
  status: VisitStatus;
  assigneeId: string | null;
  customerId: string | null;
}

/** Visits in one status, soonest first; of one assignee and of one customer when given. */
export async function listVisits(
  tx: Tx,
  { status, assigneeId, customerId }: VisitFilter,
  limit: number,
): Promise<FollowUpVisit[]> {
  return rows<FollowUpVisit>(
    tx,
    `SELECT ${COLUMNS} FROM follow_up_visits WHERE status = $1 AND ($2::uuid IS NULL OR assignee_id = $2)
     AND ($3::uuid IS NULL OR customer_id = $3)
     ORDER BY due_at, id LIMIT $4`,
    [status, assigneeId, customerId, limit],
  );
}
