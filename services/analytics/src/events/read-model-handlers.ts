import { customerReplicaHandlers } from '@crm/customer-replica';
import {
  feedbackRecorded,
  feedbackStatusChanged,
  on,
  ticketAssigned,
  ticketOpened,
  ticketStatusChanged,
  type ConsumedEvent,
  type EventHandler,
} from '@crm/events';
import type { Tx } from '@crm/database';
import { touchActivity, upsertFeedbackFact, upsertTicketFact } from '../db/facts';

// Every handler is idempotent and order-tolerant (versions for facts, GREATEST for activity
// times), so replaying the topics from the beginning rebuilds the same read model.

async function applyTicket(event: ConsumedEvent<typeof ticketOpened>, tx: Tx): Promise<void> {
  const t = event.data;
  await upsertTicketFact(tx, {
    ticketId: t.ticketId,
    customerId: t.customerId,
    status: t.status,
    priority: t.priority,
    openedAt: t.openedAt,
    version: t.version,
  });
  await touchActivity(tx, t.customerId, event.time);
}

async function applyFeedback(event: ConsumedEvent<typeof feedbackRecorded>, tx: Tx): Promise<void> {
  const f = event.data;
  await upsertFeedbackFact(tx, {
    feedbackId: f.feedbackId,
    customerId: f.customerId,
    kind: f.kind,
    status: f.status,
    recordedAt: f.recordedAt,
    version: f.version,
  });
  await touchActivity(tx, f.customerId, event.time);
}

/** Sales' customer events: the shared replica, plus the customer's last activity. */
const customerHandlers: EventHandler[] = customerReplicaHandlers.map((replica) => ({
  definition: replica.definition,
  handle: async (event, tx) => {
    await replica.handle(event, tx);
    const { customerId } = event.data as { customerId: string };
    await touchActivity(tx, customerId, event.time);
  },
}));

/** Everything analytics builds its read models from. */
export const readModelHandlers: EventHandler[] = [
  ...customerHandlers,
  on(ticketOpened, applyTicket),
  on(ticketAssigned, applyTicket),
  on(ticketStatusChanged, applyTicket),
  on(feedbackRecorded, applyFeedback),
  on(feedbackStatusChanged, applyFeedback),
];
