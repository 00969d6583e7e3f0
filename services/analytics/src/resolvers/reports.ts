import { viewerOf } from '@crm/subgraph';
import type { QueryResolvers, Resolvers } from '../__generated__/resolvers-types';
import { salesReport } from '../domain/sales-report';
import { serviceReport } from '../domain/service-report';
import { bottlenecks } from '../domain/bottlenecks';

const salesReportQuery: QueryResolvers['salesReport'] = (_, args, ctx) =>
  salesReport(ctx.dataSource.manager, viewerOf(ctx), args, ctx.timeZone);

const serviceReportQuery: QueryResolvers['serviceReport'] = (_, args, ctx) =>
  serviceReport(ctx.dataSource.manager, viewerOf(ctx), args, ctx.timeZone);

const ref = (id: string | null) => (id ? { id } : null);

export const reportResolvers: Resolvers = {
  Query: {
    salesReport: salesReportQuery,
    serviceReport: serviceReportQuery,
    bottlenecks: (_, { first }, ctx) =>
      bottlenecks(ctx.dataSource.manager, viewerOf(ctx), ctx.now, first ?? 20),
  },
  OverdueTask: {
    taskId: (t) => t.task_id,
    customer: (t) => ref(t.customer_id),
    assignee: (t) => ({ id: t.assignee_id }),
    team: (t) => ref(t.team_id),
    dueAt: (t) => t.due_at,
  },
  LeadPastDeadline: {
    lead: (l) => ({ id: l.lead_id }),
    assignee: (l) => ref(l.assignee_id),
    team: (l) => ref(l.team_id),
    dueAt: (l) => l.due_at,
    assignedAt: (l) => l.assigned_at,
  },
  BottleneckTeamCount: {
    team: (c) => ref(c.teamId),
  },
  ServiceReport: {
    breaches: (report, { first }) => report.breaches(first ?? 100),
  },
  ServiceFigures: {
    agent: (f) => ref(f.agentId),
    team: (f) => ref(f.teamId),
  },
  SlaBreach: {
    ticket: (b) => ({ id: b.ticket_id }),
    customer: (b) => ({ id: b.customer_id }),
    dueAt: (b) => b.due_at,
    breachedAt: (b) => b.breached_at,
    agent: (b) => ref(b.agent_id),
  },
  SalesSummary: {
    wonOpportunities: (summary, { first }) => summary.wonOpportunities(first ?? 100),
  },
  FunnelStage: {
    opportunities: (stage, { first }) => stage.opportunities(first ?? 100),
  },
};
