import { rows, type Tx, type Where } from '@crm/database';

export type QuoteStatus = 'DRAFT' | 'PENDING_APPROVAL' | 'APPROVED' | 'REJECTED';

export interface Quote {
  id: string;
  customerId: string;
  opportunityId: string | null;
  title: string;
  currency: string;
  status: QuoteStatus;
  discountPercent: string;
  listTotal: string;
  subtotal: string;
  total: string;
  effectiveDiscountPercent: string;
  requiresApproval: boolean;
  validUntil: string | null;
  ownerId: string;
  teamId: string | null;
  submittedBy: string | null;
  submittedAt: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface QuoteLine {
  id: string;
  quoteId: string;
  position: number;
  productName: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  lineTotal: string;
}

const COLUMNS = `q.id, q.customer_id AS "customerId", q.opportunity_id AS "opportunityId", q.title, q.currency, q.status,
  q.discount_percent::text AS "discountPercent", q.list_total::text AS "listTotal", q.subtotal::text AS subtotal,
  q.total::text AS total, q.effective_discount_percent::text AS "effectiveDiscountPercent",
  q.requires_approval AS "requiresApproval", to_char(q.valid_until, 'YYYY-MM-DD') AS "validUntil", q.owner_id AS "ownerId",
  q.team_id AS "teamId", q.submitted_by AS "submittedBy", q.submitted_at AS "submittedAt", q.decided_by AS "decidedBy",
  q.decided_at AS "decidedAt", q.decision_comment AS "decisionComment", q.version, q.created_by AS "createdBy",
  q.created_at AS "createdAt", q.updated_at AS "updatedAt"`;

const LINE_COLUMNS = `l.id, l.quote_id AS "quoteId", l.position, l.product_name AS "productName",
  l.quantity::text AS quantity, l.unit_price::text AS "unitPrice", l.discount_percent::text AS "discountPercent",
  l.line_total::text AS "lineTotal"`;

export async function insertQuote(
  tx: Tx,
  q: Omit<
    Quote,
    | 'version'
    | 'createdAt'
    | 'updatedAt'
    | 'submittedBy'
    | 'submittedAt'
    | 'decidedBy'
    | 'decidedAt'
    | 'decisionComment'
  >,
): Promise<Quote> {
  const [quote] = await rows<Quote>(
    tx,
    `INSERT INTO quotes AS q (id, customer_id, opportunity_id, title, currency, status, discount_percent, list_total, subtotal,
       total, effective_discount_percent, requires_approval, valid_until, owner_id, team_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING ${COLUMNS}`,
    [
      q.id,
      q.customerId,
      q.opportunityId,
      q.title,
      q.currency,
      q.status,
      q.discountPercent,
      q.listTotal,
      q.subtotal,
      q.total,
      q.effectiveDiscountPercent,
      q.requiresApproval,
      q.validUntil,
      q.ownerId,
      q.teamId,
      q.createdBy,
    ],
  );
  return quote;
}

/** Writes every changeable field and bumps the version. */
export async function saveQuote(tx: Tx, q: Quote): Promise<Quote> {
  const [quote] = await rows<Quote>(
    tx,
    `UPDATE quotes q SET title = $2, currency = $3, status = $4, discount_percent = $5, list_total = $6, subtotal = $7,
       total = $8, effective_discount_percent = $9, requires_approval = $10, valid_until = $11, submitted_by = $12,
       submitted_at = $13, decided_by = $14, decided_at = $15, decision_comment = $16, version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [
      q.id,
      q.title,
      q.currency,
      q.status,
      q.discountPercent,
      q.listTotal,
      q.subtotal,
      q.total,
      q.effectiveDiscountPercent,
      q.requiresApproval,
      q.validUntil,
      q.submittedBy,
      q.submittedAt,
      q.decidedBy,
      q.decidedAt,
      q.decisionComment,
    ],
  );
  return quote;
}

export async function replaceQuoteLines(
  tx: Tx,
  quoteId: string,
  lines: Omit<QuoteLine, 'quoteId'>[],
): Promise<void> {
  await tx.query('DELETE FROM quote_lines WHERE quote_id = $1', [quoteId]);
  if (!lines.length) return;
  await tx.query(
    `INSERT INTO quote_lines (id, quote_id, position, product_name, quantity, unit_price, discount_percent, line_total)
     SELECT id, $1, position, product_name, quantity, unit_price, discount_percent, line_total
     FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, position int, product_name text, quantity numeric, unit_price numeric,
       discount_percent numeric, line_total numeric)`,
    [
      quoteId,
      JSON.stringify(
        lines.map((l) => ({
          id: l.id,
          position: l.position,
          product_name: l.productName,
          quantity: l.quantity,
          unit_price: l.unitPrice,
          discount_percent: l.discountPercent,
          line_total: l.lineTotal,
        })),
      ),
    ],
  );
}

export async function findQuote(tx: Tx, id: string, forUpdate = false): Promise<Quote | null> {
  const [quote] = await rows<Quote>(
    tx,
    `SELECT ${COLUMNS} FROM quotes q WHERE q.id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return quote ?? null;
}

export function findQuotesByIds(tx: Tx, ids: readonly string[]): Promise<Quote[]> {
  return rows<Quote>(tx, `SELECT ${COLUMNS} FROM quotes q WHERE q.id = ANY($1::uuid[])`, [ids]);
}

export function findQuotesOfCustomers(tx: Tx, customerIds: readonly string[]): Promise<Quote[]> {
  return rows<Quote>(
    tx,
    `SELECT ${COLUMNS} FROM quotes q WHERE q.customer_id = ANY($1::uuid[]) ORDER BY q.created_at DESC, q.id DESC`,
    [customerIds],
  );
}

export function findLinesOfQuotes(tx: Tx, quoteIds: readonly string[]): Promise<QuoteLine[]> {
  return rows<QuoteLine>(
    tx,
    `SELECT ${LINE_COLUMNS} FROM quote_lines l WHERE l.quote_id = ANY($1::uuid[]) ORDER BY l.quote_id, l.position`,
    [quoteIds],
  );
}

/** Keyset page of quotes, newest first; `where` (alias q) holds scope and filters. */
export async function listQuotes(
  tx: Tx,
  where: Where,
  page: { limit: number; after: [string, string] | null },
): Promise<{ rows: Quote[]; total: number }> {
  const [{ total }] = await rows<{ total: number }>(
    tx,
    `SELECT count(*)::int AS total FROM quotes q ${where.sql()}`,
    where.params,
  );
  const paged = where.clone();
  if (page.after)
    paged.add('(q.created_at, q.id) < (?::timestamptz, ?::uuid)', page.after[0], page.after[1]);
  const limit = paged.param(page.limit + 1);
  const found = await rows<Quote>(
    tx,
    `SELECT ${COLUMNS} FROM quotes q ${paged.sql()} ORDER BY q.created_at DESC, q.id DESC LIMIT ${limit}`,
    paged.params,
  );
  return { rows: found, total };
}
