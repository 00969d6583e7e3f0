import { customerReplicaHandlers, findCustomerReplicas } from '@crm/customer-replica';
import { recordAudit, rows, type Tx } from '@crm/database';
import {
  customerMerged,
  customerUpdated,
  on,
  type ConsumedEvent,
  type EventHandler,
} from '@crm/events';
import { lockUnresolvedTicketsOf } from '../db/unresolved-tickets';
import { refreshTicketSla } from '../domain/sla/refresh-ticket-sla';
import { databaseNow } from '../db/database-now';

/** The customer's unresolved tickets pick their SLA policy again; each change is audited. */
async function repickSla(tx: Tx, customerId: string, reason: string) {
  const now = await databaseNow(tx);
  for (const ticket of await lockUnresolvedTicketsOf(tx, customerId)) {
    const { policy } = await refreshTicketSla(tx, ticket, now);
    if ((policy?.id ?? null) === ticket.slaPolicyId) continue;
    await recordAudit(tx, {
      actorId: null,
      action: 'ticket.sla_policy_change',
      entityType: 'Ticket',
      entityId: ticket.id,
      before: { slaPolicyId: ticket.slaPolicyId },
      after: { slaPolicyId: policy?.id ?? null, reason },
    });
  }
}

/** A new tier picks the SLA policy of the customer's unresolved tickets again. */
async function repickOnTierChange(customerId: string, before: string | null, tx: Tx) {
  const [after] = await findCustomerReplicas(tx, [customerId]);
  if (!after || after.tier === before) return;
  await repickSla(
    tx,
    customerId,
    `customer tier changed from ${before ?? 'none'} to ${after.tier ?? 'none'}`,
  );
}

/**
 * A merge moves the merged-away customer's tickets and follow-up visits to the surviving
 * customer (each ticket's move audited), and their open tickets take the SLA policy the
 * survivor's tier picks. Replayed, it finds nothing left to move.
 */
async function moveToSurvivor(event: ConsumedEvent<typeof customerMerged>, tx: Tx) {
  const { sourceId, targetId } = event.data;
  const moved = await rows<{ id: string }>(
    tx,
    'UPDATE tickets SET customer_id = $2, updated_at = now() WHERE customer_id = $1 RETURNING id',
    [sourceId, targetId],
  );
  await tx.query('UPDATE follow_up_visits SET customer_id = $2 WHERE customer_id = $1', [
    sourceId,
    targetId,
  ]);
  for (const { id } of moved)
    await recordAudit(tx, {
      actorId: event.data.mergedBy,
      action: 'ticket.customer_merged',
      entityType: 'Ticket',
      entityId: id,
      before: { customerId: sourceId },
      after: { customerId: targetId },
    });
  if (moved.length) await repickSla(tx, targetId, 'customer merged');
}

/**
 * Sales' customer events: the shared replica handlers, on customer.updated the SLA of the
 * customer's open tickets follows a change of tier, and on customer.merged the tickets and
 * visits move to the surviving customer (after the replica applied the merge).
 */
export const customerHandlers: EventHandler[] = [
  ...customerReplicaHandlers.map((h) =>
    h.definition.type !== customerUpdated.type
      ? h
      : {
          definition: h.definition,
          handle: async (event: ConsumedEvent, tx: Tx) => {
            const { customerId } = (event as ConsumedEvent<typeof customerUpdated>).data;
            const [before] = await findCustomerReplicas(tx, [customerId]);
            await h.handle(event, tx);
            await repickOnTierChange(customerId, before?.tier ?? null, tx);
          },
        },
  ),
  on(customerMerged, moveToSurvivor),
];
