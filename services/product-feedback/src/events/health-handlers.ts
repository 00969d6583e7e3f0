import { customerHealthChanged, on, type EventHandler } from '@crm/events';

/**
 * Analytics' churn risk per customer, for the idea ranking: the latest change wins, whatever
 * order the events arrive in (a replay or a late delivery never brings an older level back).
 */
export const healthHandlers: EventHandler[] = [
  on(customerHealthChanged, async (event, tx) => {
    const { customerId, churnRisk, changedAt } = event.data;
    await tx.query(
      `INSERT INTO customer_churn_risk (customer_id, churn_risk, changed_at) VALUES ($1, $2, $3)
       ON CONFLICT (customer_id) DO UPDATE SET churn_risk = $2, changed_at = $3
       WHERE customer_churn_risk.changed_at < $3`,
      [customerId, churnRisk, changedAt],
    );
  }),
];
