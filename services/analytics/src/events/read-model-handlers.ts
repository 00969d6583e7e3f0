import { customerReplicaHandlers } from '@crm/customer-replica';
import {
  feedbackRecorded,
  feedbackStatusChanged,
  on,
  ticketAssigned,
  ticketOpened,
  ticketPriorityChanged,
  ticketStatusChanged,
  type ConsumedEvent,
  type EventHandler,
} from '@crm/events';
import type { Tx } from '@crm/database';
import { touchActivity, upsertFeedbackFact, upsertTicketFact } from '../db/facts';
import { upsertCustomerDims } from '../db/report-facts';
import { refreshHealth } from '../domain/refresh-health';
import { reportHandlers } from './report-handlers';

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
    assigneeId: t.assigneeId,
    resolvedAt: t.resolvedAt,
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

interface SnapshotLike {
  customerId: string;
  region?: string | null;
  tier?: string | null;
  version?: number;
}

/** Sales' customer events: the shared replica, the report dimensions and the last activity. */
const customerHandlers: EventHandler[] = customerReplicaHandlers.map((replica) => ({
  definition: replica.definition,
  handle: async (event, tx) => {
    await replica.handle(event, tx);
    // a merge carries the surviving customer's snapshot as `target`
    const data = event.data as SnapshotLike & { target?: SnapshotLike };
    const c = data.target ?? data;
    if (c.region !== undefined && c.tier !== undefined && c.version !== undefined)
      await upsertCustomerDims(tx, {
        customerId: c.customerId,
        region: c.region,
        tier: c.tier,
        version: c.version,
      });
    await touchActivity(tx, c.customerId, event.time);
  },
}));

/** The customer an event is about, if any (a merge: the surviving customer). */
function customerOf(data: unknown): string | null {
  const d = data as { customerId?: string | null; targetId?: string };
  return d.customerId ?? d.targetId ?? null;
}

/** After each handler, the customer the event is about is scored again (see refreshHealth). */
function scoringHealth(handlers: EventHandler[]): EventHandler[] {
  return handlers.map(({ definition, handle }) => ({
    definition,
    handle: async (event, tx) => {
      await handle(event, tx);
      const customerId = customerOf(event.data);
      if (customerId) await refreshHealth(tx, customerId, new Date(event.time), event.id);
    },
  }));
}

/** Everything analytics builds its read models from. */
export const readModelHandlers: EventHandler[] = scoringHealth([
  ...customerHandlers,
  on(ticketOpened, applyTicket),
  on(ticketAssigned, applyTicket),
  on(ticketStatusChanged, applyTicket),
  on(ticketPriorityChanged, applyTicket),
  on(feedbackRecorded, applyFeedback),
  on(feedbackStatusChanged, applyFeedback),
  ...reportHandlers,
]);
