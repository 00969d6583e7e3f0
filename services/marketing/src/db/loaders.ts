import { scopeOf, type Viewer } from '@crm/auth';
import { Where } from '@crm/database';
import { loaderByKey, loaderOfLists } from '@crm/subgraph';
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

/** Per-request loaders: one SQL query per entity type (or list field) per request. */
export function createLoaders(dataSource: DataSource, viewer: Viewer | null) {
  const db = dataSource.manager;
  return {
    campaign: loaderByKey(
      (ids: readonly string[]) => findCampaignsByIds(db, ids),
      (c) => c.id,
    ),
    lead: loaderByKey(
      (ids: readonly string[]) => findLeadsByIds(db, ids),
      (l) => l.id,
    ),
    segment: loaderByKey(
      (ids: readonly string[]) => findSegmentsByIds(db, ids),
      (s) => s.id,
    ),
    touchesOfLead: loaderOfLists(
      (ids: readonly string[]) => findTouchesOfLeads(db, ids),
      (t) => t.leadId,
    ),
    historyOfLead: loaderOfLists(
      (ids: readonly string[]) => findHistoryOfLeads(db, ids),
      (h) => h.leadId,
    ),
    leadsOfCustomer: loaderOfLists(
      (ids: readonly string[]) => findLeadsOfCustomers(db, ids),
      (l) => l.linkedCustomerId,
    ),
    segmentsOfCustomer: loaderOfLists(
      (ids: readonly string[]) => findSegmentsOfCustomers(db, ids),
      (s) => s.customerId,
    ),
    customerTags: loaderByKey(
      (ids: readonly string[]) => findCustomerTags(db, ids),
      (t) => t.customerId,
    ),
    /** Lead counts of segments within the viewer's scope. */
    segmentCount: loaderByKey(
      (ids: readonly string[]) => {
        const scope = new Where();
        if (viewer) restrictLeads(scope, viewer, scopeOf(viewer, 'marketing.read'));
        return countSegmentLeads(db, ids, scope);
      },
      (c) => c.segmentId,
    ),
    performance: loaderByKey(
      async (ids: readonly string[]) => {
        const stats = await findCampaignStats(db, ids);
        const revenue = await findCampaignRevenue(db, ids);
        return stats.map((s) =>
          campaignPerformance(
            s,
            revenue.filter((r) => r.campaignId === s.campaignId),
          ),
        );
      },
      (p) => p.campaignId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
