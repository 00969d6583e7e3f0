import { scopeOf } from '@crm/auth';
import { Where } from '@crm/database';
import {
  decodeCursor,
  pageSize,
  payload,
  toConnection,
  viewerOf,
  type PageArgs,
} from '@crm/subgraph';
import type { SalesContext as Ctx } from '../context';
import { listActivities, type Activity, type ActivityKind } from '../db/activities';
import type { FollowUpDue } from '../db/agenda';
import { pipelineLoaders } from '../db/pipeline-loaders';
import { listTasks, type Task, type TaskStatus } from '../db/tasks';
import { agendaOf } from '../domain/followups/agenda';
import { logActivity } from '../domain/followups/log-activity';
import { createTask, finishTask, updateTask } from '../domain/followups/tasks';
import { mayReach, restrictAssigned } from '../domain/opportunities/scope';
import { allowed, restrictToScope } from '../domain/visibility';
import { activityHooks } from './activity-hooks';
import { visibleCustomer } from './customer';

type Input = { input: Record<string, unknown> };
const employee = (id: string | null) => (id ? { __typename: 'Employee', id } : null);

interface ActivitiesArgs extends PageArgs {
  filter?: {
    customerIds?: string[] | null;
    ownerIds?: string[] | null;
    kinds?: ActivityKind[] | null;
    occurredFrom?: Date | null;
    occurredTo?: Date | null;
  } | null;
}

interface TasksArgs extends PageArgs {
  filter?: {
    assigneeIds?: string[] | null;
    customerIds?: string[] | null;
    statuses?: TaskStatus[] | null;
    overdue?: boolean | null;
    dueBefore?: Date | null;
  } | null;
}

/** Activities are seen with the customer they are about (the customers scope of followups.read). */
async function activitiesConnection(args: ActivitiesArgs, ctx: Ctx) {
  const viewer = viewerOf(ctx);
  const first = pageSize(args);
  const where = new Where();
  restrictToScope(where, viewer, scopeOf(viewer, 'followups.read'));
  const f = args.filter ?? {};
  if (f.customerIds?.length) where.add('a.customer_id = ANY(?::uuid[])', f.customerIds);
  if (f.ownerIds?.length) where.add('a.owner_id = ANY(?::uuid[])', f.ownerIds);
  if (f.kinds?.length) where.add('a.kind = ANY(?::text[])', f.kinds);
  if (f.occurredFrom) where.add('a.occurred_at >= ?', f.occurredFrom);
  if (f.occurredTo) where.add('a.occurred_at < ?', f.occurredTo);
  const { rows, total } = await listActivities(ctx.dataSource.manager, where, {
    limit: first,
    after: decodeCursor(args.after) as [string, string] | null,
  });
  return toConnection(rows, first, total, (a) => [a.occurredAt.toISOString(), a.id]);
}

async function tasksConnection(args: TasksArgs, ctx: Ctx) {
  const viewer = viewerOf(ctx);
  const first = pageSize(args);
  const where = new Where();
  restrictAssigned(where, viewer, scopeOf(viewer, 'followups.read'), {
    owner: 't.assignee_id',
    team: 't.team_id',
  });
  const f = args.filter ?? {};
  if (f.assigneeIds?.length) where.add('t.assignee_id = ANY(?::uuid[])', f.assigneeIds);
  if (f.customerIds?.length) where.add('t.customer_id = ANY(?::uuid[])', f.customerIds);
  if (f.statuses?.length) where.add('t.status = ANY(?::text[])', f.statuses);
  if (f.overdue === true) where.add("t.status = 'OPEN' AND t.due_at < now()");
  if (f.overdue === false) where.add("NOT (t.status = 'OPEN' AND t.due_at < now())");
  if (f.dueBefore) where.add('t.due_at < ?', f.dueBefore);
  const { rows, total } = await listTasks(ctx.dataSource.manager, where, {
    limit: first,
    after: decodeCursor(args.after) as [string, string] | null,
  });
  return toConnection(rows, first, total, (t) => [t.dueAt.toISOString(), t.id]);
}

const taskVisible = (t: Task | null, ctx: Ctx) =>
  t && mayReach(viewerOf(ctx), 'followups.read', { ownerId: t.assigneeId, teamId: t.teamId })
    ? t
    : null;

const opportunityOf = async (id: string | null, ctx: Ctx) => {
  if (!id) return null;
  const o = await pipelineLoaders(ctx).opportunity.load(id);
  return o && mayReach(viewerOf(ctx), 'opportunities.read', o) ? o : null;
};

export const followUpResolvers = {
  Query: {
    activities: (_: unknown, args: ActivitiesArgs, ctx: Ctx) => activitiesConnection(args, ctx),
    tasks: (_: unknown, args: TasksArgs, ctx: Ctx) => tasksConnection(args, ctx),
    task: async (_: unknown, { id }: { id: string }, ctx: Ctx) =>
      taskVisible(await pipelineLoaders(ctx).task.load(id), ctx),
  },
  Mutation: {
    logActivity: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload(
        'activity',
        await logActivity(ctx.dataSource, viewerOf(ctx), input as never, activityHooks),
      ),
    createTask: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload('task', await createTask(ctx.dataSource, viewerOf(ctx), input as never)),
    updateTask: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload('task', await updateTask(ctx.dataSource, viewerOf(ctx), input as never)),
    completeTask: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload('task', await finishTask(ctx.dataSource, viewerOf(ctx), input as never, 'DONE')),
    cancelTask: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload('task', await finishTask(ctx.dataSource, viewerOf(ctx), input as never, 'CANCELLED')),
  },
  Activity: {
    customer: (a: Activity, _: unknown, ctx: Ctx) => visibleCustomer(a.customerId, ctx),
    opportunity: (a: Activity, _: unknown, ctx: Ctx) => opportunityOf(a.opportunityId, ctx),
    owner: (a: Activity) => employee(a.ownerId),
  },
  Task: {
    overdue: (t: Task) => t.status === 'OPEN' && t.dueAt.getTime() < Date.now(),
    assignee: (t: Task) => employee(t.assigneeId),
    customer: (t: Task, _: unknown, ctx: Ctx) =>
      t.customerId ? visibleCustomer(t.customerId, ctx) : null,
    opportunity: (t: Task, _: unknown, ctx: Ctx) => opportunityOf(t.opportunityId, ctx),
  },
  FollowUpDue: {
    customer: (f: FollowUpDue, _: unknown, ctx: Ctx) => visibleCustomer(f.customerId, ctx),
    activity: (f: FollowUpDue, _: unknown, ctx: Ctx) =>
      pipelineLoaders(ctx).activity.load(f.activityId),
  },
  Customer: {
    activities: async (
      c: {
        id: string;
        ownerId: string | null;
        backupOwnerId: string | null;
        teamId: string | null;
      },
      { first }: { first?: number | null },
      ctx: Ctx,
    ) => {
      if (!allowed(viewerOf(ctx), 'followups.read', c)) return [];
      return (await pipelineLoaders(ctx).recentActivities.load(c.id)).slice(
        0,
        Math.min(first ?? 10, 20),
      );
    },
    openTasks: async (c: { id: string }, _: unknown, ctx: Ctx) =>
      (await pipelineLoaders(ctx).openTasksOfCustomer.load(c.id)).filter((t) =>
        taskVisible(t, ctx),
      ),
    nextFollowUpAt: async (
      c: {
        id: string;
        ownerId: string | null;
        backupOwnerId: string | null;
        teamId: string | null;
      },
      _: unknown,
      ctx: Ctx,
    ) =>
      allowed(viewerOf(ctx), 'followups.read', c)
        ? ((await pipelineLoaders(ctx).followUpPlan.load(c.id))?.dueAt ?? null)
        : null,
  },
  Employee: {
    agenda: (e: { id: string }, { date }: { date?: string | null }, ctx: Ctx) =>
      agendaOf(ctx.dataSource, viewerOf(ctx), e.id, date),
    tasks: (e: { id: string }, args: TasksArgs, ctx: Ctx) =>
      tasksConnection({ ...args, filter: { ...(args.filter ?? {}), assigneeIds: [e.id] } }, ctx),
  },
};
