import { rows, type Tx } from '@crm/database';
import type {
  feedbackKinds,
  feedbackOrigins,
  feedbackSources,
  feedbackStatuses,
} from '@crm/events';

export type FeedbackKind = (typeof feedbackKinds)[number];
export type FeedbackSource = (typeof feedbackSources)[number];
export type FeedbackStatus = (typeof feedbackStatuses)[number];
export type FeedbackOrigin = (typeof feedbackOrigins)[number];

export interface FeedbackItem {
  id: string;
  customerId: string;
  kind: FeedbackKind;
  title: string;
  body: string | null;
  source: FeedbackSource;
  status: FeedbackStatus;
  /** Where it was heard, and the ticket, opportunity or campaign (null for MANUAL). */
  origin: FeedbackOrigin;
  originId: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface FeedbackRow {
  id: string;
  customer_id: string;
  kind: FeedbackKind;
  title: string;
  body: string | null;
  source: FeedbackSource;
  status: FeedbackStatus;
  origin: FeedbackOrigin;
  origin_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export const FEEDBACK_COLUMNS = `f.id, f.customer_id, f.kind, f.title, f.body, f.source, f.status, f.origin, f.origin_id,
  f.created_by, f.created_at, f.updated_at, f.version`;

export function toFeedbackItem(r: FeedbackRow): FeedbackItem {
  return {
    id: r.id,
    customerId: r.customer_id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    source: r.source,
    status: r.status,
    origin: r.origin,
    originId: r.origin_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export async function findFeedbackItemsByIds(
  tx: Tx,
  ids: readonly string[],
): Promise<FeedbackItem[]> {
  const found = await rows<FeedbackRow>(
    tx,
    `SELECT ${FEEDBACK_COLUMNS} FROM feedback_items f WHERE f.id = ANY($1::uuid[])`,
    [ids],
  );
  return found.map(toFeedbackItem);
}

/** The item, locked for the rest of the transaction (changes to one item queue up). */
export async function lockFeedbackItem(tx: Tx, id: string): Promise<FeedbackItem | null> {
  const found = await rows<FeedbackRow>(
    tx,
    `SELECT ${FEEDBACK_COLUMNS} FROM feedback_items f WHERE f.id = $1 FOR UPDATE`,
    [id],
  );
  return found[0] ? toFeedbackItem(found[0]) : null;
}

export type NewFeedbackItem = Pick<
  FeedbackItem,
  'id' | 'customerId' | 'kind' | 'title' | 'body' | 'source' | 'origin' | 'originId' | 'createdBy'
>;

const INSERT = `INSERT INTO feedback_items AS f
    (id, customer_id, kind, title, body, source, status, origin, origin_id, created_by)
  VALUES ($1, $2, $3, $4, $5, $6, 'NEW', $7, $8, $9)`;

const insertValues = (f: NewFeedbackItem) => [
  f.id,
  f.customerId,
  f.kind,
  f.title,
  f.body,
  f.source,
  f.origin,
  f.originId,
  f.createdBy,
];

export async function insertFeedbackItem(tx: Tx, f: NewFeedbackItem): Promise<FeedbackItem> {
  const found = await rows<FeedbackRow>(
    tx,
    `${INSERT} RETURNING ${FEEDBACK_COLUMNS}`,
    insertValues(f),
  );
  return toFeedbackItem(found[0]);
}

/**
 * Inserts an item taken in from another department's event, unless it is there already (the
 * same id, or the same lost deal): null when nothing was inserted.
 */
export async function insertCapturedFeedbackItem(
  tx: Tx,
  f: NewFeedbackItem,
): Promise<FeedbackItem | null> {
  const found = await rows<FeedbackRow>(
    tx,
    `${INSERT} ON CONFLICT DO NOTHING RETURNING ${FEEDBACK_COLUMNS}`,
    insertValues(f),
  );
  return found[0] ? toFeedbackItem(found[0]) : null;
}

export async function saveFeedbackStatus(
  tx: Tx,
  id: string,
  status: FeedbackStatus,
): Promise<FeedbackItem> {
  const found = await rows<FeedbackRow>(
    tx,
    `UPDATE feedback_items f SET status = $2, version = version + 1, updated_at = now()
     WHERE f.id = $1 RETURNING ${FEEDBACK_COLUMNS}`,
    [id, status],
  );
  return toFeedbackItem(found[0]);
}
