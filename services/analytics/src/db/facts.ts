import type { Tx } from '@crm/database';

/** A ticket as analytics keeps it; an older version than the stored one changes nothing. */
export async function upsertTicketFact(
  tx: Tx,
  t: {
    ticketId: string;
    customerId: string;
    status: string;
    priority: string;
    openedAt: string;
    assigneeId: string | null;
    resolvedAt: string | null;
    version: number;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO ticket_facts (ticket_id, customer_id, status, priority, opened_at, version, assignee_id, resolved_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (ticket_id) DO UPDATE SET customer_id = $2, status = $3, priority = $4, opened_at = $5, version = $6,
       assignee_id = $7, resolved_at = $8
     WHERE ticket_facts.version < $6`,
    [
      t.ticketId,
      t.customerId,
      t.status,
      t.priority,
      t.openedAt,
      t.version,
      t.assigneeId,
      t.resolvedAt,
    ],
  );
}

/** A feedback item as analytics keeps it; an older version than the stored one changes nothing. */
export async function upsertFeedbackFact(
  tx: Tx,
  f: {
    feedbackId: string;
    customerId: string;
    kind: string;
    status: string;
    recordedAt: string;
    version: number;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO feedback_facts (feedback_id, customer_id, kind, status, recorded_at, version)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (feedback_id) DO UPDATE SET customer_id = $2, kind = $3, status = $4, recorded_at = $5, version = $6
     WHERE feedback_facts.version < $6`,
    [f.feedbackId, f.customerId, f.kind, f.status, f.recordedAt, f.version],
  );
}

/** Moves the customer's last activity forward to `at` (never back: events arrive out of order). */
export async function touchActivity(tx: Tx, customerId: string, at: string): Promise<void> {
  await tx.query(
    `INSERT INTO customer_activity (customer_id, last_activity_at) VALUES ($1, $2)
     ON CONFLICT (customer_id) DO UPDATE
     SET last_activity_at = GREATEST(customer_activity.last_activity_at, EXCLUDED.last_activity_at)`,
    [customerId, at],
  );
}
