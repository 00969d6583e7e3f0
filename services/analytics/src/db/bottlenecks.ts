import { rows, type Tx, type Where } from '@crm/database';
import type { BreachRow } from './service-report';

export interface OverdueTaskRow {
  task_id: string;
  title: string;
  customer_id: string | null;
  assignee_id: string;
  team_id: string | null;
  due_at: Date;
}

export interface LeadPastDeadlineRow {
  lead_id: string;
  assignee_id: string | null;
  team_id: string | null;
  due_at: Date;
  assigned_at: Date | null;
}

export type TicketPastSlaRow = BreachRow & { team_id: string | null };

// `where` of tasks and leads is over alias x (assignee_id, team_id); of tickets over the aliases
// of db/service-report.ts (x the breach, r the customer replica, d its dims, e the agent).

export function overdueTasks(tx: Tx, where: Where): Promise<OverdueTaskRow[]> {
  return rows<OverdueTaskRow>(
    tx,
    `SELECT x.task_id, x.title, x.customer_id, x.assignee_id, x.team_id, x.due_at
     FROM overdue_tasks x ${where.sql()} ORDER BY x.due_at, x.task_id`,
    where.params,
  );
}

export function leadsPastFirstContact(
  tx: Tx,
  where: Where,
  now: Date,
): Promise<LeadPastDeadlineRow[]> {
  const w = where
    .clone()
    .add('x.contacted_at IS NULL AND x.closed_at IS NULL AND x.due_at < ?', now);
  return rows<LeadPastDeadlineRow>(
    tx,
    `SELECT x.lead_id, x.assignee_id, x.team_id, x.due_at, x.assigned_at
     FROM lead_facts x ${w.sql()} ORDER BY x.due_at, x.lead_id`,
    w.params,
  );
}

export function ticketsPastSla(tx: Tx, where: Where): Promise<TicketPastSlaRow[]> {
  // one row per ticket: its earliest missed target
  return rows<TicketPastSlaRow>(
    tx,
    `SELECT DISTINCT ON (x.ticket_id) x.ticket_id, x.customer_id, x.target, x.priority, x.due_at, x.breached_at,
       t.assignee_id AS agent_id, e.team_id
     FROM sla_breaches x
     JOIN ticket_facts t ON t.ticket_id = x.ticket_id AND t.status IN ('OPEN', 'PENDING')
     LEFT JOIN customer_replica r ON r.id = x.customer_id
     LEFT JOIN customer_dims d ON d.customer_id = x.customer_id
     LEFT JOIN employee_dims e ON e.employee_id = t.assignee_id
     ${where.sql()}
     ORDER BY x.ticket_id, x.due_at`,
    where.params,
  );
}
