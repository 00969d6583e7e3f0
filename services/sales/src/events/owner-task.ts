import { newId, recordAudit, rows, type Tx } from '@crm/database';
import { findCustomer } from '../db/customers';
import { findDirectoryEmployee } from '../db/directory';
import { insertTask } from '../db/tasks';
import { scheduleTaskJobs } from '../domain/followups/tasks';

/** A day to call the customer back. */
const FOLLOW_UP_MS = 86_400_000;

/**
 * A follow-up task for the customer's owner (in their agenda), due in a day; a customer without
 * an owner (the public pool) gets none. Audited with no actor: the system made it.
 */
export async function followUpTaskForOwner(
  tx: Tx,
  customerId: string,
  title: string,
  notes: string,
): Promise<void> {
  const customer = await findCustomer(tx, customerId);
  if (!customer?.ownerId) return;
  const owner = await findDirectoryEmployee(tx, customer.ownerId);
  const [{ now }] = await rows<{ now: Date }>(tx, 'SELECT now() AS now', []);
  const task = await insertTask(tx, {
    id: newId(),
    customerId: customer.id,
    opportunityId: null,
    title,
    notes,
    dueAt: new Date(now.getTime() + FOLLOW_UP_MS),
    remindAt: null,
    assigneeId: customer.ownerId,
    teamId: owner?.teamId ?? customer.teamId,
    createdBy: null,
  });
  await scheduleTaskJobs(tx, task);
  await recordAudit(tx, {
    actorId: null,
    action: 'task.create',
    entityType: 'Task',
    entityId: task.id,
    after: task,
  });
}
