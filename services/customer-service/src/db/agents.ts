import { rows, type Tx } from '@crm/database';

export interface AgentProfile {
  employeeId: string;
  /** How many unresolved tickets the agent takes at most. */
  capacity: number;
  languages: string[];
  productLines: string[];
  regions: string[];
  onDuty: boolean;
}

interface AgentRow {
  employee_id: string;
  capacity: number;
  languages: string[];
  product_lines: string[];
  regions: string[];
  on_duty: boolean;
}

const COLUMNS = 'employee_id, capacity, languages, product_lines, regions, on_duty';

const toProfile = (r: AgentRow): AgentProfile => ({
  employeeId: r.employee_id,
  capacity: r.capacity,
  languages: r.languages,
  productLines: r.product_lines,
  regions: r.regions,
  onDuty: r.on_duty,
});

export async function saveAgentProfile(tx: Tx, p: AgentProfile): Promise<AgentProfile> {
  const found = await rows<AgentRow>(
    tx,
    `INSERT INTO agent_profiles (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (employee_id) DO UPDATE SET capacity = $2, languages = $3, product_lines = $4, regions = $5,
       on_duty = $6, updated_at = now()
     RETURNING ${COLUMNS}`,
    [p.employeeId, p.capacity, p.languages, p.productLines, p.regions, p.onDuty],
  );
  return toProfile(found[0]);
}

export async function findAgentProfiles(tx: Tx, ids?: readonly string[]): Promise<AgentProfile[]> {
  const found = await rows<AgentRow>(
    tx,
    `SELECT ${COLUMNS} FROM agent_profiles WHERE $1::uuid[] IS NULL OR employee_id = ANY($1::uuid[])
     ORDER BY employee_id`,
    [ids ?? null],
  );
  return found.map(toProfile);
}

export async function setOffDuty(tx: Tx, employeeId: string): Promise<void> {
  await tx.query('UPDATE agent_profiles SET on_duty = false WHERE employee_id = $1', [employeeId]);
}

/** Open work per agent: unresolved tickets assigned to each. */
export async function countOpenTicketsOf(
  tx: Tx,
  ids: readonly string[],
): Promise<{ employeeId: string; count: number }[]> {
  return rows(
    tx,
    `SELECT assignee_id AS "employeeId", count(*)::int AS count FROM tickets
     WHERE assignee_id = ANY($1::uuid[]) AND status IN ('OPEN', 'PENDING') GROUP BY assignee_id`,
    [ids],
  );
}

export interface Candidate {
  employeeId: string;
  capacity: number;
  load: number;
  lastAssignedAt: Date | null;
}

export interface Routing {
  teamId: string | null;
  language: string | null;
  productLine: string | null;
  region: string | null;
}

/**
 * Agents who could take a ticket: active in identity's directory, SERVICE_AGENT, on duty, in the
 * ticket's team (if it names one), knowing its language, product line and region (those it
 * names). Locked, so two dispatches cannot both fill an agent's last free place.
 */
export async function lockCandidates(
  tx: Tx,
  routing: Routing,
  excluded: readonly string[],
): Promise<Candidate[]> {
  return rows<Candidate>(
    tx,
    `SELECT a.employee_id AS "employeeId", a.capacity, a.last_assigned_at AS "lastAssignedAt",
       (SELECT count(*) FROM tickets t WHERE t.assignee_id = a.employee_id AND t.status IN ('OPEN', 'PENDING'))::int AS load
     FROM agent_profiles a JOIN employee_replica e ON e.id = a.employee_id
     WHERE e.active AND a.on_duty AND 'SERVICE_AGENT' = ANY(e.roles)
       AND ($1::uuid IS NULL OR e.team_id = $1)
       AND ($2::text IS NULL OR $2 = ANY(a.languages))
       AND ($3::text IS NULL OR $3 = ANY(a.product_lines))
       AND ($4::text IS NULL OR $4 = ANY(a.regions))
       AND a.employee_id <> ALL($5::uuid[])
     ORDER BY a.employee_id FOR UPDATE OF a`,
    [routing.teamId, routing.language, routing.productLine, routing.region, excluded],
  );
}

export async function markAssigned(tx: Tx, employeeId: string, at: Date): Promise<void> {
  await tx.query('UPDATE agent_profiles SET last_assigned_at = $2 WHERE employee_id = $1', [
    employeeId,
    at,
  ]);
}

export type DispatchStrategy = 'ROUND_ROBIN' | 'LEAST_LOAD';

export async function findTeamStrategy(tx: Tx, teamId: string | null): Promise<DispatchStrategy> {
  if (!teamId) return 'LEAST_LOAD';
  const found = await rows<{ strategy: DispatchStrategy }>(
    tx,
    'SELECT strategy FROM team_dispatch WHERE team_id = $1',
    [teamId],
  );
  return found[0]?.strategy ?? 'LEAST_LOAD';
}

export async function saveTeamStrategy(
  tx: Tx,
  teamId: string,
  strategy: DispatchStrategy,
): Promise<void> {
  await tx.query(
    `INSERT INTO team_dispatch (team_id, strategy) VALUES ($1, $2)
     ON CONFLICT (team_id) DO UPDATE SET strategy = $2, updated_at = now()`,
    [teamId, strategy],
  );
}
