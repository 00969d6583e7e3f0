import { rows, type Tx } from '@crm/database';

/**
 * How the idea ranking values a requesting customer, as exact decimal strings. A customer's
 * value is `customerWeight + revenueWeight × won revenue + pipelineWeight × open pipeline +
 * churnRiskWeight × churn risk`, times the weight of the customer's importance; an idea's score
 * is the sum over its requesting customers. Money counts only in `currency`.
 */
export interface RankingWeights {
  currency: string;
  customerWeight: string;
  revenueWeight: string;
  pipelineWeight: string;
  /** Churn risk (0-1) is not published by analytics yet: the term is 0 until it is. */
  churnRiskWeight: string;
  niceToHave: string;
  important: string;
  critical: string;
  updatedBy: string | null;
  updatedAt: Date;
}

export type WeightValues = Omit<RankingWeights, 'updatedBy' | 'updatedAt'>;

const COLUMNS = `currency, customer_weight::text AS "customerWeight", revenue_weight::text AS "revenueWeight",
  pipeline_weight::text AS "pipelineWeight", churn_risk_weight::text AS "churnRiskWeight",
  nice_to_have::text AS "niceToHave", important::text AS important, critical::text AS critical,
  updated_by AS "updatedBy", updated_at AS "updatedAt"`;

export async function readRankingWeights(tx: Tx, lock = false): Promise<RankingWeights> {
  const [found] = await rows<RankingWeights>(
    tx,
    `SELECT ${COLUMNS} FROM idea_ranking_weights${lock ? ' FOR UPDATE' : ''}`,
  );
  return found;
}

export async function saveRankingWeights(
  tx: Tx,
  w: WeightValues,
  updatedBy: string,
): Promise<RankingWeights> {
  const [saved] = await rows<RankingWeights>(
    tx,
    `UPDATE idea_ranking_weights SET currency = $1, customer_weight = $2, revenue_weight = $3,
       pipeline_weight = $4, churn_risk_weight = $5, nice_to_have = $6, important = $7,
       critical = $8, updated_by = $9, updated_at = now()
     RETURNING ${COLUMNS}`,
    [
      w.currency,
      w.customerWeight,
      w.revenueWeight,
      w.pipelineWeight,
      w.churnRiskWeight,
      w.niceToHave,
      w.important,
      w.critical,
      updatedBy,
    ],
  );
  return saved;
}
