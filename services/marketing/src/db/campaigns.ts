import { likeLiteral, rows, type Tx, type Where } from '@crm/database';
import type { campaignChannels, campaignStatuses } from '@crm/events';
import { keysetPage, type Page, type SortSpec } from './paging';

export type CampaignChannel = (typeof campaignChannels)[number];
export type CampaignStatus = (typeof campaignStatuses)[number];

export interface Campaign {
  id: string;
  name: string;
  description: string | null;
  channel: CampaignChannel;
  status: CampaignStatus;
  currency: string;
  /** Decimal strings (numeric columns). */
  budget: string | null;
  actualCost: string;
  startsAt: Date | null;
  endsAt: Date | null;
  ownerId: string | null;
  formKey: string;
  formConsentText: string | null;
  formConsentVersion: string | null;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface CampaignRow {
  id: string;
  name: string;
  description: string | null;
  channel: CampaignChannel;
  status: CampaignStatus;
  currency: string;
  budget: string | null;
  actual_cost: string;
  starts_at: Date | null;
  ends_at: Date | null;
  owner_id: string | null;
  form_key: string;
  form_consent_text: string | null;
  form_consent_version: string | null;
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `c.id, c.name, c.description, c.channel, c.status, c.currency, c.budget, c.actual_cost, c.starts_at,
  c.ends_at, c.owner_id, c.form_key, c.form_consent_text, c.form_consent_version, c.version, c.created_by,
  c.created_at, c.updated_at`;

const toCampaign = (r: CampaignRow): Campaign => ({
  id: r.id,
  name: r.name,
  description: r.description,
  channel: r.channel,
  status: r.status,
  currency: r.currency,
  budget: r.budget,
  actualCost: r.actual_cost,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  ownerId: r.owner_id,
  formKey: r.form_key,
  formConsentText: r.form_consent_text,
  formConsentVersion: r.form_consent_version,
  version: r.version,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function findCampaignsByIds(tx: Tx, ids: readonly string[]): Promise<Campaign[]> {
  const found = await rows<CampaignRow>(
    tx,
    `SELECT ${COLUMNS} FROM campaigns c WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  return found.map(toCampaign);
}

export async function findCampaign(
  tx: Tx,
  id: string,
  forUpdate = false,
): Promise<Campaign | null> {
  const found = await rows<CampaignRow>(
    tx,
    `SELECT ${COLUMNS} FROM campaigns c WHERE c.id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return found[0] ? toCampaign(found[0]) : null;
}

export async function findCampaignByFormKey(tx: Tx, formKey: string): Promise<Campaign | null> {
  const found = await rows<CampaignRow>(
    tx,
    `SELECT ${COLUMNS} FROM campaigns c WHERE c.form_key = $1`,
    [formKey],
  );
  return found[0] ? toCampaign(found[0]) : null;
}

export async function campaignNameTaken(tx: Tx, name: string, exceptId?: string): Promise<boolean> {
  const found = await rows<{ id: string }>(
    tx,
    'SELECT id FROM campaigns WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2::uuid',
    [name, exceptId ?? null],
  );
  return found.length > 0;
}

/** $1..$14 of insert and save: the id and every changeable field. */
function campaignValues(c: NewCampaign): unknown[] {
  return [
    c.id,
    c.name,
    c.description,
    c.channel,
    c.status,
    c.currency,
    c.budget,
    c.actualCost,
    c.startsAt,
    c.endsAt,
    c.ownerId,
    c.formKey,
    c.formConsentText,
    c.formConsentVersion,
  ];
}

export type NewCampaign = Omit<Campaign, 'version' | 'createdAt' | 'updatedAt'>;

export async function insertCampaign(tx: Tx, c: NewCampaign): Promise<Campaign> {
  const found = await rows<CampaignRow>(
    tx,
    `INSERT INTO campaigns AS c (id, name, description, channel, status, currency, budget, actual_cost, starts_at,
       ends_at, owner_id, form_key, form_consent_text, form_consent_version, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING ${COLUMNS}`,
    [...campaignValues(c), c.createdBy],
  );
  return toCampaign(found[0]);
}

/** Writes every changeable field of `c` and bumps the version. */
export async function saveCampaign(tx: Tx, c: Campaign): Promise<Campaign> {
  const found = await rows<CampaignRow>(
    tx,
    `UPDATE campaigns c SET name = $2, description = $3, channel = $4, status = $5, currency = $6, budget = $7,
       actual_cost = $8, starts_at = $9, ends_at = $10, owner_id = $11, form_key = $12, form_consent_text = $13,
       form_consent_version = $14, version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    campaignValues(c),
  );
  return toCampaign(found[0]);
}

/** Whether anything refers to the campaign (leads, touches), which keeps it from being deleted. */
export async function campaignInUse(tx: Tx, id: string): Promise<boolean> {
  const found = await rows<{ used: boolean }>(
    tx,
    `SELECT EXISTS (SELECT 1 FROM leads WHERE campaign_id = $1)
         OR EXISTS (SELECT 1 FROM lead_touches WHERE campaign_id = $1) AS used`,
    [id],
  );
  return found[0].used;
}

export async function deleteCampaignRow(tx: Tx, id: string): Promise<void> {
  await tx.query('DELETE FROM scoring_rules WHERE campaign_id = $1', [id]);
  await tx.query('DELETE FROM campaigns WHERE id = $1', [id]);
}

export interface CampaignFilter {
  search?: string | null;
  channels?: CampaignChannel[] | null;
  statuses?: CampaignStatus[] | null;
  ownerIds?: string[] | null;
}

export type CampaignSortField = 'CREATED_AT' | 'STARTS_AT' | 'NAME';

const SORTS: Record<CampaignSortField, { column: string; cast: string }> = {
  CREATED_AT: { column: 'c.created_at', cast: 'timestamptz' },
  // campaigns without a start date sort by when they were planned
  STARTS_AT: { column: 'coalesce(c.starts_at, c.created_at)', cast: 'timestamptz' },
  NAME: { column: 'c.name', cast: 'text' },
};

export function campaignSortKey(c: Campaign, field: CampaignSortField): unknown {
  switch (field) {
    case 'CREATED_AT':
      return c.createdAt.toISOString();
    case 'STARTS_AT':
      return (c.startsAt ?? c.createdAt).toISOString();
    case 'NAME':
      return c.name;
  }
}

export function filterCampaigns(where: Where, filter: CampaignFilter): void {
  if (filter.search) where.add("c.name ILIKE '%' || ? || '%'", likeLiteral(filter.search.trim()));
  if (filter.channels?.length) where.add('c.channel = ANY(?::text[])', filter.channels);
  if (filter.statuses?.length) where.add('c.status = ANY(?::text[])', filter.statuses);
  if (filter.ownerIds?.length) where.add('c.owner_id = ANY(?::uuid[])', filter.ownerIds);
}

export async function listCampaigns(
  tx: Tx,
  where: Where,
  sort: { field: CampaignSortField; direction: 'ASC' | 'DESC' },
  page: { limit: number; after: unknown[] | null },
): Promise<Page<Campaign>> {
  const spec: SortSpec = { ...SORTS[sort.field], direction: sort.direction };
  const found = await keysetPage<CampaignRow>(tx, {
    columns: COLUMNS,
    from: 'campaigns c',
    alias: 'c',
    where,
    sort: spec,
    ...page,
  });
  return { rows: found.rows.map(toCampaign), total: found.total };
}
