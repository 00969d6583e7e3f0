import { customerHealthChanged, on } from '@crm/events';
import { followUpTaskForOwner } from './owner-task';

/**
 * Analytics raised a customer's churn risk to HIGH (architecture reaction): the owner gets a
 * retention task, due in a day, with what moved the score. Only a change *to* HIGH makes one; a
 * redelivered event is caught by the inbox, and analytics publishes each change once.
 */
export const healthHandlers = [
  on(customerHealthChanged, async (event, tx) => {
    const e = event.data;
    if (e.churnRisk !== 'HIGH' || e.previousChurnRisk === 'HIGH') return;
    const movers = [...e.factors]
      .filter((f) => f.contribution < 0)
      .sort((a, b) => a.contribution - b.contribution)
      .slice(0, 3)
      .map((f) => `${f.factor} ${f.contribution}`)
      .join(', ');
    await followUpTaskForOwner(
      tx,
      e.customerId,
      'Retention: churn risk is HIGH',
      `Health score ${e.score}${e.previousScore === null ? '' : ` (was ${e.previousScore})`} on ${e.changedAt}${movers ? `; lowered by ${movers}` : ''}.`,
    );
  }),
];
