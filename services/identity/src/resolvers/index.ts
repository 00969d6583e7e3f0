import { can } from '@crm/auth';
import {
  auditLogResolver,
  decodeCursor,
  forbidden,
  pageSize,
  payload,
  requireIds,
  toConnection,
  viewerOf,
  type Result,
} from '@crm/subgraph';
import type { Resolvers } from '../__generated__/resolvers-types';
import { listEmployees } from '../db/employees';
import { listTeams } from '../db/teams';
import { login } from '../domain/login';
import { logout, refreshSession, type Session } from '../domain/sessions';
import { createEmployee, deactivateEmployee, updateEmployee } from '../domain/manage-employees';
import { createTeam, updateTeam } from '../domain/manage-teams';
import type { IdentityContext as Ctx } from '../context';

function requireDirectory(ctx: Ctx): void {
  if (!can(viewerOf(ctx), 'employees.read'))
    throw forbidden('your roles do not include the employee directory');
}

const sessionPayload = (result: Result<Session>) =>
  result.ok
    ? { ...result.value, userErrors: [] }
    : {
        token: null,
        expiresAt: null,
        refreshToken: null,
        refreshExpiresAt: null,
        employee: null,
        userErrors: result.errors,
      };

export const resolvers: Resolvers = {
  Query: {
    me: async (_, __, ctx) => {
      const me = await ctx.loaders.employee.load(viewerOf(ctx).id);
      if (!me) throw forbidden('your account no longer exists');
      return me;
    },
    employee: (_, { id }, ctx) => {
      requireDirectory(ctx);
      return ctx.loaders.employee.load(id);
    },
    employees: async (_, args, ctx) => {
      requireDirectory(ctx);
      requireIds({ 'filter.teamId': args.filter?.teamId });
      const first = pageSize(args);
      const cursor = decodeCursor(args.after) as [string, string] | null;
      const { rows, total } = await listEmployees(ctx.dataSource.manager, args.filter ?? {}, {
        limit: first,
        after: cursor,
      });
      return toConnection(rows, first, total, (e) => [e.createdAt.toISOString(), e.id]);
    },
    teams: (_, __, ctx) => {
      requireDirectory(ctx);
      return listTeams(ctx.dataSource.manager);
    },
    team: (_, { id }, ctx) => {
      requireDirectory(ctx);
      return ctx.loaders.team.load(id);
    },
    identityAuditLog: auditLogResolver<Ctx>((ctx) => ctx.dataSource),
  },
  Mutation: {
    login: async (_, { input }, ctx) => {
      const result = await login(
        ctx.dataSource,
        ctx.signer,
        input,
        { address: ctx.clientAddress },
        { refreshTtlSeconds: ctx.refreshTtlSeconds },
      );
      return sessionPayload(result);
    },
    refreshSession: async (_, { input }, ctx) =>
      sessionPayload(
        await refreshSession(ctx.dataSource, ctx.signer, input, ctx.refreshTtlSeconds),
      ),
    logout: async (_, { input }, ctx) => {
      const result = await logout(ctx.dataSource, input);
      return { loggedOut: result.ok, userErrors: result.ok ? [] : result.errors };
    },
    createEmployee: async (_, { input }, ctx) =>
      payload('employee', await createEmployee(ctx.dataSource, viewerOf(ctx), input)),
    updateEmployee: async (_, { input }, ctx) =>
      payload('employee', await updateEmployee(ctx.dataSource, viewerOf(ctx), input)),
    deactivateEmployee: async (_, { input }, ctx) =>
      payload('employee', await deactivateEmployee(ctx.dataSource, viewerOf(ctx), input)),
    createTeam: async (_, { input }, ctx) =>
      payload('team', await createTeam(ctx.dataSource, viewerOf(ctx), input)),
    updateTeam: async (_, { input }, ctx) =>
      payload('team', await updateTeam(ctx.dataSource, viewerOf(ctx), input)),
  },
  Employee: {
    __resolveReference: (ref, ctx) => ctx.loaders.employee.load(ref.id),
    team: (e, _, ctx) => (e.teamId ? ctx.loaders.team.load(e.teamId) : null),
  },
  Team: {
    __resolveReference: (ref, ctx) => ctx.loaders.team.load(ref.id),
    manager: (t, _, ctx) => (t.managerId ? ctx.loaders.employee.load(t.managerId) : null),
    members: (t, _, ctx) => ctx.loaders.members.load(t.id),
  },
};
