import { can, scopeOf, type Viewer } from '@crm/auth';
import { findCustomerReplicas, restrictToReplicaScope } from '@crm/customer-replica';
import { Where } from '@crm/database';
import { loaderByKey, loaderOfLists } from '@crm/subgraph';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { pageTicketsByKey, type KeyedPage, type KeyedPageArgs } from './ticket-lists';
import { countOpenTicketsOf } from './agents';
import { findCalendars } from './business-calendars';
import { findSurveysOfTickets } from './csat-surveys';
import { findVisitsOfTickets } from './follow-up-visits';
import { findClocks } from './sla-clocks';
import { findPolicies } from './sla-policies';
import { findFeedbackOfTickets } from './ticket-feedback';
import { findLinkedTicketIds } from './ticket-links';
import { findThreads, type TicketMessageKind } from './ticket-messages';
import { countUnresolvedTickets, findTicketsByIds } from './tickets';

/** One loader per distinct page arguments: keys asked for with the same arguments share a query. */
function perArgs<A>(
  make: (args: A) => DataLoader<string, KeyedPage[]>,
): (args: A) => DataLoader<string, KeyedPage[]> {
  const loaders = new Map<string, DataLoader<string, KeyedPage[]>>();
  return (args) => {
    const key = JSON.stringify(args);
    let loader = loaders.get(key);
    if (!loader) {
      loader = make(args);
      loaders.set(key, loader);
    }
    return loader;
  };
}

/** Per-request loaders: one SQL query per entity type (and per list field) per request. */
export function createLoaders(dataSource: DataSource, viewer: Viewer | null) {
  const tx = dataSource.manager;
  // internal notes are for staff who work tickets
  const kinds: TicketMessageKind[] =
    viewer && can(viewer, 'tickets.write') ? ['REPLY', 'NOTE', 'CUSTOMER'] : ['REPLY', 'CUSTOMER'];
  return {
    thread: loaderOfLists(
      (ids: readonly string[]) => findThreads(tx, ids, kinds),
      (m) => m.ticketId,
    ),
    slaClocks: loaderOfLists(
      (ids: readonly string[]) => findClocks(tx, ids),
      (c) => c.ticketId,
    ),
    slaPolicy: loaderByKey(
      (ids: readonly string[]) => findPolicies(tx, ids),
      (p) => p.id,
    ),
    calendar: loaderByKey(
      (ids: readonly string[]) => findCalendars(tx, ids),
      (c) => c.id,
    ),
    survey: loaderByKey(
      (ids: readonly string[]) => findSurveysOfTickets(tx, ids),
      (s) => s.ticketId,
    ),
    visits: loaderOfLists(
      (ids: readonly string[]) => findVisitsOfTickets(tx, ids),
      (v) => v.ticketId,
    ),
    openLoad: loaderByKey(
      (ids: readonly string[]) => countOpenTicketsOf(tx, ids),
      (l) => l.employeeId,
    ),
    feedbackFlags: loaderOfLists(
      (ids: readonly string[]) => findFeedbackOfTickets(tx, ids),
      (f) => f.ticketId,
    ),
    linkedIds: loaderOfLists(
      (ids: readonly string[]) => findLinkedTicketIds(tx, ids),
      (l) => l.ticketId,
    ),
    ticket: loaderByKey(
      (ids: readonly string[]) => findTicketsByIds(tx, ids),
      (t) => t.id,
    ),
    customer: loaderByKey(
      (ids: readonly string[]) => findCustomerReplicas(tx, ids),
      (c) => c.id,
    ),
    unresolvedCount: loaderByKey(
      (ids: readonly string[]) => countUnresolvedTickets(tx, ids),
      (c) => c.customerId,
    ),
    // Visibility of a customer's tickets is decided per customer before this loader is asked.
    ticketsOfCustomer: perArgs((args: KeyedPageArgs) =>
      loaderOfLists(
        (ids: readonly string[]) => pageTicketsByKey(tx, 'customer_id', ids, args, new Where()),
        (r) => r.key,
      ),
    ),
    // An assignee's tickets span customers: the viewer's scope filters them in SQL.
    ticketsOfAssignee: perArgs((args: KeyedPageArgs) => {
      const scope = new Where();
      if (viewer) restrictToReplicaScope(scope, viewer, scopeOf(viewer, 'tickets.read'));
      return loaderOfLists(
        (ids: readonly string[]) => pageTicketsByKey(tx, 'assignee_id', ids, args, scope),
        (r) => r.key,
      );
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
