import { rows, type Tx } from '@crm/database';
import { customerHealthChanged, publishEvent } from '@crm/events';
import { findCustomerFacts } from '../db/health-facts';
import { readHealthWeights } from '../db/health-weights';
import { derivedId } from './derived-id';
import { customerHealth, type ChurnRisk } from './health';

/**
 * Scores the customer again as of the time of the event just handled (so a replay scores alike;
 * never before the stored score's time), keeps the score and its history, and publishes `customer.health_changed` when the
 * churn risk level changed: once per change, under an id derived from the customer, the event
 * that caused it and the new level, recorded so that no replay publishes it again.
 */
export async function refreshHealth(
  tx: Tx,
  customerId: string,
  eventTime: Date,
  causeEventId: string,
): Promise<void> {
  // one scoring per customer at a time: the second sees what the first committed
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`health:${customerId}`]);
  const [previous] = await rows<{ score: number; churn_risk: ChurnRisk; computed_at: Date }>(
    tx,
    'SELECT score, churn_risk, computed_at FROM customer_health WHERE customer_id = $1',
    [customerId],
  );
  // never back in time: a late or replayed event is scored as of the latest score's time, so
  // the facts it adds count without older windows undoing newer ones
  const asOf = previous && previous.computed_at > eventTime ? previous.computed_at : eventTime;
  const [facts] = await findCustomerFacts(tx, asOf, [customerId]);
  if (!facts) return;
  const health = customerHealth(facts, asOf, await readHealthWeights(tx));
  if (previous?.score === health.score) return;
  const factors = health.factors.filter((f) => f.contribution !== 0);
  await tx.query(
    `INSERT INTO customer_health (customer_id, score, churn_risk, factors, computed_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (customer_id) DO UPDATE SET score = $2, churn_risk = $3, factors = $4, computed_at = $5`,
    [customerId, health.score, health.churnRisk, JSON.stringify(factors), asOf],
  );
  await tx.query(
    `INSERT INTO health_history (customer_id, score, churn_risk, factors, at, cause_event_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [customerId, health.score, health.churnRisk, JSON.stringify(factors), asOf, causeEventId],
  );
  const changed = previous ? previous.churn_risk !== health.churnRisk : health.churnRisk !== 'LOW';
  if (!changed) return;
  const eventId = derivedId(`health_changed/${customerId}/${causeEventId}/${health.churnRisk}`);
  const fresh = await rows(
    tx,
    `INSERT INTO published_health_changes (event_id, customer_id) VALUES ($1, $2)
     ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
    [eventId, customerId],
  );
  if (!fresh.length) return;
  await publishEvent(
    tx,
    customerHealthChanged,
    {
      customerId,
      ownerId: facts.ownership?.ownerId ?? null,
      teamId: facts.ownership?.teamId ?? null,
      score: health.score,
      churnRisk: health.churnRisk,
      previousScore: previous?.score ?? null,
      previousChurnRisk: previous?.churn_risk ?? null,
      factors: factors.map(({ factor, contribution }) => ({ factor, contribution })),
      causeEventId,
      changedAt: asOf.toISOString(),
    },
    { id: eventId },
  );
}
