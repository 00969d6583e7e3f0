import { customerHealthChanged, on, type EventHandler } from '@crm/events';
import { scheduleChurnVisit } from '../domain/visits/schedule-churn-visit';

/**
 * Analytics raised a customer's churn risk to HIGH (architecture reaction): customer service
 * schedules a follow-up visit to hear what goes wrong before the customer leaves. Only a change
 * *to* HIGH schedules one; the inbox and the visit's unique event id keep a redelivered or
 * replayed change from scheduling a second.
 */
export const healthHandlers: EventHandler[] = [
  on(customerHealthChanged, async (event, tx) => {
    const e = event.data;
    if (e.churnRisk !== 'HIGH' || e.previousChurnRisk === 'HIGH') return;
    await scheduleChurnVisit(tx, e.customerId, event.id);
  }),
];
