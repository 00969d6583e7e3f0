import { scopeOf } from '@crm/auth';
import { forbidden, viewerOf } from '@crm/subgraph';
import type { MarketingContext as Ctx } from '../context';
import {
  findScoringRules,
  findScoringSettings,
  type ScoringRule,
  type ScoringSettings,
} from '../db/scoring';

/** Scoring is marketing's business: readable by those who read all marketing records. */
export async function leadScoring(ctx: Ctx) {
  if (scopeOf(viewerOf(ctx), 'marketing.read') !== 'all')
    throw forbidden('your roles cannot read the lead scoring rules');
  return findScoringSettings(ctx.dataSource.manager);
}

export const leadScoringResolvers = {
  rules: (_: ScoringSettings, __: unknown, ctx: Ctx) => findScoringRules(ctx.dataSource.manager),
};

export const scoringRuleResolvers = {
  campaign: (r: ScoringRule, _: unknown, ctx: Ctx) =>
    r.campaignId ? ctx.loaders.campaign.load(r.campaignId) : null,
};
