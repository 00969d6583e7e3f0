import type { CampaignChannel } from '../db/campaigns';
import type { CampaignRevenue, CampaignStats } from '../db/performance';
import { divideDecimal, moneyAmount, subtractDecimal, sumDecimals } from './decimal';

export interface Money {
  amount: string;
  currency: string;
}

export interface Funnel {
  leads: number;
  qualified: number;
  converted: number;
  touches: number;
  wonDeals: number;
}

export interface Returns {
  currency: string;
  actualCost: Money;
  /** Revenue in this currency. */
  wonRevenue: Money;
  /** Leads of the campaigns whose cost is in this currency. */
  leads: number;
  costPerLead: Money | null;
  /** (won revenue - actual cost) / actual cost, 4 decimals; null without cost. */
  roi: string | null;
}

export interface CampaignPerformance extends Funnel {
  campaignId: string;
  wonRevenue: Money[];
  actualCost: Money;
  costPerLead: Money | null;
  roi: string | null;
}

export interface ChannelPerformance extends Funnel {
  channel: CampaignChannel;
  campaigns: number;
  wonRevenue: Money[];
  returns: Returns[];
}

export const ROI_DECIMALS = 4;

/** Cost per lead and ROI of one currency (no exchange rates: currencies are never mixed). */
export function returnsOf(currency: string, cost: string, revenue: string, leads: number): Returns {
  return {
    currency,
    actualCost: { amount: moneyAmount(cost), currency },
    wonRevenue: { amount: moneyAmount(revenue), currency },
    leads,
    costPerLead: leads
      ? { amount: divideDecimal(cost, String(leads), 2) ?? '0.00', currency }
      : null,
    roi: divideDecimal(subtractDecimal(revenue, cost), cost, ROI_DECIMALS),
  };
}

const sumBy = <T>(items: T[], value: (item: T) => number) =>
  items.reduce((total, item) => total + value(item), 0);

function revenueOf(revenue: CampaignRevenue[]): Money[] {
  const currencies = [...new Set(revenue.map((r) => r.currency))].sort();
  return currencies.map((currency) => ({
    currency,
    amount: moneyAmount(
      sumDecimals(revenue.filter((r) => r.currency === currency).map((r) => r.amount)),
    ),
  }));
}

/** One campaign's funnel and returns; ROI counts revenue in the campaign's own currency. */
export function campaignPerformance(
  stats: CampaignStats,
  revenue: CampaignRevenue[],
): CampaignPerformance {
  const won = revenueOf(revenue);
  const own = won.find((m) => m.currency === stats.currency)?.amount ?? '0';
  const returns = returnsOf(stats.currency, stats.actualCost, own, stats.leads);
  return {
    campaignId: stats.campaignId,
    leads: stats.leads,
    qualified: stats.qualified,
    converted: stats.converted,
    touches: stats.touches,
    wonDeals: sumBy(revenue, (r) => r.deals),
    wonRevenue: won,
    actualCost: returns.actualCost,
    costPerLead: returns.costPerLead,
    roi: returns.roi,
  };
}

/** Campaigns grouped by channel; costs and revenue stay per currency. */
export function channelPerformance(
  stats: CampaignStats[],
  revenue: CampaignRevenue[],
): ChannelPerformance[] {
  const channels = [...new Set(stats.map((s) => s.channel))].sort();
  return channels.map((channel) => {
    const campaigns = stats.filter((s) => s.channel === channel);
    const ids = new Set(campaigns.map((c) => c.campaignId));
    const channelRevenue = revenue.filter((r) => ids.has(r.campaignId));
    const won = revenueOf(channelRevenue);
    const currencies = [
      ...new Set([...campaigns.map((c) => c.currency), ...won.map((m) => m.currency)]),
    ].sort();
    return {
      channel,
      campaigns: campaigns.length,
      leads: sumBy(campaigns, (c) => c.leads),
      qualified: sumBy(campaigns, (c) => c.qualified),
      converted: sumBy(campaigns, (c) => c.converted),
      touches: sumBy(campaigns, (c) => c.touches),
      wonDeals: sumBy(channelRevenue, (r) => r.deals),
      wonRevenue: won,
      returns: currencies.map((currency) => {
        const inCurrency = campaigns.filter((c) => c.currency === currency);
        return returnsOf(
          currency,
          sumDecimals(inCurrency.map((c) => c.actualCost)),
          won.find((m) => m.currency === currency)?.amount ?? '0',
          sumBy(inCurrency, (c) => c.leads),
        );
      }),
    };
  });
}
