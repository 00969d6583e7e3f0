import { rows, type Tx } from '@crm/database';
import type { ticketChannels, ticketPriorities, ticketStatuses } from '@crm/events';

export type TicketPriority = (typeof ticketPriorities)[number];
export type TicketStatus = (typeof ticketStatuses)[number];
export type TicketChannel = (typeof ticketChannels)[number];

export interface Ticket {
  id: string;
  customerId: string;
  subject: string;
  description: string | null;
  priority: TicketPriority;
  status: TicketStatus;
  channel: TicketChannel;
  assigneeId: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  /** The first public reply by staff (the first response). */
  firstRespondedAt: Date | null;
  /** Set when this ticket was merged into another (it is then CLOSED). */
  mergedIntoId: string | null;
  /** The SLA policy that applies (first match by customer tier and priority); null for none. */
  slaPolicyId: string | null;
  /** Routing: the service team it is for, and what the agent must know (matched to skills). */
  teamId: string | null;
  language: string | null;
  productLine: string | null;
  region: string | null;
  version: number;
}

export interface TicketRow {
  id: string;
  customer_id: string;
  subject: string;
  description: string | null;
  priority: TicketPriority;
  status: TicketStatus;
  channel: TicketChannel;
  assignee_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
  first_responded_at: Date | null;
  merged_into_id: string | null;
  sla_policy_id: string | null;
  team_id: string | null;
  language: string | null;
  product_line: string | null;
  region: string | null;
  version: number;
}

export const TICKET_COLUMNS = `t.id, t.customer_id, t.subject, t.description, t.priority, t.status, t.channel,
  t.assignee_id, t.created_by, t.created_at, t.updated_at, t.resolved_at, t.first_responded_at,
  t.merged_into_id, t.sla_policy_id, t.team_id, t.language, t.product_line, t.region, t.version`;

export function toTicket(r: TicketRow): Ticket {
  return {
    id: r.id,
    customerId: r.customer_id,
    subject: r.subject,
    description: r.description,
    priority: r.priority,
    status: r.status,
    channel: r.channel,
    assigneeId: r.assignee_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    resolvedAt: r.resolved_at,
    firstRespondedAt: r.first_responded_at,
    mergedIntoId: r.merged_into_id,
    slaPolicyId: r.sla_policy_id,
    teamId: r.team_id,
    language: r.language,
    productLine: r.product_line,
    region: r.region,
    version: r.version,
  };
}

export async function findTicketsByIds(tx: Tx, ids: readonly string[]): Promise<Ticket[]> {
  const found = await rows<TicketRow>(
    tx,
    `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.id = ANY($1::uuid[])`,
    [ids],
  );
  return found.map(toTicket);
}

/** The ticket, locked for the rest of the transaction (changes to one ticket queue up). */
export async function lockTicket(tx: Tx, id: string): Promise<Ticket | null> {
  const found = await rows<TicketRow>(
    tx,
    `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.id = $1 FOR UPDATE`,
    [id],
  );
  return found[0] ? toTicket(found[0]) : null;
}

export type NewTicket = Pick<
  Ticket,
  | 'id'
  | 'customerId'
  | 'subject'
  | 'description'
  | 'priority'
  | 'channel'
  | 'assigneeId'
  | 'createdBy'
  | 'teamId'
  | 'language'
  | 'productLine'
  | 'region'
>;

export async function insertTicket(tx: Tx, t: NewTicket): Promise<Ticket> {
  const found = await rows<TicketRow>(
    tx,
    `INSERT INTO tickets AS t (id, customer_id, subject, description, priority, status, channel, assignee_id,
       created_by, team_id, language, product_line, region)
     VALUES ($1, $2, $3, $4, $5, 'OPEN', $6, $7, $8, $9, $10, $11, $12) RETURNING ${TICKET_COLUMNS}`,
    [
      t.id,
      t.customerId,
      t.subject,
      t.description,
      t.priority,
      t.channel,
      t.assigneeId,
      t.createdBy,
      t.teamId,
      t.language,
      t.productLine,
      t.region,
    ],
  );
  return toTicket(found[0]);
}

/**
 * Writes the workflow fields of `t` (status, assignee, priority, resolution and first response
 * times, merge pointer) and bumps the version.
 */
export async function saveTicket(tx: Tx, t: Ticket): Promise<Ticket> {
  const found = await rows<TicketRow>(
    tx,
    `UPDATE tickets t SET status = $2, assignee_id = $3, resolved_at = $4, priority = $5,
       first_responded_at = $6, merged_into_id = $7, sla_policy_id = $8, version = version + 1,
       updated_at = now()
     WHERE t.id = $1 RETURNING ${TICKET_COLUMNS}`,
    [
      t.id,
      t.status,
      t.assigneeId,
      t.resolvedAt,
      t.priority,
      t.firstRespondedAt,
      t.mergedIntoId,
      t.slaPolicyId,
    ],
  );
  return toTicket(found[0]);
}

/** Unresolved (OPEN or PENDING) tickets per customer; customers without any are left out. */
export async function countUnresolvedTickets(
  tx: Tx,
  customerIds: readonly string[],
): Promise<{ customerId: string; count: number }[]> {
  const found = await rows<{ customer_id: string; count: number }>(
    tx,
    `SELECT t.customer_id, count(*)::int AS count FROM tickets t
     WHERE t.customer_id = ANY($1::uuid[]) AND t.status IN ('OPEN', 'PENDING') GROUP BY t.customer_id`,
    [customerIds],
  );
  return found.map((r) => ({ customerId: r.customer_id, count: r.count }));
}

/**
 * Who last handled the customer's tickets: the assignee of their most recently changed ticket
 * whose assignee is still active in the directory copy and works tickets; null when none is.
 */
export async function findLastHandlerOf(tx: Tx, customerId: string): Promise<string | null> {
  const found = await rows<{ id: string }>(
    tx,
    `SELECT e.id FROM tickets t
     JOIN employee_replica e ON e.id = t.assignee_id AND e.active
       AND e.roles && ARRAY['SERVICE_AGENT', 'SERVICE_MANAGER']
     WHERE t.customer_id = $1
     ORDER BY t.updated_at DESC, t.id DESC LIMIT 1`,
    [customerId],
  );
  return found[0]?.id ?? null;
}
