import type { Viewer } from '@crm/auth';
import { recordAudit } from '@crm/database';
import { parseInput, transactionally, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { readRankingWeights, saveRankingWeights, type RankingWeights } from '../db/ranking-weights';
import { requireProduct } from './product-access';

// Weights are exact decimals given as strings (never floats), zero or more.
const weight = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,8})?$/, 'must be a decimal of 0 or more, e.g. "0.5"')
  .nullish();

const setRankingWeightsInput = z.object({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code, e.g. CNY')
    .nullish(),
  customerWeight: weight,
  revenueWeight: weight,
  pipelineWeight: weight,
  churnRiskWeight: weight,
  niceToHave: weight,
  important: weight,
  critical: weight,
});

/** Product (PRODUCT_MANAGER, ADMIN) changes the ranking's weights; fields left out stay. */
export async function setRankingWeights(
  dataSource: DataSource,
  viewer: Viewer,
  raw: unknown,
): Promise<Result<RankingWeights>> {
  requireProduct(viewer);
  const parsed = parseInput(setRankingWeightsInput, raw);
  if (!parsed.ok) return parsed;
  const given = Object.fromEntries(
    Object.entries(parsed.value).filter(([, v]) => v !== null && v !== undefined),
  );
  return transactionally(dataSource, async (tx) => {
    const { updatedBy: _b, updatedAt: _a, ...before } = await readRankingWeights(tx, true);
    const saved = await saveRankingWeights(tx, { ...before, ...given }, viewer.id);
    const { updatedBy: _sb, updatedAt: _sa, ...after } = saved;
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'idea_ranking.set_weights',
      entityType: 'IdeaRankingWeights',
      entityId: 'default',
      before,
      after,
    });
    return saved;
  });
}
