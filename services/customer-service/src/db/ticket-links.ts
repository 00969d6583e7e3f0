import { rows, type Tx } from '@crm/database';

const pair = (a: string, b: string) => (a < b ? [a, b] : [b, a]);

/** Links two tickets (no direction); false when they already were. */
export async function insertTicketLink(
  tx: Tx,
  a: string,
  b: string,
  createdBy: string,
): Promise<boolean> {
  const inserted = await rows<{ ticket_id: string }>(
    tx,
    `INSERT INTO ticket_links (ticket_id, linked_id, created_by) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING ticket_id`,
    [...pair(a, b), createdBy],
  );
  return inserted.length > 0;
}

/** The tickets linked to each of `ticketIds`, both directions, in one statement. */
export async function findLinkedTicketIds(
  tx: Tx,
  ticketIds: readonly string[],
): Promise<{ ticketId: string; linkedId: string }[]> {
  return rows<{ ticketId: string; linkedId: string }>(
    tx,
    `SELECT ticket_id AS "ticketId", linked_id AS "linkedId" FROM ticket_links WHERE ticket_id = ANY($1::uuid[])
     UNION ALL
     SELECT linked_id, ticket_id FROM ticket_links WHERE linked_id = ANY($1::uuid[])
     ORDER BY 1, 2`,
    [ticketIds],
  );
}
