import { hasRole, type Viewer } from '@crm/auth';
import { recordAudit } from '@crm/database';
import { failed, parseInput, transactionally, userError, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { readHealthWeights, storeHealthWeights } from '../db/health-weights';
import { HEALTH_FACTORS, type HealthFactor, type HealthWeights } from './health';

const input = z.object({
  weights: z
    .array(
      z.object({
        factor: z.enum(HEALTH_FACTORS),
        weight: z.number().int().min(0, 'must be 0 to 100').max(100, 'must be 0 to 100'),
      }),
    )
    .min(1, 'give at least one factor')
    .superRefine((weights, ctx) => {
      const seen = new Set<string>();
      weights.forEach((w, i) => {
        if (seen.has(w.factor))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'factor'],
            message: `${w.factor} is given twice`,
          });
        seen.add(w.factor);
      });
    }),
});

export interface HealthWeightRow {
  factor: HealthFactor;
  weight: number;
}

export const weightList = (weights: HealthWeights): HealthWeightRow[] =>
  HEALTH_FACTORS.map((factor) => ({ factor, weight: weights[factor] }));

/**
 * ADMIN or EXECUTIVE: changes the weights of the factors given, with an audit record. Scores
 * asked for from now on use them; the stored score (and health_changed) follows at the
 * customer's next event.
 */
export async function setHealthWeights(
  dataSource: DataSource,
  viewer: Viewer,
  raw: unknown,
): Promise<Result<HealthWeightRow[]>> {
  if (!hasRole(viewer, 'ADMIN', 'EXECUTIVE'))
    return failed(
      userError(null, 'FORBIDDEN', 'only ADMIN or EXECUTIVE may change health weights'),
    );
  const parsed = parseInput(input, raw);
  if (!parsed.ok) return parsed;
  return transactionally(dataSource, async (tx) => {
    const before = await readHealthWeights(tx);
    const changes = Object.fromEntries(parsed.value.weights.map((w) => [w.factor, w.weight]));
    await storeHealthWeights(tx, changes, viewer.id);
    const after = await readHealthWeights(tx);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'health_weights.set',
      entityType: 'HealthWeights',
      entityId: 'health',
      before,
      after,
    });
    return weightList(after);
  });
}
