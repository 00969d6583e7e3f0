import { newId, recordAudit } from '@crm/database';
import { feedbackCaptured, publishEvent } from '@crm/events';
import { insertTicketFeedback } from '../db/ticket-feedback';
import type { Ticket } from '../db/tickets';
import { findTicketToChange } from './find-ticket-to-change';
import { flagTicketFeedbackInput } from './ticket-inputs';
import { ticketWrite } from './ticket-use-case';

/**
 * An agent flags a ticket as carrying a feature request or a bug: the customer's words go to
 * product (`feedback.captured`) as a feedback item linked back to the ticket. The ticket itself
 * does not change; any status may be flagged (a closed ticket can still have asked for a feature).
 */
export const flagTicketFeedback = ticketWrite(
  flagTicketFeedbackInput,
  'your roles cannot flag tickets',
  async (tx, input, viewer): Promise<{ ticket: Ticket; feedbackId: string }> => {
    const ticket = await findTicketToChange(tx, viewer, input.ticketId);
    const flag = await insertTicketFeedback(tx, {
      id: newId(),
      ticketId: ticket.id,
      kind: input.kind,
      title: input.title ?? ticket.subject,
      text: input.text,
      flaggedBy: viewer.id,
    });
    // the text may hold personal data: the audit keeps what happened, not what was said
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'ticket.flag_feedback',
      entityType: 'Ticket',
      entityId: ticket.id,
      after: { feedbackId: flag.id, kind: flag.kind, title: flag.title, length: flag.text.length },
    });
    await publishEvent(
      tx,
      feedbackCaptured,
      {
        feedbackId: flag.id,
        ticketId: ticket.id,
        customerId: ticket.customerId,
        kind: flag.kind,
        title: flag.title,
        text: flag.text,
        capturedBy: viewer.id,
        capturedAt: flag.flaggedAt.toISOString(),
        occurredAt: new Date().toISOString(),
      },
      { actorId: viewer.id },
    );
    return { ticket, feedbackId: flag.id };
  },
);
