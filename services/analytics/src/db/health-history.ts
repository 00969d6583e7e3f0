import { rows, type Tx } from '@crm/database';
import type { ChurnRisk } from '../domain/health';

export interface HealthSnapshotRow {
  customer_id: string;
  score: number;
  churn_risk: ChurnRisk;
  at: Date;
}

/** The latest `limit` snapshots of each customer, most recent first, in one query. */
export function healthHistories(
  tx: Tx,
  customerIds: readonly string[],
  limit: number,
): Promise<HealthSnapshotRow[]> {
  return rows<HealthSnapshotRow>(
    tx,
    `SELECT customer_id, score, churn_risk, at FROM (
       SELECT customer_id, score, churn_risk, at,
         row_number() OVER (PARTITION BY customer_id ORDER BY at DESC, id DESC) AS n
       FROM health_history WHERE customer_id = ANY($1::uuid[])
     ) h WHERE n <= $2 ORDER BY customer_id, at DESC`,
    [customerIds, limit],
  );
}
