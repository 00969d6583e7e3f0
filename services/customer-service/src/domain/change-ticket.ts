import type { Viewer } from '@crm/auth';
import { recordAudit, type Tx } from '@crm/database';
import { publishEvent, type EventData, type EventDefinition } from '@crm/events';
import { type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { ticketWrite } from './ticket-use-case';
import type { z } from 'zod';
import { saveTicket, type Ticket } from '../db/tickets';
import { findTicketToChange } from './find-ticket-to-change';
import { refreshTicketSla } from './sla/refresh-ticket-sla';
import { databaseNow } from '../db/database-now';
import { auditView, ticketSnapshot } from './ticket-events';

type Snapshot = ReturnType<typeof ticketSnapshot>;

export interface TicketChange<
  S extends z.ZodType<{ ticketId: string }>,
  D extends EventDefinition,
> {
  input: S;
  /** Audit action, e.g. `ticket.assign`. */
  action: string;
  event: D;
  /** The ticket after the change, or null when the input changes nothing; throws UserErrors to refuse. */
  apply: (before: Ticket, input: z.infer<S>, tx: Tx) => Ticket | null | Promise<Ticket | null>;
  /** More work in the same transaction once the change is saved (e.g. the survey on RESOLVED). */
  after?: (tx: Tx, ticket: Ticket, before: Ticket) => Promise<void>;
  /** What the event carries beyond the ticket's new state (e.g. the previous status). */
  extra: (before: Ticket) => Omit<EventData<D>, keyof Snapshot>;
}

/**
 * A change to an existing ticket: permission, input, the locked ticket, the rule, then the new
 * state, its audit record and its event in one transaction.
 */
export function changeTicket<S extends z.ZodType<{ ticketId: string }>, D extends EventDefinition>(
  dataSource: DataSource,
  viewer: Viewer,
  raw: unknown,
  change: TicketChange<S, D>,
): Promise<Result<Ticket>> {
  const refusal = 'your roles cannot change tickets';
  return ticketWrite(change.input, refusal, async (tx, input) => {
    const before = await findTicketToChange(tx, viewer, input.ticketId);
    const next = await change.apply(before, input, tx);
    if (!next) return before;
    const ticket = await saveTicket(tx, next);
    await refreshTicketSla(tx, ticket, await databaseNow(tx));
    await change.after?.(tx, ticket, before);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: change.action,
      entityType: 'Ticket',
      entityId: ticket.id,
      before: auditView(before),
      after: auditView(ticket),
    });
    const data = { ...ticketSnapshot(ticket), ...change.extra(before) } as EventData<D>;
    await publishEvent(tx, change.event, data, { actorId: viewer.id });
    return ticket;
  })(dataSource, viewer, raw);
}
