import { rows, type Tx, type Where } from '@crm/database';
import type { activityKinds } from '@crm/events';

export type ActivityKind = (typeof activityKinds)[number];

export interface Activity {
  id: string;
  customerId: string;
  opportunityId: string | null;
  contactId: string | null;
  leadId: string | null;
  kind: ActivityKind;
  subject: string;
  outcome: string | null;
  notes: string | null;
  occurredAt: Date;
  nextFollowUpAt: Date | null;
  ownerId: string;
  teamId: string | null;
  createdAt: Date;
}

interface ActivityRow {
  id: string;
  customer_id: string;
  opportunity_id: string | null;
  contact_id: string | null;
  lead_id: string | null;
  kind: ActivityKind;
  subject: string;
  outcome: string | null;
  notes: string | null;
  occurred_at: Date;
  next_follow_up_at: Date | null;
  owner_id: string;
  team_id: string | null;
  created_at: Date;
}

const COLUMNS = `a.id, a.customer_id, a.opportunity_id, a.contact_id, a.lead_id, a.kind, a.subject, a.outcome, a.notes,
  a.occurred_at, a.next_follow_up_at, a.owner_id, a.team_id, a.created_at`;

const toActivity = (r: ActivityRow): Activity => ({
  id: r.id,
  customerId: r.customer_id,
  opportunityId: r.opportunity_id,
  contactId: r.contact_id,
  leadId: r.lead_id,
  kind: r.kind,
  subject: r.subject,
  outcome: r.outcome,
  notes: r.notes,
  occurredAt: r.occurred_at,
  nextFollowUpAt: r.next_follow_up_at,
  ownerId: r.owner_id,
  teamId: r.team_id,
  createdAt: r.created_at,
});

export async function insertActivity(tx: Tx, a: Omit<Activity, 'createdAt'>): Promise<Activity> {
  const found = await rows<ActivityRow>(
    tx,
    `INSERT INTO activities AS a (id, customer_id, opportunity_id, contact_id, lead_id, kind, subject, outcome, notes,
       occurred_at, next_follow_up_at, owner_id, team_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
    [
      a.id,
      a.customerId,
      a.opportunityId,
      a.contactId,
      a.leadId,
      a.kind,
      a.subject,
      a.outcome,
      a.notes,
      a.occurredAt,
      a.nextFollowUpAt,
      a.ownerId,
      a.teamId,
    ],
  );
  return toActivity(found[0]);
}

export async function findActivitiesByIds(tx: Tx, ids: readonly string[]): Promise<Activity[]> {
  const found = await rows<ActivityRow>(
    tx,
    `SELECT ${COLUMNS} FROM activities a WHERE a.id = ANY($1::uuid[])`,
    [ids],
  );
  return found.map(toActivity);
}

/** The latest `perCustomer` activities of each customer, one query for a page of customers. */
/** Every activity of the customers, newest first (a customer's list is paged by the caller). */
export async function findActivitiesOfCustomers(
  tx: Tx,
  customerIds: readonly string[],
): Promise<Activity[]> {
  const found = await rows<ActivityRow>(
    tx,
    `SELECT ${COLUMNS} FROM activities a WHERE a.customer_id = ANY($1::uuid[])
     ORDER BY a.occurred_at DESC, a.id DESC`,
    [customerIds],
  );
  return found.map(toActivity);
}

/** Keyset page of activities, newest first; `where` (aliases a, c) holds scope and filters. */
export async function listActivities(
  tx: Tx,
  where: Where,
  page: { limit: number; after: [string, string] | null },
): Promise<{ rows: Activity[]; total: number }> {
  const from = 'FROM activities a JOIN customers c ON c.id = a.customer_id';
  const [{ total }] = await rows<{ total: number }>(
    tx,
    `SELECT count(*)::int AS total ${from} ${where.sql()}`,
    where.params,
  );
  const paged = where.clone();
  if (page.after)
    paged.add('(a.occurred_at, a.id) < (?::timestamptz, ?::uuid)', page.after[0], page.after[1]);
  const limit = paged.param(page.limit + 1);
  const found = await rows<ActivityRow>(
    tx,
    `SELECT ${COLUMNS} ${from} ${paged.sql()} ORDER BY a.occurred_at DESC, a.id DESC LIMIT ${limit}`,
    paged.params,
  );
  return { rows: found.map(toActivity), total };
}

export interface FollowUpPlan {
  customerId: string;
  activityId: string;
  dueAt: Date;
  missedAt: Date | null;
}

interface PlanRow {
  customer_id: string;
  activity_id: string;
  due_at: Date;
  missed_at: Date | null;
}

const toPlan = (r: PlanRow): FollowUpPlan => ({
  customerId: r.customer_id,
  activityId: r.activity_id,
  dueAt: r.due_at,
  missedAt: r.missed_at,
});

export async function setFollowUpPlan(
  tx: Tx,
  plan: { customerId: string; activityId: string; dueAt: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO follow_up_plans (customer_id, activity_id, due_at) VALUES ($1, $2, $3)
     ON CONFLICT (customer_id) DO UPDATE SET activity_id = $2, due_at = $3, missed_at = NULL, updated_at = now()`,
    [plan.customerId, plan.activityId, plan.dueAt],
  );
}

export async function clearFollowUpPlan(tx: Tx, customerId: string): Promise<void> {
  await tx.query('DELETE FROM follow_up_plans WHERE customer_id = $1', [customerId]);
}

export async function findFollowUpPlans(
  tx: Tx,
  customerIds: readonly string[],
  forUpdate = false,
): Promise<FollowUpPlan[]> {
  const found = await rows<PlanRow>(
    tx,
    `SELECT customer_id, activity_id, due_at, missed_at FROM follow_up_plans WHERE customer_id = ANY($1::uuid[])
     ${forUpdate ? 'FOR UPDATE' : ''}`,
    [customerIds],
  );
  return found.map(toPlan);
}

export async function markFollowUpMissed(tx: Tx, customerId: string): Promise<void> {
  await tx.query(
    'UPDATE follow_up_plans SET missed_at = now(), updated_at = now() WHERE customer_id = $1',
    [customerId],
  );
}
