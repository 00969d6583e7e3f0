import { scopeOf } from '@crm/auth';
import { Where } from '@crm/database';
import { decodeCursor, pageSize, payload, toConnection, viewerOf } from '@crm/subgraph';
import type {
  QueryActivitiesArgs,
  QueryTasksArgs,
  Resolvers,
} from '../__generated__/resolvers-types';
import type { SalesContext as Ctx } from '../context';
import { listActivities } from '../db/activities';
import type { Customer } from '../db/customers';
import { pipelineLoaders } from '../db/pipeline-loaders';
import { listTasks, type Task } from '../db/tasks';
import { agendaOf } from '../domain/followups/agenda';
import { logActivity } from '../domain/followups/log-activity';
import { createTask, finishTask, updateTask } from '../domain/followups/tasks';
import { mayReach, restrictAssigned } from '../domain/opportunities/scope';
import { allowed, restrictToScope } from '../domain/visibility';
import { activityHooks } from './activity-hooks';
import { visibleCustomer } from './customer';
import { visibleOpportunity } from './opportunities';
import { pageOfList } from './list-page';
import { employee } from './references';

/** Activities are seen with the customer they are about (the customers scope of followups.read). */
async function activitiesConnection(args: QueryActivitiesArgs, ctx: Ctx) {
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

async function tasksConnection(args: QueryTasksArgs, ctx: Ctx) {
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

const opportunityOf = (id: string | null, ctx: Ctx) => (id ? visibleOpportunity(id, ctx) : null);

export const followUpResolvers: Resolvers = {
  Query: {
    activities: (_, args, ctx) => activitiesConnection(args, ctx),
    tasks: (_, args, ctx) => tasksConnection(args, ctx),
    task: async (_, { id }, ctx) => taskVisible(await pipelineLoaders(ctx).task.load(id), ctx),
  },
  Mutation: {
    logActivity: async (_, { input }, ctx) =>
      payload('activity', await logActivity(ctx.dataSource, viewerOf(ctx), input, activityHooks)),
    createTask: async (_, { input }, ctx) =>
      payload('task', await createTask(ctx.dataSource, viewerOf(ctx), input)),
    updateTask: async (_, { input }, ctx) =>
      payload('task', await updateTask(ctx.dataSource, viewerOf(ctx), input as never)),
    completeTask: async (_, { input }, ctx) =>
      payload('task', await finishTask(ctx.dataSource, viewerOf(ctx), input, 'DONE')),
    cancelTask: async (_, { input }, ctx) =>
      payload('task', await finishTask(ctx.dataSource, viewerOf(ctx), input, 'CANCELLED')),
  },
  Activity: {
    customer: (a, _, ctx) => visibleCustomer(a.customerId, ctx),
    opportunity: (a, _, ctx) => opportunityOf(a.opportunityId, ctx),
    owner: (a) => employee(a.ownerId),
  },
  Task: {
    overdue: (t) => t.status === 'OPEN' && t.dueAt.getTime() < Date.now(),
    assignee: (t) => employee(t.assigneeId),
    customer: (t, _, ctx) => (t.customerId ? visibleCustomer(t.customerId, ctx) : null),
    opportunity: (t, _, ctx) => opportunityOf(t.opportunityId, ctx),
  },
  FollowUpDue: {
    customer: (f, _, ctx) => visibleCustomer(f.customerId, ctx),
    activity: (f, _, ctx) => pipelineLoaders(ctx).activity.load(f.activityId),
  },
  Customer: {
    activities: async (c, args, ctx) =>
      pageOfList(
        allowed(viewerOf(ctx), 'followups.read', c)
          ? await pipelineLoaders(ctx).activitiesOfCustomer.load(c.id)
          : [],
        args,
      ),
    openTasks: async (c, _, ctx) =>
      (await pipelineLoaders(ctx).openTasksOfCustomer.load(c.id)).filter((t) =>
        taskVisible(t, ctx),
      ),
    nextFollowUpAt: async (c: Customer, _, ctx) =>
      allowed(viewerOf(ctx), 'followups.read', c)
        ? ((await pipelineLoaders(ctx).followUpPlan.load(c.id))?.dueAt ?? null)
        : null,
  },
  Employee: {
    agenda: (e, { date }, ctx) => agendaOf(ctx.dataSource, viewerOf(ctx), e.id, date),
    tasks: (e, args, ctx) =>
      tasksConnection({ ...args, filter: { ...(args.filter ?? {}), assigneeIds: [e.id] } }, ctx),
  },
};
