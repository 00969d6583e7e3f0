import { ideaShipped, on } from '@crm/events';
import { followUpTaskForOwner } from './owner-task';

/**
 * Product shipped an idea (architecture reaction 8): the owner of each customer who asked for it
 * gets a task to tell them, due in a day (customers in the public pool have no owner and get
 * none). The inbox keeps a redelivered event from making a second task.
 */
export const shippedHandlers = [
  on(ideaShipped, async (event, tx) => {
    const e = event.data;
    for (const requester of e.requesters) {
      const asked = requester.importance
        ? `they voted for it (${requester.importance.toLowerCase().replace(/_/g, ' ')})`
        : 'they asked for it';
      const note = e.note ? ` Product's note: ${e.note}` : '';
      await followUpTaskForOwner(
        tx,
        requester.customerId,
        `Tell them it shipped: ${e.title}`.slice(0, 200),
        `Idea ${e.ideaId} shipped on ${e.shippedAt}; ${asked}.${note}`,
      );
    }
  }),
];
