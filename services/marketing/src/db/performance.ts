import { rows, type Tx } from '@crm/database';
import type { CampaignChannel } from './campaigns';

export interface CampaignStats {
  campaignId: string;
  channel: CampaignChannel;
  currency: string;
  actualCost: string;
  /** Leads this campaign brought in first. */
  leads: number;
  qualified: number;
  converted: number;
  /** Captures and engagements in this campaign, duplicates of known leads included. */
  touches: number;
}

export interface CampaignRevenue {
  campaignId: string;
  currency: string;
  amount: string;
  deals: number;
}

/** Funnel counts of the given campaigns (all campaigns when `ids` is null). */
export async function findCampaignStats(
  tx: Tx,
  ids: readonly string[] | null,
): Promise<CampaignStats[]> {
  return rows<CampaignStats>(
    tx,
    `SELECT c.id AS "campaignId", c.channel, c.currency, c.actual_cost::text AS "actualCost",
       l.leads::int AS leads, l.qualified::int AS qualified, l.converted::int AS converted,
       t.touches::int AS touches
     FROM campaigns c
     CROSS JOIN LATERAL (
       SELECT count(*) AS leads, count(qualified_at) AS qualified,
         count(*) FILTER (WHERE status = 'CONVERTED') AS converted
       FROM leads WHERE campaign_id = c.id
     ) l
     CROSS JOIN LATERAL (SELECT count(*) AS touches FROM lead_touches WHERE campaign_id = c.id) t
     WHERE $1::uuid[] IS NULL OR c.id = ANY($1::uuid[])`,
    [ids],
  );
}

/** Won revenue credited to the given campaigns, per currency. */
export async function findCampaignRevenue(
  tx: Tx,
  ids: readonly string[] | null,
): Promise<CampaignRevenue[]> {
  return rows<CampaignRevenue>(
    tx,
    `SELECT campaign_id AS "campaignId", currency, sum(amount)::text AS amount, count(*)::int AS deals
     FROM attributions
     WHERE campaign_id IS NOT NULL AND ($1::uuid[] IS NULL OR campaign_id = ANY($1::uuid[]))
     GROUP BY campaign_id, currency ORDER BY currency`,
    [ids],
  );
}
