import { findCustomerFacts } from '../db/health-facts';
import { readHealthWeights } from '../db/health-weights';
import type { Tx } from '@crm/database';
import { customerHealth, type ChurnRisk } from './health';

export interface AnalyticsOverview {
  customers: number;
  byTier: { tier: string | null; count: number }[];
  byChurnRisk: { churnRisk: ChurnRisk; count: number }[];
  computedAt: Date;
}

const RISKS: readonly ChurnRisk[] = ['HIGH', 'MEDIUM', 'LOW'];
const TIER_ORDER = ['KEY', 'A', 'B', 'C'];

/** Customers analytics knows, counted by sales tier and by churn risk as of `now`. */
export async function analyticsOverview(tx: Tx, now: Date): Promise<AnalyticsOverview> {
  const all = await findCustomerFacts(tx, now, null);
  const weights = await readHealthWeights(tx);
  const tiers = new Map<string | null, number>();
  const risks = new Map<ChurnRisk, number>(RISKS.map((r) => [r, 0]));
  for (const facts of all) {
    tiers.set(facts.tier, (tiers.get(facts.tier) ?? 0) + 1);
    const { churnRisk } = customerHealth(facts, now, weights);
    risks.set(churnRisk, (risks.get(churnRisk) ?? 0) + 1);
  }
  const rank = (tier: string | null) => (tier === null ? 99 : TIER_ORDER.indexOf(tier) + 1 || 98);
  return {
    customers: all.length,
    byTier: [...tiers]
      .map(([tier, count]) => ({ tier, count }))
      .sort((a, b) => rank(a.tier) - rank(b.tier)),
    byChurnRisk: RISKS.map((churnRisk) => ({ churnRisk, count: risks.get(churnRisk) ?? 0 })),
    computedAt: now,
  };
}
