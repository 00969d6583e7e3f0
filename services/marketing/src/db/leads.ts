import { normalizeEmail, normalizePhone } from '@crm/contact';
import { likeLiteral, rows, type Tx, type Where } from '@crm/database';
import type { leadSources } from '@crm/events';
import type { CampaignChannel } from './campaigns';
import { keysetPage, type Page } from './paging';

export const leadStatuses = [
  'NEW',
  'QUALIFIED',
  'HANDED_OFF',
  'CONTACTED',
  'CONVERTED',
  'DISQUALIFIED',
] as const;
export type LeadStatus = (typeof leadStatuses)[number];
export type LeadSource = (typeof leadSources)[number];

/** What the person agreed to, and where and when (PIPL / GDPR evidence). */
export interface Consent {
  text: string | null;
  version: string | null;
  at: string;
  ip: string | null;
  userAgent: string | null;
}

export interface Lead {
  id: string;
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
  notes: string | null;
  source: LeadSource;
  campaignId: string | null;
  channel: CampaignChannel | null;
  status: LeadStatus;
  fieldScore: number;
  engagementScore: number;
  score: number;
  tags: string[];
  consent: Consent | null;
  matchedCustomerId: string | null;
  customerId: string | null;
  assigneeId: string | null;
  assigneeTeamId: string | null;
  assignedAt: Date | null;
  firstContactDueAt: Date | null;
  contactedAt: Date | null;
  qualifiedAt: Date | null;
  convertedAt: Date | null;
  convertedOpportunityId: string | null;
  disqualifiedAt: Date | null;
  disqualificationReason: string | null;
  slaBreaches: number;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Column of each Lead field (the score is computed by the database). */
const FIELDS = {
  id: 'id',
  name: 'name',
  company: 'company',
  title: 'title',
  phone: 'phone',
  phoneKey: 'phone_key',
  email: 'email',
  emailKey: 'email_key',
  region: 'region',
  industry: 'industry',
  companySize: 'company_size',
  notes: 'notes',
  source: 'source',
  campaignId: 'campaign_id',
  channel: 'channel',
  status: 'status',
  fieldScore: 'field_score',
  engagementScore: 'engagement_score',
  score: 'score',
  tags: 'tags',
  consent: 'consent',
  matchedCustomerId: 'matched_customer_id',
  customerId: 'customer_id',
  assigneeId: 'assignee_id',
  assigneeTeamId: 'assignee_team_id',
  assignedAt: 'assigned_at',
  firstContactDueAt: 'first_contact_due_at',
  contactedAt: 'contacted_at',
  qualifiedAt: 'qualified_at',
  convertedAt: 'converted_at',
  convertedOpportunityId: 'converted_opportunity_id',
  disqualifiedAt: 'disqualified_at',
  disqualificationReason: 'disqualification_reason',
  slaBreaches: 'sla_breaches',
  version: 'version',
  createdBy: 'created_by',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const satisfies Record<keyof Lead, string>;

type LeadField = keyof typeof FIELDS;

/** Fields written by insert and save (the rest: id, score, version and times are the database's). */
const WRITABLE = (Object.keys(FIELDS) as LeadField[]).filter(
  (f) => !['id', 'score', 'version', 'createdAt', 'updatedAt'].includes(f),
);

export const LEAD_COLUMNS = (Object.entries(FIELDS) as [LeadField, string][])
  .map(([field, column]) => `l.${column} AS "${field}"`)
  .join(', ');

const valueOf = (lead: Lead, field: LeadField): unknown =>
  field === 'consent' && lead.consent ? JSON.stringify(lead.consent) : lead[field];

export async function findLeadsByIds(tx: Tx, ids: readonly string[]): Promise<Lead[]> {
  return rows<Lead>(tx, `SELECT ${LEAD_COLUMNS} FROM leads l WHERE l.id = ANY($1::uuid[])`, [ids]);
}

export async function findLead(tx: Tx, id: string, forUpdate = false): Promise<Lead | null> {
  const found = await rows<Lead>(
    tx,
    `SELECT ${LEAD_COLUMNS} FROM leads l WHERE l.id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return found[0] ?? null;
}

/** Leads with the same phone or email key, oldest first, locked for the caller's transaction. */
export async function findLeadsByContact(
  tx: Tx,
  keys: { phoneKey: string | null; emailKey: string | null },
): Promise<Lead[]> {
  return rows<Lead>(
    tx,
    `SELECT ${LEAD_COLUMNS} FROM leads l
     WHERE ($1::text IS NOT NULL AND l.phone_key = $1) OR ($2::text IS NOT NULL AND l.email_key = $2)
     ORDER BY l.created_at, l.id FOR UPDATE`,
    [keys.phoneKey, keys.emailKey],
  );
}

export type NewLead = Omit<Lead, 'score' | 'version' | 'createdAt' | 'updatedAt'>;

export async function insertLead(tx: Tx, lead: NewLead): Promise<Lead> {
  const fields: LeadField[] = ['id', ...WRITABLE];
  const found = await rows<Lead>(
    tx,
    `INSERT INTO leads AS l (${fields.map((f) => FIELDS[f]).join(', ')})
     VALUES (${fields.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING ${LEAD_COLUMNS}`,
    fields.map((f) => valueOf(lead as Lead, f)),
  );
  return found[0];
}

/** Writes every writable field of `lead` and bumps the version. */
export async function saveLead(tx: Tx, lead: Lead): Promise<Lead> {
  const found = await rows<Lead>(
    tx,
    `UPDATE leads l SET ${WRITABLE.map((f, i) => `${FIELDS[f]} = $${i + 2}`).join(', ')},
       version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING ${LEAD_COLUMNS}`,
    [lead.id, ...WRITABLE.map((f) => valueOf(lead, f))],
  );
  return found[0];
}

/** Leads linked to each customer (converted into it or matched to it), oldest first. */
export async function findLeadsOfCustomers(
  tx: Tx,
  customerIds: readonly string[],
): Promise<(Lead & { linkedCustomerId: string })[]> {
  return rows<Lead & { linkedCustomerId: string }>(
    tx,
    `SELECT DISTINCT ON (k.customer_id, l.created_at, l.id) k.customer_id AS "linkedCustomerId", ${LEAD_COLUMNS}
     FROM leads l
     CROSS JOIN LATERAL unnest(ARRAY[l.customer_id, l.matched_customer_id]) AS k(customer_id)
     WHERE k.customer_id = ANY($1::uuid[])
     ORDER BY k.customer_id, l.created_at, l.id`,
    [customerIds],
  );
}

/** Links leads with these contact keys to a customer sales just created or changed. */
export async function matchLeadsToCustomer(
  tx: Tx,
  customerId: string,
  keys: { phoneKeys: string[]; emailKeys: string[] },
): Promise<string[]> {
  if (!keys.phoneKeys.length && !keys.emailKeys.length) return [];
  const matched = await rows<{ id: string }>(
    tx,
    `UPDATE leads SET matched_customer_id = $1, version = version + 1, updated_at = now()
     WHERE matched_customer_id IS NULL AND customer_id IS NULL
       AND (phone_key = ANY($2::text[]) OR email_key = ANY($3::text[]))
     RETURNING id`,
    [customerId, keys.phoneKeys, keys.emailKeys],
  );
  return matched.map((m) => m.id);
}

/** Re-points leads of a merged-away customer to the surviving one. */
export async function repointLeadCustomer(tx: Tx, fromId: string, toId: string): Promise<void> {
  await tx.query(
    `UPDATE leads SET customer_id = CASE WHEN customer_id = $1 THEN $2 ELSE customer_id END,
       matched_customer_id = CASE WHEN matched_customer_id = $1 THEN $2 ELSE matched_customer_id END,
       version = version + 1, updated_at = now()
     WHERE customer_id = $1 OR matched_customer_id = $1`,
    [fromId, toId],
  );
}

export interface LeadFilter {
  search?: string | null;
  statuses?: LeadStatus[] | null;
  campaignIds?: string[] | null;
  channels?: CampaignChannel[] | null;
  tags?: string[] | null;
  regions?: string[] | null;
  minScore?: number | null;
  maxScore?: number | null;
  assigneeIds?: string[] | null;
  customerId?: string | null;
}

export type LeadSortField = 'CREATED_AT' | 'UPDATED_AT' | 'SCORE';

export const LEAD_SORTS: Record<LeadSortField, { column: string; cast: string }> = {
  CREATED_AT: { column: 'l.created_at', cast: 'timestamptz' },
  UPDATED_AT: { column: 'l.updated_at', cast: 'timestamptz' },
  SCORE: { column: 'l.score', cast: 'int' },
};

export function leadSortKey(lead: Lead, field: LeadSortField): unknown {
  switch (field) {
    case 'CREATED_AT':
      return lead.createdAt.toISOString();
    case 'UPDATED_AT':
      return lead.updatedAt.toISOString();
    case 'SCORE':
      return lead.score;
  }
}

/**
 * `contactKeys`: whether the search also matches a whole phone number or email address (by the
 * keys leads are deduplicated on), for viewers who may see contact data.
 */
export function filterLeads(
  where: Where,
  filter: LeadFilter,
  options: { contactKeys: boolean } = { contactKeys: false },
): void {
  const search = filter.search?.trim();
  if (search) {
    const phoneKey = options.contactKeys ? (normalizePhone(search)?.e164 ?? null) : null;
    const emailKey = options.contactKeys && search.includes('@') ? normalizeEmail(search) : null;
    where.add(
      "(l.name ILIKE '%' || ? || '%' OR l.company ILIKE '%' || ? || '%' OR l.phone_key = ? OR l.email_key = ?)",
      likeLiteral(search),
      likeLiteral(search),
      phoneKey,
      emailKey,
    );
  }
  if (filter.statuses?.length) where.add('l.status = ANY(?::text[])', filter.statuses);
  // a lead belongs to every campaign and channel it came through, not only its first one
  if (filter.campaignIds?.length) {
    where.add(
      'EXISTS (SELECT 1 FROM lead_touches t WHERE t.lead_id = l.id AND t.campaign_id = ANY(?::uuid[]))',
      filter.campaignIds,
    );
  }
  if (filter.channels?.length) {
    where.add(
      'EXISTS (SELECT 1 FROM lead_touches t WHERE t.lead_id = l.id AND t.channel = ANY(?::text[]))',
      filter.channels,
    );
  }
  if (filter.tags?.length) where.add('l.tags @> ?::text[]', filter.tags);
  if (filter.regions?.length) where.add('l.region = ANY(?::text[])', filter.regions);
  if (filter.minScore != null) where.add('l.score >= ?', filter.minScore);
  if (filter.maxScore != null) where.add('l.score <= ?', filter.maxScore);
  if (filter.assigneeIds?.length) where.add('l.assignee_id = ANY(?::uuid[])', filter.assigneeIds);
  if (filter.customerId) {
    where.add(
      '(l.customer_id = ? OR l.matched_customer_id = ?)',
      filter.customerId,
      filter.customerId,
    );
  }
}

export async function listLeads(
  tx: Tx,
  where: Where,
  sort: { field: LeadSortField; direction: 'ASC' | 'DESC' },
  page: { limit: number; after: unknown[] | null },
): Promise<Page<Lead>> {
  return keysetPage<Lead>(tx, {
    columns: LEAD_COLUMNS,
    from: 'leads l',
    alias: 'l',
    where,
    sort: { ...LEAD_SORTS[sort.field], direction: sort.direction },
    ...page,
  });
}

/**
 * Serializes captures of the same person across requests and replicas: a transaction-scoped
 * advisory lock per contact key, taken in a fixed order so two captures cannot deadlock.
 */
export async function lockContactKeys(tx: Tx, keys: (string | null)[]): Promise<void> {
  const wanted = [...new Set(keys.filter((k): k is string => !!k))];
  if (!wanted.length) return;
  // one round trip; the sorted subquery fixes the order in which the locks are taken
  await tx.query(
    `SELECT count(pg_advisory_xact_lock(hashtextextended('lead-contact:' || k, 7)))
     FROM (SELECT k FROM unnest($1::text[]) AS k ORDER BY k) AS keys`,
    [wanted],
  );
}

/** Campaigns a lead came through (its touches'), for campaign-specific scoring rules. */
export async function campaignsOfLead(tx: Tx, leadId: string): Promise<string[]> {
  const found = await rows<{ campaign_id: string }>(
    tx,
    'SELECT DISTINCT campaign_id FROM lead_touches WHERE lead_id = $1 AND campaign_id IS NOT NULL',
    [leadId],
  );
  return found.map((r) => r.campaign_id);
}
