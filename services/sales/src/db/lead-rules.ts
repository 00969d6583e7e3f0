import { rows, type Tx } from '@crm/database';

export type LeadRuleKind = 'ROUND_ROBIN' | 'TERRITORY';

export interface LeadRule {
  id: string;
  name: string;
  kind: LeadRuleKind;
  teamId: string;
  regions: string[];
  priority: number;
  firstContactSeconds: number | null;
  maxOpenLeads: number | null;
  active: boolean;
  lastAssigneeId: string | null;
}

const COLUMNS = `id, name, kind, team_id AS "teamId", regions, priority, first_contact_seconds AS "firstContactSeconds",
  max_open_leads AS "maxOpenLeads", active, last_assignee_id AS "lastAssigneeId"`;

/** Active rules in the order they are tried: lowest priority number first. */
export function activeLeadRules(tx: Tx): Promise<LeadRule[]> {
  return rows<LeadRule>(
    tx,
    `SELECT ${COLUMNS} FROM lead_assignment_rules WHERE active ORDER BY priority, created_at, id`,
  );
}

export async function countActiveLeadRules(tx: Tx): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(
    tx,
    'SELECT count(*)::int AS n FROM lead_assignment_rules WHERE active',
  );
  return n;
}

export function listLeadRules(tx: Tx, teamIds: string[] | null): Promise<LeadRule[]> {
  return rows<LeadRule>(
    tx,
    `SELECT ${COLUMNS} FROM lead_assignment_rules WHERE $1::uuid[] IS NULL OR team_id = ANY($1::uuid[])
     ORDER BY priority, created_at, id`,
    [teamIds],
  );
}

/** Locks a rule's round-robin pointer for the assignment in progress. */
export async function lockLeadRule(tx: Tx, id: string): Promise<LeadRule> {
  const [rule] = await rows<LeadRule>(
    tx,
    `SELECT ${COLUMNS} FROM lead_assignment_rules WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rule;
}

export async function advanceRoundRobin(tx: Tx, ruleId: string, assigneeId: string): Promise<void> {
  await tx.query('UPDATE lead_assignment_rules SET last_assignee_id = $2 WHERE id = $1', [
    ruleId,
    assigneeId,
  ]);
}

export async function upsertLeadRule(
  tx: Tx,
  r: Omit<LeadRule, 'lastAssigneeId'>,
  actorId: string,
): Promise<LeadRule> {
  const [rule] = await rows<LeadRule>(
    tx,
    `INSERT INTO lead_assignment_rules (id, name, kind, team_id, regions, priority, first_contact_seconds, max_open_leads, active, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO UPDATE SET name = $2, kind = $3, team_id = $4, regions = $5, priority = $6, first_contact_seconds = $7,
       max_open_leads = $8, active = $9, updated_at = now()
     RETURNING ${COLUMNS}`,
    [
      r.id,
      r.name,
      r.kind,
      r.teamId,
      r.regions,
      r.priority,
      r.firstContactSeconds,
      r.maxOpenLeads,
      r.active,
      actorId,
    ],
  );
  return rule;
}

export async function findLeadRule(tx: Tx, id: string): Promise<LeadRule | null> {
  const [rule] = await rows<LeadRule>(
    tx,
    `SELECT ${COLUMNS} FROM lead_assignment_rules WHERE id = $1`,
    [id],
  );
  return rule ?? null;
}

/**
 * Active sales reps of a team (from the directory replica) with fewer than `maxOpen` leads
 * waiting for their first contact, except `excluded`, in a stable order for round robin.
 */
export async function eligibleReps(
  tx: Tx,
  teamId: string,
  maxOpen: number,
  excluded: string[],
): Promise<string[]> {
  const found = await rows<{ id: string }>(
    tx,
    `SELECT e.id FROM employee_replica e
     WHERE e.team_id = $1 AND e.active AND 'SALES_REP' = ANY(e.roles) AND NOT (e.id = ANY($3::uuid[]))
       AND (SELECT count(*) FROM lead_assignments l WHERE l.assignee_id = e.id AND l.status = 'ASSIGNED') < $2
     ORDER BY e.id`,
    [teamId, maxOpen, excluded],
  );
  return found.map((r) => r.id);
}
