import { rows, type Tx } from '@crm/database';

export type VisitStatus = 'SCHEDULED' | 'DONE';
export type VisitResult = 'SATISFIED' | 'NOT_SATISFIED' | 'UNREACHABLE';

export interface FollowUpVisit {
  id: string;
  ticketId: string;
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

const COLUMNS = `id, ticket_id AS "ticketId", customer_id AS "customerId", assignee_id AS "assigneeId",
  due_at AS "dueAt", status, result, notes, reminded_at AS "remindedAt", done_at AS "doneAt", done_by AS "doneBy"`;

/** Schedules a visit unless the ticket has one scheduled; returns the new one (null if kept). */
export async function insertVisitOnce(
  tx: Tx,
  v: Pick<FollowUpVisit, 'id' | 'ticketId' | 'customerId' | 'assigneeId' | 'dueAt'>,
): Promise<FollowUpVisit | null> {
  const found = await rows<FollowUpVisit>(
    tx,
    `INSERT INTO follow_up_visits (id, ticket_id, customer_id, assignee_id, due_at, status)
     VALUES ($1, $2, $3, $4, $5, 'SCHEDULED')
     ON CONFLICT (ticket_id) WHERE status = 'SCHEDULED' DO NOTHING RETURNING ${COLUMNS}`,
    [v.id, v.ticketId, v.customerId, v.assigneeId, v.dueAt],
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
): Promise<FollowUpVisit[]> {
  return rows<FollowUpVisit>(
    tx,
    `SELECT ${COLUMNS} FROM follow_up_visits WHERE ticket_id = ANY($1::uuid[]) ORDER BY ticket_id, due_at, id`,
    [ticketIds],
  );
}

/** Visits in one status, soonest first; of one assignee when given. */
export async function listVisits(
  tx: Tx,
  status: VisitStatus,
  assigneeId: string | null,
  limit: number,
): Promise<FollowUpVisit[]> {
  return rows<FollowUpVisit>(
    tx,
    `SELECT ${COLUMNS} FROM follow_up_visits WHERE status = $1 AND ($2::uuid IS NULL OR assignee_id = $2)
     ORDER BY due_at, id LIMIT $3`,
    [status, assigneeId, limit],
  );
}
