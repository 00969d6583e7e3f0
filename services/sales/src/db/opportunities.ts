import { rows, type Tx } from '@crm/database';

export type OpportunityStatus = 'OPEN' | 'WON' | 'LOST';

export interface Opportunity {
  id: string;
  customerId: string;
  name: string;
  amount: string;
  currency: string;
  stageId: string;
  status: OpportunityStatus;
  /** YYYY-MM-DD */
  expectedCloseDate: string | null;
  ownerId: string;
  teamId: string | null;
  contactId: string | null;
  sourceCampaignId: string | null;
  leadId: string | null;
  closeReason: string | null;
  closedAt: Date | null;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OpportunityRow {
  id: string;
  customer_id: string;
  name: string;
  amount: string;
  currency: string;
  stage_id: string;
  status: OpportunityStatus;
  expected_close_date: string | null;
  owner_id: string;
  team_id: string | null;
  contact_id: string | null;
  source_campaign_id: string | null;
  lead_id: string | null;
  close_reason: string | null;
  closed_at: Date | null;
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export const OPPORTUNITY_COLUMNS = `o.id, o.customer_id, o.name, o.amount::text AS amount, o.currency, o.stage_id, o.status,
  to_char(o.expected_close_date, 'YYYY-MM-DD') AS expected_close_date, o.owner_id, o.team_id, o.contact_id,
  o.source_campaign_id, o.lead_id, o.close_reason, o.closed_at, o.version, o.created_by, o.created_at, o.updated_at`;

export const toOpportunity = (r: OpportunityRow): Opportunity => ({
  id: r.id,
  customerId: r.customer_id,
  name: r.name,
  amount: r.amount,
  currency: r.currency,
  stageId: r.stage_id,
  status: r.status,
  expectedCloseDate: r.expected_close_date,
  ownerId: r.owner_id,
  teamId: r.team_id,
  contactId: r.contact_id,
  sourceCampaignId: r.source_campaign_id,
  leadId: r.lead_id,
  closeReason: r.close_reason,
  closedAt: r.closed_at,
  version: r.version,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function findOpportunitiesByIds(
  tx: Tx,
  ids: readonly string[],
): Promise<Opportunity[]> {
  const found = await rows<OpportunityRow>(
    tx,
    `SELECT ${OPPORTUNITY_COLUMNS} FROM opportunities o WHERE o.id = ANY($1::uuid[])`,
    [ids],
  );
  return found.map(toOpportunity);
}

export async function findOpportunity(
  tx: Tx,
  id: string,
  forUpdate = false,
): Promise<Opportunity | null> {
  const found = await rows<OpportunityRow>(
    tx,
    `SELECT ${OPPORTUNITY_COLUMNS} FROM opportunities o WHERE o.id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return found[0] ? toOpportunity(found[0]) : null;
}

export type NewOpportunity = Omit<
  Opportunity,
  'version' | 'createdAt' | 'updatedAt' | 'closeReason' | 'closedAt' | 'status'
>;

export async function insertOpportunity(tx: Tx, o: NewOpportunity): Promise<Opportunity> {
  const found = await rows<OpportunityRow>(
    tx,
    `INSERT INTO opportunities AS o (id, customer_id, name, amount, currency, stage_id, status, expected_close_date, owner_id,
       team_id, contact_id, source_campaign_id, lead_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, 'OPEN', $7, $8, $9, $10, $11, $12, $13) RETURNING ${OPPORTUNITY_COLUMNS}`,
    [
      o.id,
      o.customerId,
      o.name,
      o.amount,
      o.currency,
      o.stageId,
      o.expectedCloseDate,
      o.ownerId,
      o.teamId,
      o.contactId,
      o.sourceCampaignId,
      o.leadId,
      o.createdBy,
    ],
  );
  return toOpportunity(found[0]);
}

/** Writes the changeable fields of `o` and bumps the version. */
export async function saveOpportunity(tx: Tx, o: Opportunity): Promise<Opportunity> {
  const found = await rows<OpportunityRow>(
    tx,
    `UPDATE opportunities o SET name = $2, amount = $3, currency = $4, stage_id = $5, status = $6, expected_close_date = $7,
       contact_id = $8, close_reason = $9, closed_at = $10, version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING ${OPPORTUNITY_COLUMNS}`,
    [
      o.id,
      o.name,
      o.amount,
      o.currency,
      o.stageId,
      o.status,
      o.expectedCloseDate,
      o.contactId,
      o.closeReason,
      o.closedAt,
    ],
  );
  return toOpportunity(found[0]);
}

export interface StageChange {
  id: string;
  opportunityId: string;
  fromStageId: string | null;
  toStageId: string;
  changedBy: string | null;
  changedAt: Date;
  reason: string | null;
}

export async function insertStageChange(tx: Tx, c: Omit<StageChange, 'changedAt'>): Promise<void> {
  await tx.query(
    `INSERT INTO opportunity_stage_history (id, opportunity_id, from_stage_id, to_stage_id, changed_by, reason)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [c.id, c.opportunityId, c.fromStageId, c.toStageId, c.changedBy, c.reason],
  );
}

/** The stage history of several opportunities at once (one query for a page of them). */
export async function findStageHistories(
  tx: Tx,
  opportunityIds: readonly string[],
): Promise<StageChange[]> {
  const found = await rows<{
    id: string;
    opportunity_id: string;
    from_stage_id: string | null;
    to_stage_id: string;
    changed_by: string | null;
    changed_at: Date;
    reason: string | null;
  }>(
    tx,
    `SELECT id, opportunity_id, from_stage_id, to_stage_id, changed_by, changed_at, reason
     FROM opportunity_stage_history WHERE opportunity_id = ANY($1::uuid[]) ORDER BY changed_at, id`,
    [opportunityIds],
  );
  return found.map((r) => ({
    id: r.id,
    opportunityId: r.opportunity_id,
    fromStageId: r.from_stage_id,
    toStageId: r.to_stage_id,
    changedBy: r.changed_by,
    changedAt: r.changed_at,
    reason: r.reason,
  }));
}
