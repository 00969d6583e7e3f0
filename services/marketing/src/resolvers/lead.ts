import { maskEmail, maskPhone, scopeOf } from '@crm/auth';
import { Where } from '@crm/database';
import {
  decodeCursor,
  pageSize,
  requireIds,
  toConnection,
  viewerOf,
  type PageArgs,
} from '@crm/subgraph';
import type { LeadOrder, QueryLeadsArgs, SortDirection } from '../__generated__/resolvers-types';
import type { MarketingContext as Ctx } from '../context';
import type { HistoryEntry } from '../db/lead-history';
import { filterLeads, leadSortKey, listLeads, type Lead, type LeadSortField } from '../db/leads';
import type { Page } from '../db/paging';
import type { Touch } from '../db/touches';
import { maskName, mayReach, restrictLeads } from '../domain/lead-visibility';
import { mayReadMarketing } from './campaign';

export type LeadSort = { field: LeadSortField; direction: SortDirection };

export const leadOrder = (args: { orderBy?: LeadOrder | null }): LeadSort => ({
  field: args.orderBy?.field ?? 'CREATED_AT',
  direction: args.orderBy?.direction ?? 'DESC',
});

/** A lead the viewer may see, or null (not found and not visible look the same). */
export async function visibleLead(id: string, ctx: Ctx): Promise<Lead | null> {
  const lead = await ctx.loaders.lead.load(id);
  return lead && mayReach(viewerOf(ctx), 'marketing.read', lead) ? lead : null;
}

/** A page of leads within the viewer's scope; `fetch` gets the scope and the page. */
export async function leadPage(
  args: PageArgs & { orderBy?: LeadOrder | null },
  ctx: Ctx,
  fetch: (
    where: Where,
    sort: LeadSort,
    page: { limit: number; after: unknown[] | null },
  ) => Promise<Page<Lead>>,
) {
  const viewer = viewerOf(ctx);
  mayReadMarketing(viewer);
  const first = pageSize(args);
  const sort = leadOrder(args);
  const where = new Where();
  restrictLeads(where, viewer, scopeOf(viewer, 'marketing.read'));
  const { rows, total } = await fetch(where, sort, {
    limit: first,
    after: decodeCursor(args.after),
  });
  for (const row of rows) ctx.loaders.lead.prime(row.id, row);
  return toConnection(rows, first, total, (l) => [leadSortKey(l, sort.field), l.id]);
}

export function leadsConnection(args: QueryLeadsArgs, ctx: Ctx) {
  const { filter } = args;
  requireIds({
    'filter.campaignIds': filter?.campaignIds,
    'filter.assigneeIds': filter?.assigneeIds,
    'filter.customerId': filter?.customerId,
  });
  const contactKeys = scopeOf(viewerOf(ctx), 'marketing.contact') !== 'none';
  return leadPage(args, ctx, (where, sort, page) => {
    // a viewer's contact scope is their read scope (or none): within it, contact data may match
    filterLeads(where, filter ?? {}, { contactKeys });
    return listLeads(ctx.dataSource.manager, where, sort, page);
  });
}

const contactVisible = (lead: Lead, ctx: Ctx) => mayReach(viewerOf(ctx), 'marketing.contact', lead);
const employee = (id: string | null) => (id ? { __typename: 'Employee', id } : null);
const customer = (id: string | null) => (id ? { __typename: 'Customer', id } : null);

/** A touch with what the viewer may see of its payload. */
export type VisibleTouch = Touch & { contactVisible: boolean };

export const visibleTouch = (touch: Touch, lead: Lead, ctx: Ctx): VisibleTouch => ({
  ...touch,
  contactVisible: contactVisible(lead, ctx),
});

export const leadResolvers = {
  __resolveReference: (ref: { id: string }, ctx: Ctx) =>
    scopeOf(viewerOf(ctx), 'marketing.read') === 'none' ? null : visibleLead(ref.id, ctx),
  name: (l: Lead, _: unknown, ctx: Ctx) => (contactVisible(l, ctx) ? l.name : maskName(l.name)),
  phone: (l: Lead, _: unknown, ctx: Ctx) => (contactVisible(l, ctx) ? l.phone : maskPhone(l.phone)),
  email: (l: Lead, _: unknown, ctx: Ctx) => (contactVisible(l, ctx) ? l.email : maskEmail(l.email)),
  campaign: (l: Lead, _: unknown, ctx: Ctx) =>
    l.campaignId ? ctx.loaders.campaign.load(l.campaignId) : null,
  consent: (l: Lead, _: unknown, ctx: Ctx) =>
    l.consent && !contactVisible(l, ctx) ? { ...l.consent, ip: null, userAgent: null } : l.consent,
  touches: async (l: Lead, _: unknown, ctx: Ctx): Promise<VisibleTouch[]> =>
    (await ctx.loaders.touchesOfLead.load(l.id)).map((t) => visibleTouch(t, l, ctx)),
  history: (l: Lead, _: unknown, ctx: Ctx) => ctx.loaders.historyOfLead.load(l.id),
  matchedCustomer: (l: Lead) => customer(l.matchedCustomerId),
  customer: (l: Lead) => customer(l.customerId),
  assignee: (l: Lead) => employee(l.assigneeId),
};

export const touchResolvers = {
  campaign: (t: VisibleTouch, _: unknown, ctx: Ctx) =>
    t.campaignId ? ctx.loaders.campaign.load(t.campaignId) : null,
  payload: (t: VisibleTouch) => (t.contactVisible ? t.payload : null),
};

export const historyResolvers = {
  actor: (h: HistoryEntry) => employee(h.actorId),
};
