import { rows, type Tx } from '@crm/database';
import type { customerTiers } from '@crm/events';
import type { TicketPriority } from './tickets';

export type CustomerTier = (typeof customerTiers)[number];

export interface SlaPolicy {
  id: string;
  name: string;
  /** Policies are tried in this order; the first that matches wins. */
  position: number;
  /** Empty: any tier (and customers without one). */
  tiers: CustomerTier[];
  /** Empty: any priority. */
  priorities: TicketPriority[];
  /** null: round the clock. */
  calendarId: string | null;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  /** The warning comes when this share of a target is used. */
  warningPercent: number;
}

interface PolicyRow {
  id: string;
  name: string;
  position: number;
  tiers: CustomerTier[];
  priorities: TicketPriority[];
  calendar_id: string | null;
  first_response_minutes: number | null;
  next_response_minutes: number | null;
  resolution_minutes: number | null;
  warning_percent: number;
}

const COLUMNS = `id, name, position, tiers, priorities, calendar_id, first_response_minutes,
  next_response_minutes, resolution_minutes, warning_percent`;

const toPolicy = (r: PolicyRow): SlaPolicy => ({
  id: r.id,
  name: r.name,
  position: r.position,
  tiers: r.tiers,
  priorities: r.priorities,
  calendarId: r.calendar_id,
  firstResponseMinutes: r.first_response_minutes,
  nextResponseMinutes: r.next_response_minutes,
  resolutionMinutes: r.resolution_minutes,
  warningPercent: r.warning_percent,
});

/** Inserts or replaces a policy (by id). */
export async function savePolicy(tx: Tx, p: SlaPolicy): Promise<SlaPolicy> {
  const found = await rows<PolicyRow>(
    tx,
    `INSERT INTO sla_policies (id, name, position, tiers, priorities, calendar_id, first_response_minutes,
       next_response_minutes, resolution_minutes, warning_percent)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO UPDATE SET name = $2, position = $3, tiers = $4, priorities = $5, calendar_id = $6,
       first_response_minutes = $7, next_response_minutes = $8, resolution_minutes = $9,
       warning_percent = $10, updated_at = now()
     RETURNING ${COLUMNS}`,
    [
      p.id,
      p.name,
      p.position,
      p.tiers,
      p.priorities,
      p.calendarId,
      p.firstResponseMinutes,
      p.nextResponseMinutes,
      p.resolutionMinutes,
      p.warningPercent,
    ],
  );
  return toPolicy(found[0]);
}

/** Every policy in matching order (position, then name). */
export async function findPolicies(tx: Tx, ids?: readonly string[]): Promise<SlaPolicy[]> {
  const found = await rows<PolicyRow>(
    tx,
    `SELECT ${COLUMNS} FROM sla_policies WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[])
     ORDER BY position, name`,
    [ids ?? null],
  );
  return found.map(toPolicy);
}

export async function policyNameTaken(tx: Tx, name: string, id: string): Promise<boolean> {
  const found = await rows(tx, 'SELECT 1 FROM sla_policies WHERE name = $1 AND id <> $2', [
    name,
    id,
  ]);
  return found.length > 0;
}
