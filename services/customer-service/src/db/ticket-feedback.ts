import { rows, type Tx } from '@crm/database';
import type { capturedFeedbackKinds } from '@crm/events';

export interface TicketFeedback {
  id: string;
  ticketId: string;
  kind: (typeof capturedFeedbackKinds)[number];
  title: string;
  text: string;
  flaggedBy: string;
  flaggedAt: Date;
}

export async function insertTicketFeedback(
  tx: Tx,
  f: Omit<TicketFeedback, 'flaggedAt'>,
): Promise<TicketFeedback> {
  const [row] = await rows<{ flagged_at: Date }>(
    tx,
    `INSERT INTO ticket_feedback (id, ticket_id, kind, title, text, flagged_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING flagged_at`,
    [f.id, f.ticketId, f.kind, f.title, f.text, f.flaggedBy],
  );
  return { ...f, flaggedAt: row.flagged_at };
}

/** What was flagged on many tickets, in one statement, oldest first. */
export async function findFeedbackOfTickets(
  tx: Tx,
  ticketIds: readonly string[],
): Promise<TicketFeedback[]> {
  return rows<TicketFeedback>(
    tx,
    `SELECT id, ticket_id AS "ticketId", kind, title, text, flagged_by AS "flaggedBy",
            flagged_at AS "flaggedAt"
     FROM ticket_feedback WHERE ticket_id = ANY($1::uuid[]) ORDER BY flagged_at, id`,
    [ticketIds],
  );
}
