import { feedbackCaptured, on } from '@crm/events';
import { takeInFeedback } from '../domain/take-in-feedback';

/**
 * Customer service's flagged tickets (architecture reaction 6): each becomes a feedback item
 * with the customer's words, linked back to the ticket, under the id customer service gave it.
 */
export const captureHandlers = [
  on(feedbackCaptured, async (event, tx) => {
    const e = event.data;
    await takeInFeedback(tx, {
      id: e.feedbackId,
      customerId: e.customerId,
      kind: e.kind,
      title: e.title.slice(0, 200),
      body: e.text,
      source: 'SERVICE',
      origin: 'TICKET',
      originId: e.ticketId,
      createdBy: e.capturedBy,
    });
  }),
];
