import type { Viewer } from '@crm/auth';
import { auditLogResolver, payload, viewerOf, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { MarketingContext as Ctx } from '../context';
import type { Lead } from '../db/leads';
import type { Touch } from '../db/touches';
import { captureLead } from '../domain/capture-lead';
import {
  deleteCampaign,
  rotateCampaignFormKey,
  setCampaignStatus,
  updateCampaign,
} from '../domain/change-campaign';
import { createCampaign } from '../domain/create-campaign';
import { qualifyLead, recordEngagement, tagLeads, updateLead } from '../domain/manage-leads';
import {
  createScoringRule,
  setQualificationThreshold,
  updateScoringRule,
} from '../domain/manage-scoring';
import { createSegment, deleteSegment, updateSegment } from '../domain/manage-segments';
import { tagCustomer } from '../domain/tag-customer';
import {
  campaignById,
  campaignResolvers,
  campaignsConnection,
  channelPerformanceReport,
  mayReadMarketing,
  performanceOf,
  performanceResolvers,
} from './campaign';
import { customerResolvers } from './customer';
import {
  historyResolvers,
  leadResolvers,
  leadsConnection,
  touchResolvers,
  visibleLead,
  visibleTouch,
} from './lead';
import { leadScoring, leadScoringResolvers, scoringRuleResolvers } from './scoring';
import {
  segmentById,
  segmentFilterResolvers,
  segmentResolvers,
  segmentsConnection,
} from './segment';

type UseCase<I, T> = (dataSource: DataSource, viewer: Viewer, input: I) => Promise<Result<T>>;

/**
 * A mutation resolver: runs the use case with the request's viewer and answers with its payload
 * `{ <key>: value, userErrors }`. Each use case validates its input itself (field-level errors).
 */
function mutation<K extends string, I, T>(key: K, useCase: UseCase<I, T>) {
  return async (_: unknown, { input }: { input: I }, ctx: Ctx) =>
    payload(key, await useCase(ctx.dataSource, viewerOf(ctx), input));
}

/**
 * The same for a use case that records a touch (`{ lead, touch }`): the touch's payload shows
 * only to those who may see the lead's contact data.
 */
function touchMutation<I, T extends { lead: Lead; touch: Touch }>(
  useCase: UseCase<I, T>,
  empty: Record<keyof T, null>,
) {
  return async (_: unknown, { input }: { input: I }, ctx: Ctx) => {
    const result = await useCase(ctx.dataSource, viewerOf(ctx), input);
    if (!result.ok) return { ...empty, userErrors: result.errors };
    const { lead, touch } = result.value;
    return { ...result.value, touch: visibleTouch(touch, lead, ctx), userErrors: [] };
  };
}

export const resolvers: Resolvers = {
  Query: {
    campaign: (_, { id }, ctx) => campaignById(id, ctx),
    campaigns: (_, args, ctx) => campaignsConnection(args, ctx),
    campaignPerformance: (_, { id }, ctx) => performanceOf(id, ctx),
    channelPerformance: (_, __, ctx) => channelPerformanceReport(ctx),
    lead: (_, { id }, ctx) => {
      mayReadMarketing(viewerOf(ctx));
      return visibleLead(id, ctx);
    },
    leads: (_, args, ctx) => leadsConnection(args, ctx),
    segment: (_, { id }, ctx) => segmentById(id, ctx),
    segments: (_, args, ctx) => segmentsConnection(args, ctx),
    leadScoring: (_, __, ctx) => leadScoring(ctx),
    marketingAuditLog: auditLogResolver<Ctx>((ctx) => ctx.dataSource),
  },
  Mutation: {
    createCampaign: mutation('campaign', createCampaign),
    updateCampaign: mutation('campaign', updateCampaign),
    setCampaignStatus: mutation('campaign', setCampaignStatus),
    rotateCampaignFormKey: mutation('campaign', rotateCampaignFormKey),
    deleteCampaign: mutation('deletedCampaignId', deleteCampaign),
    captureLead: touchMutation(captureLead, { lead: null, touch: null, duplicate: null }),
    updateLead: mutation('lead', updateLead),
    tagLeads: mutation('leads', tagLeads),
    recordEngagement: touchMutation(recordEngagement, { lead: null, touch: null }),
    qualifyLead: mutation('lead', qualifyLead),
    createScoringRule: mutation('rule', createScoringRule),
    updateScoringRule: mutation('rule', updateScoringRule),
    setQualificationThreshold: mutation('leadScoring', setQualificationThreshold),
    createSegment: mutation('segment', createSegment),
    updateSegment: mutation('segment', updateSegment),
    deleteSegment: mutation('deletedSegmentId', deleteSegment),
    tagCustomer: mutation('customer', tagCustomer),
  },
  Campaign: campaignResolvers,
  CampaignPerformance: performanceResolvers,
  Lead: leadResolvers,
  LeadTouch: touchResolvers,
  LeadHistoryEntry: historyResolvers,
  LeadScoring: leadScoringResolvers,
  ScoringRule: scoringRuleResolvers,
  Segment: segmentResolvers,
  SegmentFilter: segmentFilterResolvers,
  Customer: customerResolvers,
  Employee: {
    __resolveReference: (ref) => ref,
    campaigns: (employee, args, ctx) =>
      campaignsConnection({ ...args, filter: { ownerIds: [employee.id] } }, ctx),
    assignedLeads: (employee, args, ctx) =>
      leadsConnection({ ...args, filter: { assigneeIds: [employee.id] } }, ctx),
  },
};
