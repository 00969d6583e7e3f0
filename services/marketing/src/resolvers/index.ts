import type { Viewer } from '@crm/auth';
import { auditLogResolver, payload, viewerOf, type PageArgs, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { MarketingContext as Ctx } from '../context';
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
  type CampaignsArgs,
} from './campaign';
import { customerResolvers } from './customer';
import {
  historyResolvers,
  leadResolvers,
  leadsConnection,
  touchResolvers,
  visibleLead,
  type LeadsArgs,
} from './lead';
import { leadScoring, leadScoringResolvers, scoringRuleResolvers } from './scoring';
import {
  segmentById,
  segmentFilterResolvers,
  segmentResolvers,
  segmentsConnection,
} from './segment';

type UseCase<T> = (dataSource: DataSource, viewer: Viewer, input: never) => Promise<Result<T>>;

/**
 * A mutation resolver: runs the use case with the request's viewer and answers with its payload
 * `{ <key>: value, userErrors }`. Each use case validates its input itself (field-level errors).
 */
function mutation<T>(key: string, useCase: UseCase<T>) {
  return async (_: unknown, { input }: { input: never }, ctx: Ctx) =>
    payload(key, await useCase(ctx.dataSource, viewerOf(ctx), input));
}

/** The same for a use case whose value holds the payload's fields (`{ lead, touch }`). */
function spreadMutation<T extends object>(useCase: UseCase<T>, empty: Record<keyof T, null>) {
  return async (_: unknown, { input }: { input: never }, ctx: Ctx) => {
    const result = await useCase(ctx.dataSource, viewerOf(ctx), input);
    return result.ok
      ? { ...result.value, userErrors: [] }
      : { ...empty, userErrors: result.errors };
  };
}

export const resolvers = {
  Query: {
    campaign: (_: unknown, { id }: { id: string }, ctx: Ctx) => campaignById(id, ctx),
    campaigns: (_: unknown, args: CampaignsArgs, ctx: Ctx) => campaignsConnection(args, ctx),
    campaignPerformance: (_: unknown, { id }: { id: string }, ctx: Ctx) => performanceOf(id, ctx),
    channelPerformance: (_: unknown, __: unknown, ctx: Ctx) => channelPerformanceReport(ctx),
    lead: (_: unknown, { id }: { id: string }, ctx: Ctx) => {
      mayReadMarketing(viewerOf(ctx));
      return visibleLead(id, ctx);
    },
    leads: (_: unknown, args: LeadsArgs, ctx: Ctx) => leadsConnection(args, ctx),
    segment: (_: unknown, { id }: { id: string }, ctx: Ctx) => segmentById(id, ctx),
    segments: (_: unknown, args: PageArgs, ctx: Ctx) => segmentsConnection(args, ctx),
    leadScoring: (_: unknown, __: unknown, ctx: Ctx) => leadScoring(ctx),
    marketingAuditLog: auditLogResolver<Ctx>((ctx) => ctx.dataSource),
  },
  Mutation: {
    createCampaign: mutation('campaign', createCampaign),
    updateCampaign: mutation('campaign', updateCampaign),
    setCampaignStatus: mutation('campaign', setCampaignStatus),
    rotateCampaignFormKey: mutation('campaign', rotateCampaignFormKey),
    deleteCampaign: mutation('deletedCampaignId', deleteCampaign),
    captureLead: spreadMutation(captureLead, { lead: null, touch: null, duplicate: null }),
    updateLead: mutation('lead', updateLead),
    tagLeads: mutation('leads', tagLeads),
    recordEngagement: spreadMutation(recordEngagement, { lead: null, touch: null }),
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
    __resolveReference: (ref: { id: string }) => ref,
    campaigns: (employee: { id: string }, args: PageArgs, ctx: Ctx) =>
      campaignsConnection({ ...args, filter: { ownerIds: [employee.id] } }, ctx),
    assignedLeads: (employee: { id: string }, args: PageArgs, ctx: Ctx) =>
      leadsConnection({ ...args, filter: { assigneeIds: [employee.id] } }, ctx),
  },
};
