import { findCustomerReplicas, mergedInto } from '@crm/customer-replica';
import { newId, type Tx } from '@crm/database';
import { findCalendars } from '../../db/business-calendars';
import { databaseNow } from '../../db/database-now';
import {
  findOpenChurnVisit,
  insertChurnVisitOnce,
  type FollowUpVisit,
} from '../../db/follow-up-visits';
import { findPolicies } from '../../db/sla-policies';
import { findLastHandlerOf } from '../../db/tickets';
import { deskRules } from '../../env';
import { endOfBusinessDays, type Calendar } from '../sla/business-time';
import { pickPolicy } from '../sla/pick-policy';
import { visitScheduled } from './schedule-visit';

/** The customer's working days: the calendar of the policy a NORMAL ticket of theirs would get. */
async function calendarOf(tx: Tx, tier: string | null): Promise<Calendar> {
  const policy = pickPolicy(await findPolicies(tx), tier, 'NORMAL');
  if (!policy?.calendarId) return null;
  const [calendar] = await findCalendars(tx, [policy.calendarId]);
  return calendar ?? null;
}

/**
 * The customer's churn risk became HIGH: a follow-up visit (回访) without a ticket, for the agent
 * who last handled their tickets (none: unassigned, for a service manager to dispatch), due at
 * the end of the `CHURN_VISIT_BUSINESS_DAYS`-th working day, with a durable reminder at the due
 * time. One visit per health change (the event id is unique), and none while the customer has a
 * churn visit scheduled already. A customer merged away in sales is visited on the survivor; one
 * the replica does not know gets none (no ticket can be opened for it either). Returns the new
 * visit, or null when none was scheduled.
 */
export async function scheduleChurnVisit(
  tx: Tx,
  atRiskId: string,
  healthEventId: string,
): Promise<FollowUpVisit | null> {
  const customerId = (await mergedInto(tx, atRiskId)) ?? atRiskId;
  // one decision per customer at a time: the second sees the visit the first scheduled
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`churn-visit:${customerId}`]);
  const [customer] = await findCustomerReplicas(tx, [customerId]);
  if (!customer || (await findOpenChurnVisit(tx, customerId))) return null;
  const now = await databaseNow(tx);
  const calendar = await calendarOf(tx, customer.tier);
  const dueAt = endOfBusinessDays(calendar, now, deskRules().CHURN_VISIT_BUSINESS_DAYS);
  const visit = await insertChurnVisitOnce(tx, {
    id: newId(),
    healthEventId,
    customerId,
    assigneeId: await findLastHandlerOf(tx, customerId),
    dueAt,
  });
  if (visit) await visitScheduled(tx, visit);
  return visit;
}
