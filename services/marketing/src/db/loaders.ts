import { scopeOf, type Viewer } from '@crm/auth';
import { findCustomerReplicas } from '@crm/customer-replica';
import { Where } from '@crm/database';
import { idsOnly, loaderByKey, loaderOfLists } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { campaignPerformance } from '../domain/performance';
import { restrictLeads } from '../domain/lead-visibility';
import { findCampaignsByIds } from './campaigns';
import { findCustomerTags } from './customer-tags';
import { findHistoryOfLeads } from './lead-history';
import { findLeadsByIds, findLeadsOfCustomers } from './leads';
import { findCampaignRevenue, findCampaignStats } from './performance';
import { countSegmentLeads, findSegmentsByIds, findSegmentsOfCustomers } from './segments';
import { findTouchesOfLeads } from './touches';

/**
 * Per-request loaders: one SQL query per entity type (or list field) per request; malformed ids
 * find nothing.
 */
export function createLoaders(dataSource: DataSource, viewer: Viewer | null) {
  const db = dataSource.manager;
  return {
    campaign: loaderByKey(
      idsOnly((ids) => findCampaignsByIds(db, ids)),
      (c) => c.id,
    ),
    lead: loaderByKey(
      idsOnly((ids) => findLeadsByIds(db, ids)),
      (l) => l.id,
    ),
    segment: loaderByKey(
      idsOnly((ids) => findSegmentsByIds(db, ids)),
      (s) => s.id,
    ),
    touchesOfLead: loaderOfLists(
      idsOnly((ids) => findTouchesOfLeads(db, ids)),
      (t) => t.leadId,
    ),
    historyOfLead: loaderOfLists(
      idsOnly((ids) => findHistoryOfLeads(db, ids)),
      (h) => h.leadId,
    ),
    leadsOfCustomer: loaderOfLists(
      idsOnly((ids) => findLeadsOfCustomers(db, ids)),
      (l) => l.linkedCustomerId,
    ),
    segmentsOfCustomer: loaderOfLists(
      idsOnly((ids) => findSegmentsOfCustomers(db, ids)),
      (s) => s.customerId,
    ),
    /** Sales' customers as marketing's replica knows them (owner, backup owner, team). */
    customer: loaderByKey(
      idsOnly((ids) => findCustomerReplicas(db, ids)),
      (c) => c.id,
    ),
    customerTags: loaderByKey(
      idsOnly((ids) => findCustomerTags(db, ids)),
      (t) => t.customerId,
    ),
    /** Lead counts of segments within the viewer's scope. */
    segmentCount: loaderByKey(
      idsOnly((ids) => {
        const scope = new Where();
        if (viewer) restrictLeads(scope, viewer, scopeOf(viewer, 'marketing.read'));
        return countSegmentLeads(db, ids, scope);
      }),
      (c) => c.segmentId,
    ),
    performance: loaderByKey(
      idsOnly(async (ids) => {
        const stats = await findCampaignStats(db, ids);
        const revenue = await findCampaignRevenue(db, ids);
        return stats.map((s) =>
          campaignPerformance(
            s,
            revenue.filter((r) => r.campaignId === s.campaignId),
          ),
        );
      }),
      (p) => p.campaignId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
