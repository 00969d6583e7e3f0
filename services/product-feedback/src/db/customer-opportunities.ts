import type { Tx } from '@crm/database';

export type OpportunityState = 'OPEN' | 'WON' | 'LOST';

export interface OpportunityFact {
  opportunityId: string;
  customerId: string;
  amount: { amount: string; currency: string };
  state: OpportunityState;
  /** When sales made the change the event reports. */
  asOf: string;
}

/**
 * Keeps the latest known state of an opportunity. An event older than the row is ignored (a
 * replay or a late duplicate cannot roll it back); at the same instant a closing event (won,
 * lost) beats the stage change sales publishes beside it.
 */
export async function applyOpportunityFact(tx: Tx, f: OpportunityFact): Promise<void> {
  await tx.query(
    `INSERT INTO customer_opportunities AS o (opportunity_id, customer_id, amount, currency, state, as_of)
     VALUES ($1, $2, $3::numeric, $4, $5, $6)
     ON CONFLICT (opportunity_id) DO UPDATE SET customer_id = EXCLUDED.customer_id,
       amount = EXCLUDED.amount, currency = EXCLUDED.currency, state = EXCLUDED.state,
       as_of = EXCLUDED.as_of
     WHERE o.as_of < EXCLUDED.as_of OR (o.as_of = EXCLUDED.as_of AND EXCLUDED.state <> 'OPEN')`,
    [f.opportunityId, f.customerId, f.amount.amount, f.amount.currency, f.state, f.asOf],
  );
}
