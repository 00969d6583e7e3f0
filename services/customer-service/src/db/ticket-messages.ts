import { rows, type Tx } from '@crm/database';

/** REPLY: public, to the customer; NOTE: internal, staff only; CUSTOMER: what the customer wrote. */
export const ticketMessageKinds = ['REPLY', 'NOTE', 'CUSTOMER'] as const;
export type TicketMessageKind = (typeof ticketMessageKinds)[number];

export interface TicketMessage {
  id: string;
  ticketId: string;
  kind: TicketMessageKind;
  body: string;
  authorId: string;
  createdAt: Date;
}

interface TicketMessageRow {
  id: string;
  ticket_id: string;
  kind: TicketMessageKind;
  body: string;
  author_id: string;
  created_at: Date;
}

const COLUMNS = 'id, ticket_id, kind, body, author_id, created_at';

function toMessage(r: TicketMessageRow): TicketMessage {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    kind: r.kind,
    body: r.body,
    authorId: r.author_id,
    createdAt: r.created_at,
  };
}

export async function insertTicketMessage(
  tx: Tx,
  m: Omit<TicketMessage, 'createdAt'>,
): Promise<TicketMessage> {
  const found = await rows<TicketMessageRow>(
    tx,
    `INSERT INTO ticket_messages (id, ticket_id, kind, body, author_id) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${COLUMNS}`,
    [m.id, m.ticketId, m.kind, m.body, m.authorId],
  );
  return toMessage(found[0]);
}

/** The threads of many tickets in one statement, oldest message first; `kinds` filters. */
export async function findThreads(
  tx: Tx,
  ticketIds: readonly string[],
  kinds: readonly TicketMessageKind[],
): Promise<TicketMessage[]> {
  const found = await rows<TicketMessageRow>(
    tx,
    `SELECT ${COLUMNS} FROM ticket_messages WHERE ticket_id = ANY($1::uuid[]) AND kind = ANY($2::text[])
     ORDER BY ticket_id, created_at, id`,
    [ticketIds, kinds],
  );
  return found.map(toMessage);
}

/** Moves a whole thread to another ticket (a merge); the messages keep their times and authors. */
export async function moveThread(
  tx: Tx,
  fromTicketId: string,
  toTicketId: string,
): Promise<number> {
  const moved = await rows<{ id: string }>(
    tx,
    'UPDATE ticket_messages SET ticket_id = $2 WHERE ticket_id = $1 RETURNING id',
    [fromTicketId, toTicketId],
  );
  return moved.length;
}
