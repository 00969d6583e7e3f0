import { can, type Viewer } from '@crm/auth';
import { recordAudit } from '@crm/database';
import { publishEvent, type EventData, type EventDefinition } from '@crm/events';
import { forbidden, parseInput, transactionally, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { saveTicket, type Ticket } from '../db/tickets';
import { findTicketToChange } from './find-ticket-to-change';
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
  apply: (before: Ticket, input: z.infer<S>) => Ticket | null;
  /** What the event carries beyond the ticket's new state (e.g. the previous status). */
  extra: (before: Ticket) => Omit<EventData<D>, keyof Snapshot>;
}

/**
 * A change to an existing ticket: permission, input, the locked ticket, the rule, then the new
 * state, its audit record and its event in one transaction.
 */
export async function changeTicket<
  S extends z.ZodType<{ ticketId: string }>,
  D extends EventDefinition,
>(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<S>,
  change: TicketChange<S, D>,
): Promise<Result<Ticket>> {
  if (!can(viewer, 'tickets.write')) throw forbidden('your roles cannot change tickets');
  const parsed = parseInput(change.input, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const before = await findTicketToChange(tx, viewer, input.ticketId);
    const next = change.apply(before, input);
    if (!next) return before;
    const ticket = await saveTicket(tx, next);
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
  });
}
