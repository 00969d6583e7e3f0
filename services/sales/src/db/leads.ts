import { rows, type Tx, type Where } from '@crm/database';

export type LeadStatus = 'UNASSIGNED' | 'ASSIGNED' | 'CONTACTED' | 'CONVERTED' | 'DISQUALIFIED';

/** Sales' side of a qualified lead: what marketing handed over and who follows it up. */
export interface SalesLead {
  leadId: string;
  name: string;
  company: string | null;
  title: string | null;
  phone: string | null;
  phoneKey: string | null;
  email: string | null;
  emailKey: string | null;
  region: string | null;
  industry: string | null;
  companySize: string | null;
  campaignId: string | null;
  channel: string | null;
  score: number;
  matchedCustomerId: string | null;
  notes: string | null;
  qualifiedAt: Date;
  status: LeadStatus;
  assigneeId: string | null;
  teamId: string | null;
  rule: string | null;
  ruleId: string | null;
  assignedAt: Date | null;
  dueAt: Date | null;
  contactedAt: Date | null;
  breachCount: number;
  customerId: string | null;
  contactId: string | null;
  opportunityId: string | null;
  disqualifyReason: string | null;
  closedAt: Date | null;
  version: number;
  createdAt: Date;
}

const COLUMNS = `l.lead_id AS "leadId", l.name, l.company, l.title, l.phone, l.phone_key AS "phoneKey", l.email,
  l.email_key AS "emailKey", l.region, l.industry, l.company_size AS "companySize", l.campaign_id AS "campaignId", l.channel,
  l.score, l.matched_customer_id AS "matchedCustomerId", l.notes, l.qualified_at AS "qualifiedAt", l.status,
  l.assignee_id AS "assigneeId", l.team_id AS "teamId", l.rule, l.rule_id AS "ruleId", l.assigned_at AS "assignedAt",
  l.due_at AS "dueAt", l.contacted_at AS "contactedAt", l.breach_count AS "breachCount", l.customer_id AS "customerId",
  l.contact_id AS "contactId", l.opportunity_id AS "opportunityId", l.disqualify_reason AS "disqualifyReason",
  l.closed_at AS "closedAt", l.version, l.created_at AS "createdAt"`;

export type QualifiedLead = Pick<
  SalesLead,
  | 'leadId'
  | 'name'
  | 'company'
  | 'title'
  | 'phone'
  | 'phoneKey'
  | 'email'
  | 'emailKey'
  | 'region'
  | 'industry'
  | 'companySize'
  | 'campaignId'
  | 'channel'
  | 'score'
  | 'matchedCustomerId'
  | 'notes'
  | 'qualifiedAt'
>;

/** Records a lead handed over by marketing; null when it is already known (a redelivery). */
export async function insertQualifiedLead(tx: Tx, q: QualifiedLead): Promise<SalesLead | null> {
  const [lead] = await rows<SalesLead>(
    tx,
    `INSERT INTO lead_assignments AS l (lead_id, name, company, title, phone, phone_key, email, email_key, region, industry,
       company_size, campaign_id, channel, score, matched_customer_id, notes, qualified_at, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'UNASSIGNED')
     ON CONFLICT (lead_id) DO NOTHING RETURNING ${COLUMNS}`,
    [
      q.leadId,
      q.name,
      q.company,
      q.title,
      q.phone,
      q.phoneKey,
      q.email,
      q.emailKey,
      q.region,
      q.industry,
      q.companySize,
      q.campaignId,
      q.channel,
      q.score,
      q.matchedCustomerId,
      q.notes,
      q.qualifiedAt,
    ],
  );
  return lead ?? null;
}

export async function findLead(
  tx: Tx,
  leadId: string,
  forUpdate = false,
): Promise<SalesLead | null> {
  const [lead] = await rows<SalesLead>(
    tx,
    `SELECT ${COLUMNS} FROM lead_assignments l WHERE l.lead_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [leadId],
  );
  return lead ?? null;
}

export function findLeadsByIds(tx: Tx, ids: readonly string[]): Promise<SalesLead[]> {
  return rows<SalesLead>(
    tx,
    `SELECT ${COLUMNS} FROM lead_assignments l WHERE l.lead_id = ANY($1::uuid[])`,
    [ids],
  );
}

/** Writes the assignment and outcome fields and bumps the version. */
export async function saveLead(tx: Tx, l: SalesLead): Promise<SalesLead> {
  const [lead] = await rows<SalesLead>(
    tx,
    `UPDATE lead_assignments l SET status = $2, assignee_id = $3, team_id = $4, rule = $5, rule_id = $6, assigned_at = $7,
       due_at = $8, contacted_at = $9, breach_count = $10, customer_id = $11, contact_id = $12, opportunity_id = $13,
       disqualify_reason = $14, closed_at = $15, version = version + 1, updated_at = now()
     WHERE lead_id = $1 RETURNING ${COLUMNS}`,
    [
      l.leadId,
      l.status,
      l.assigneeId,
      l.teamId,
      l.rule,
      l.ruleId,
      l.assignedAt,
      l.dueAt,
      l.contactedAt,
      l.breachCount,
      l.customerId,
      l.contactId,
      l.opportunityId,
      l.disqualifyReason,
      l.closedAt,
    ],
  );
  return lead;
}

export async function insertAssignmentHistory(
  tx: Tx,
  h: {
    id: string;
    leadId: string;
    assigneeId: string;
    previousAssigneeId: string | null;
    teamId: string | null;
    rule: string;
    dueAt: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO lead_assignment_history (id, lead_id, assignee_id, previous_assignee_id, team_id, rule, due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [h.id, h.leadId, h.assigneeId, h.previousAssigneeId, h.teamId, h.rule, h.dueAt],
  );
}

export type LeadSortField = 'CREATED_AT' | 'DUE_AT';

const SORT: Record<LeadSortField, string> = {
  CREATED_AT: 'l.created_at',
  DUE_AT: "coalesce(l.due_at, 'infinity'::timestamptz)",
};

/** The value a page's cursor keeps for a lead under this sort (see listLeads). */
export function leadSortKey(l: SalesLead, field: LeadSortField): string {
  if (field === 'CREATED_AT') return l.createdAt.toISOString();
  return l.dueAt?.toISOString() ?? 'infinity';
}

/** Keyset page of leads on (sort field, lead id); `where` (alias l) holds scope and filters. */
export async function listLeads(
  tx: Tx,
  where: Where,
  sort: { field: LeadSortField; direction: 'ASC' | 'DESC' },
  page: { limit: number; after: [string, string] | null },
): Promise<{ rows: SalesLead[]; total: number }> {
  const [{ total }] = await rows<{ total: number }>(
    tx,
    `SELECT count(*)::int AS total FROM lead_assignments l ${where.sql()}`,
    where.params,
  );
  const column = SORT[sort.field];
  const paged = where.clone();
  if (page.after)
    paged.add(
      `(${column}, l.lead_id) ${sort.direction === 'DESC' ? '<' : '>'} (?::timestamptz, ?::uuid)`,
      page.after[0],
      page.after[1],
    );
  const limit = paged.param(page.limit + 1);
  const found = await rows<SalesLead>(
    tx,
    `SELECT ${COLUMNS} FROM lead_assignments l ${paged.sql()}
     ORDER BY ${column} ${sort.direction}, l.lead_id ${sort.direction} LIMIT ${limit}`,
    paged.params,
  );
  return { rows: found, total };
}
