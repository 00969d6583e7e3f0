import { rows, type Tx } from '@crm/database';

export type AttributionRule =
  'OPPORTUNITY_SOURCE' | 'LEAD' | 'CUSTOMER_FIRST_LEAD' | 'UNATTRIBUTED';

export interface Attribution {
  opportunityId: string;
  customerId: string;
  campaignId: string | null;
  leadId: string | null;
  rule: AttributionRule;
  amount: string;
  currency: string;
  wonAt: Date;
}

/** One row per opportunity: a repeated or older event changes nothing, a newer win replaces it. */
export async function upsertAttribution(tx: Tx, a: Attribution): Promise<void> {
  await tx.query(
    `INSERT INTO attributions (opportunity_id, customer_id, campaign_id, lead_id, rule, amount, currency, won_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (opportunity_id) DO UPDATE SET customer_id = $2, campaign_id = $3, lead_id = $4, rule = $5,
       amount = $6, currency = $7, won_at = $8, recorded_at = now()
     WHERE attributions.won_at < $8`,
    [a.opportunityId, a.customerId, a.campaignId, a.leadId, a.rule, a.amount, a.currency, a.wonAt],
  );
}

export async function findAttribution(tx: Tx, opportunityId: string): Promise<Attribution | null> {
  const found = await rows<Attribution>(
    tx,
    `SELECT opportunity_id AS "opportunityId", customer_id AS "customerId", campaign_id AS "campaignId",
       lead_id AS "leadId", rule, amount::text AS amount, currency, won_at AS "wonAt"
     FROM attributions WHERE opportunity_id = $1`,
    [opportunityId],
  );
  return found[0] ?? null;
}

/** The lead whose campaign a customer's revenue goes to: the first converted into it, else the first matched. */
export async function firstLeadOfCustomer(
  tx: Tx,
  customerId: string,
): Promise<{ id: string; campaignId: string | null } | null> {
  const found = await rows<{ id: string; campaignId: string | null }>(
    tx,
    `SELECT id, campaign_id AS "campaignId" FROM leads
     WHERE (customer_id = $1 OR matched_customer_id = $1) AND campaign_id IS NOT NULL
     ORDER BY (customer_id IS NOT DISTINCT FROM $1) DESC, created_at, id LIMIT 1`,
    [customerId],
  );
  return found[0] ?? null;
}

/** Moves revenue of a merged-away customer to the surviving one. */
export async function repointAttributions(tx: Tx, fromId: string, toId: string): Promise<void> {
  await tx.query('UPDATE attributions SET customer_id = $2 WHERE customer_id = $1', [fromId, toId]);
}
