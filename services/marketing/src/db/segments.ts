import { rows, Where, type Tx } from '@crm/database';
import type { CampaignChannel } from './campaigns';
import { LEAD_COLUMNS, LEAD_SORTS, type Lead, type LeadSortField, type LeadStatus } from './leads';
import { keysetPage, type Page } from './paging';

/** A saved filter over leads; an empty list or a null bound means "any". */
export interface Segment {
  id: string;
  name: string;
  description: string | null;
  tags: string[];
  minScore: number | null;
  maxScore: number | null;
  statuses: LeadStatus[];
  regions: string[];
  campaignIds: string[];
  channels: CampaignChannel[];
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `s.id, s.name, s.description, s.tags, s.min_score AS "minScore", s.max_score AS "maxScore", s.statuses,
  s.regions, s.campaign_ids AS "campaignIds", s.channels, s.version, s.created_by AS "createdBy",
  s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

/**
 * Whether lead `l` matches segment `s`: the one definition of segment membership, used for a
 * segment's leads and a customer's segments alike. Campaigns and channels match any touch.
 */
const MATCHES = `(cardinality(s.tags) = 0 OR l.tags @> s.tags)
  AND (s.min_score IS NULL OR l.score >= s.min_score)
  AND (s.max_score IS NULL OR l.score <= s.max_score)
  AND (cardinality(s.statuses) = 0 OR l.status = ANY(s.statuses))
  AND (cardinality(s.regions) = 0 OR l.region = ANY(s.regions))
  AND (cardinality(s.campaign_ids) = 0
       OR EXISTS (SELECT 1 FROM lead_touches t WHERE t.lead_id = l.id AND t.campaign_id = ANY(s.campaign_ids)))
  AND (cardinality(s.channels) = 0
       OR EXISTS (SELECT 1 FROM lead_touches t WHERE t.lead_id = l.id AND t.channel = ANY(s.channels)))`;

type SegmentRules = Omit<Segment, 'id' | 'version' | 'createdBy' | 'createdAt' | 'updatedAt'>;

const ruleParams = (s: SegmentRules) => [
  s.name,
  s.description,
  s.tags,
  s.minScore,
  s.maxScore,
  s.statuses,
  s.regions,
  s.campaignIds,
  s.channels,
];

export async function insertSegment(
  tx: Tx,
  s: SegmentRules & { id: string; createdBy: string },
): Promise<Segment> {
  const found = await rows<Segment>(
    tx,
    `INSERT INTO segments AS s (name, description, tags, min_score, max_score, statuses, regions, campaign_ids, channels, id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
    [...ruleParams(s), s.id, s.createdBy],
  );
  return found[0];
}

export async function saveSegment(tx: Tx, s: Segment): Promise<Segment> {
  const found = await rows<Segment>(
    tx,
    `UPDATE segments s SET name = $1, description = $2, tags = $3, min_score = $4, max_score = $5, statuses = $6,
       regions = $7, campaign_ids = $8, channels = $9, version = version + 1, updated_at = now()
     WHERE id = $10 RETURNING ${COLUMNS}`,
    [...ruleParams(s), s.id],
  );
  return found[0];
}

export async function deleteSegmentRow(tx: Tx, id: string): Promise<void> {
  await tx.query('DELETE FROM segments WHERE id = $1', [id]);
}

export async function findSegmentsByIds(tx: Tx, ids: readonly string[]): Promise<Segment[]> {
  return rows<Segment>(tx, `SELECT ${COLUMNS} FROM segments s WHERE s.id = ANY($1::uuid[])`, [ids]);
}

export async function findSegment(tx: Tx, id: string, forUpdate = false): Promise<Segment | null> {
  const found = await rows<Segment>(
    tx,
    `SELECT ${COLUMNS} FROM segments s WHERE s.id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return found[0] ?? null;
}

export async function segmentNameTaken(tx: Tx, name: string, exceptId?: string): Promise<boolean> {
  const found = await rows<{ id: string }>(
    tx,
    'SELECT id FROM segments WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2::uuid',
    [name, exceptId ?? null],
  );
  return found.length > 0;
}

export async function listSegments(
  tx: Tx,
  page: { limit: number; after: unknown[] | null },
): Promise<Page<Segment>> {
  return keysetPage<Segment>(tx, {
    columns: COLUMNS,
    from: 'segments s',
    alias: 's',
    where: new Where(),
    sort: { column: 's.name', cast: 'text', direction: 'ASC' },
    ...page,
  });
}

/** Leads of a segment; `where` holds the viewer's scope on `l`. */
export async function listSegmentLeads(
  tx: Tx,
  segmentId: string,
  where: Where,
  sort: { field: LeadSortField; direction: 'ASC' | 'DESC' },
  page: { limit: number; after: unknown[] | null },
): Promise<Page<Lead>> {
  const scoped = where.clone().add('s.id = ?', segmentId).add(MATCHES);
  return keysetPage<Lead>(tx, {
    columns: LEAD_COLUMNS,
    from: 'leads l CROSS JOIN segments s',
    alias: 'l',
    where: scoped,
    sort: { ...LEAD_SORTS[sort.field], direction: sort.direction },
    ...page,
  });
}

/** Lead counts of each segment within the viewer's scope (one query for a page of segments). */
export async function countSegmentLeads(
  tx: Tx,
  segmentIds: readonly string[],
  scope: Where,
): Promise<{ segmentId: string; count: number }[]> {
  const where = scope.clone().add('s.id = ANY(?::uuid[])', segmentIds).add(MATCHES);
  return rows<{ segmentId: string; count: number }>(
    tx,
    `SELECT s.id AS "segmentId", count(*)::int AS count FROM leads l CROSS JOIN segments s ${where.sql()} GROUP BY s.id`,
    where.params,
  );
}

/** Segments that match any lead linked to each customer (converted into it or matched to it). */
export async function findSegmentsOfCustomers(
  tx: Tx,
  customerIds: readonly string[],
): Promise<(Segment & { customerId: string })[]> {
  return rows<Segment & { customerId: string }>(
    tx,
    `SELECT DISTINCT k.customer_id AS "customerId", ${COLUMNS}
     FROM leads l
     CROSS JOIN LATERAL unnest(ARRAY[l.customer_id, l.matched_customer_id]) AS k(customer_id)
     JOIN segments s ON ${MATCHES}
     WHERE k.customer_id = ANY($1::uuid[])
     ORDER BY s.name`,
    [customerIds],
  );
}
