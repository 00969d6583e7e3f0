import { rows, type Tx } from '@crm/database';
import { DEFAULT_HEALTH_WEIGHTS, HEALTH_FACTORS, type HealthWeights } from '../domain/health';

/** The weights in force: the stored ones over the defaults. */
export async function readHealthWeights(tx: Tx): Promise<HealthWeights> {
  const stored = await rows<{ factor: string; weight: number }>(
    tx,
    'SELECT factor, weight FROM health_weights',
  );
  const weights = { ...DEFAULT_HEALTH_WEIGHTS };
  for (const { factor, weight } of stored)
    if ((HEALTH_FACTORS as readonly string[]).includes(factor))
      weights[factor as keyof HealthWeights] = weight;
  return weights;
}

export async function storeHealthWeights(
  tx: Tx,
  weights: Partial<HealthWeights>,
  actorId: string,
): Promise<void> {
  for (const [factor, weight] of Object.entries(weights))
    await tx.query(
      `INSERT INTO health_weights (factor, weight, updated_by, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (factor) DO UPDATE SET weight = $2, updated_by = $3, updated_at = now()`,
      [factor, weight, actorId],
    );
}
