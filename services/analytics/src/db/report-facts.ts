import type { Tx } from '@crm/database';

/** One event's view of an opportunity; `at` is the event's own time (createdAt, changedAt...). */
export interface OpportunityChange {
  opportunityId: string;
  customerId: string;
  ownerId: string | null;
  teamId: string | null;
  amount: string;
  currency: string;
  /** Null for events that do not name the stage (opportunity.won). */
  stage: string | null;
  probability: number | null;
  /** WON or LOST when the event closes it, OPEN when it says it is open, null when it does not tell. */
  status: 'OPEN' | 'WON' | 'LOST' | null;
  expectedCloseDate: string | null;
  /** Set by opportunity.created only. */
  createdAt: string | null;
  at: string;
}

/**
 * Applies an opportunity event: the state moves only to a newer event's (by its time), the
 * creation time only back, and every stage named is recorded as reached at its earliest time.
 */
export async function applyOpportunityChange(tx: Tx, o: OpportunityChange): Promise<void> {
  await tx.query(
    `INSERT INTO opportunity_facts (opportunity_id, customer_id, owner_id, team_id, amount, currency, stage,
       probability, status, expected_close_date, created_at, closed_at, state_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, 'OPEN'), $10, $11,
       CASE WHEN $9 IN ('WON', 'LOST') THEN $12::timestamptz END, $12)
     ON CONFLICT (opportunity_id) DO UPDATE SET
       customer_id = $2, owner_id = $3, team_id = $4, amount = $5, currency = $6,
       stage = coalesce($7, opportunity_facts.stage),
       probability = coalesce($8, opportunity_facts.probability),
       status = coalesce($9, opportunity_facts.status),
       expected_close_date = CASE WHEN $7 IS NULL THEN opportunity_facts.expected_close_date ELSE $10 END,
       closed_at = CASE WHEN $9 IS NULL THEN opportunity_facts.closed_at
                        WHEN $9 = 'OPEN' THEN NULL ELSE $12::timestamptz END,
       state_at = $12
     WHERE opportunity_facts.state_at <= $12`,
    [
      o.opportunityId,
      o.customerId,
      o.ownerId,
      o.teamId,
      o.amount,
      o.currency,
      o.stage,
      o.probability,
      o.status,
      o.expectedCloseDate,
      o.createdAt,
      o.at,
    ],
  );
  if (o.createdAt)
    await tx.query(
      `UPDATE opportunity_facts SET created_at = LEAST(created_at, $2) WHERE opportunity_id = $1`,
      [o.opportunityId, o.createdAt],
    );
  if (o.stage !== null) {
    await tx.query(
      `INSERT INTO opportunity_stage_reached (opportunity_id, stage, reached_at) VALUES ($1, $2, $3)
       ON CONFLICT (opportunity_id, stage) DO UPDATE SET reached_at = LEAST(opportunity_stage_reached.reached_at, $3)`,
      [o.opportunityId, o.stage, o.at],
    );
    if (o.probability !== null)
      await tx.query(
        `INSERT INTO stage_probability (stage, probability, seen_at) VALUES ($1, $2, $3)
         ON CONFLICT (stage) DO UPDATE SET probability = $2, seen_at = $3 WHERE stage_probability.seen_at < $3`,
        [o.stage, o.probability, o.at],
      );
  }
}

export async function upsertCustomerDims(
  tx: Tx,
  c: { customerId: string; region: string | null; tier: string | null; version: number },
): Promise<void> {
  await tx.query(
    `INSERT INTO customer_dims (customer_id, region, tier, version) VALUES ($1, $2, $3, $4)
     ON CONFLICT (customer_id) DO UPDATE SET region = $2, tier = $3, version = $4 WHERE customer_dims.version < $4`,
    [c.customerId, c.region, c.tier, c.version],
  );
}

export async function upsertEmployeeDims(
  tx: Tx,
  e: { employeeId: string; teamId: string | null; version: number },
): Promise<void> {
  await tx.query(
    `INSERT INTO employee_dims (employee_id, team_id, version) VALUES ($1, $2, $3)
     ON CONFLICT (employee_id) DO UPDATE SET team_id = $2, version = $3 WHERE employee_dims.version < $3`,
    [e.employeeId, e.teamId, e.version],
  );
}

/** The first breach of a target is the one that counts; escalations of it change nothing. */
export async function recordSlaBreach(
  tx: Tx,
  b: {
    ticketId: string;
    target: string;
    customerId: string;
    assigneeId: string | null;
    priority: string;
    dueAt: string;
    breachedAt: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO sla_breaches (ticket_id, target, customer_id, assignee_id, priority, due_at, breached_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (ticket_id, target) DO UPDATE SET customer_id = $3, assignee_id = $4, priority = $5,
       due_at = $6, breached_at = $7
     WHERE sla_breaches.breached_at > $7`,
    [b.ticketId, b.target, b.customerId, b.assigneeId, b.priority, b.dueAt, b.breachedAt],
  );
}

export async function recordCsat(
  tx: Tx,
  c: {
    surveyId: string;
    ticketId: string;
    customerId: string;
    assigneeId: string | null;
    score: number;
    reason: string | null;
    answeredAt: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO csat_facts (survey_id, ticket_id, customer_id, assignee_id, score, reason, answered_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (survey_id) DO NOTHING`,
    [c.surveyId, c.ticketId, c.customerId, c.assigneeId, c.score, c.reason, c.answeredAt],
  );
}

export async function recordOverdueTask(
  tx: Tx,
  t: {
    taskId: string;
    customerId: string | null;
    title: string;
    assigneeId: string;
    teamId: string | null;
    dueAt: string;
    detectedAt: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO overdue_tasks (task_id, customer_id, title, assignee_id, team_id, due_at, detected_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (task_id) DO UPDATE SET customer_id = $2, title = $3, assignee_id = $4, team_id = $5,
       due_at = $6, detected_at = $7
     WHERE overdue_tasks.detected_at < $7`,
    [t.taskId, t.customerId, t.title, t.assigneeId, t.teamId, t.dueAt, t.detectedAt],
  );
}

/** The latest assignment of a lead (by its time) with its first-contact deadline. */
export async function recordLeadAssignment(
  tx: Tx,
  l: {
    leadId: string;
    assigneeId: string;
    teamId: string | null;
    dueAt: string;
    assignedAt: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO lead_facts (lead_id, assignee_id, team_id, due_at, assigned_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (lead_id) DO UPDATE SET assignee_id = $2, team_id = $3, due_at = $4, assigned_at = $5
     WHERE lead_facts.assigned_at IS NULL OR lead_facts.assigned_at < $5`,
    [l.leadId, l.assigneeId, l.teamId, l.dueAt, l.assignedAt],
  );
}

/** The first contact (earliest wins) or the end of the lead (converted, disqualified). */
export async function recordLeadOutcome(
  tx: Tx,
  leadId: string,
  column: 'contacted_at' | 'closed_at',
  at: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO lead_facts (lead_id, ${column}) VALUES ($1, $2)
     ON CONFLICT (lead_id) DO UPDATE SET ${column} = LEAST(lead_facts.${column}, $2)`,
    [leadId, at],
  );
}
