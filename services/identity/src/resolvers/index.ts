import { can, type Role } from '@crm/auth';
import {
  auditLogResolver,
  decodeCursor,
  forbidden,
  pageSize,
  payload,
  toConnection,
  viewerOf,
  type PageArgs,
} from '@crm/subgraph';
import { listEmployees, type Employee, type EmployeeFilter } from '../db/employees';
import { listTeams, type Team } from '../db/teams';
import { login } from '../domain/login';
import { createEmployee, deactivateEmployee, updateEmployee } from '../domain/manage-employees';
import { createTeam, updateTeam } from '../domain/manage-teams';
import type { IdentityContext as Ctx } from '../context';

function requireDirectory(ctx: Ctx): void {
  if (!can(viewerOf(ctx), 'employees.read'))
    throw forbidden('your roles do not include the employee directory');
}

type Input<T> = { input: T };

export const resolvers = {
  Query: {
    me: async (_: unknown, __: unknown, ctx: Ctx) => {
      const me = await ctx.loaders.employee.load(viewerOf(ctx).id);
      if (!me) throw forbidden('your account no longer exists');
      return me;
    },
    employee: (_: unknown, { id }: { id: string }, ctx: Ctx) => {
      requireDirectory(ctx);
      return ctx.loaders.employee.load(id);
    },
    employees: async (_: unknown, args: PageArgs & { filter?: EmployeeFilter }, ctx: Ctx) => {
      requireDirectory(ctx);
      const first = pageSize(args);
      const cursor = decodeCursor(args.after) as [string, string] | null;
      const { rows, total } = await listEmployees(ctx.dataSource.manager, args.filter ?? {}, {
        limit: first,
        after: cursor,
      });
      return toConnection(rows, first, total, (e) => [e.createdAt.toISOString(), e.id]);
    },
    teams: (_: unknown, __: unknown, ctx: Ctx) => {
      requireDirectory(ctx);
      return listTeams(ctx.dataSource.manager);
    },
    team: (_: unknown, { id }: { id: string }, ctx: Ctx) => {
      requireDirectory(ctx);
      return ctx.loaders.team.load(id);
    },
    identityAuditLog: auditLogResolver<Ctx>((ctx) => ctx.dataSource),
  },
  Mutation: {
    login: async (_: unknown, { input }: Input<{ email: string; password: string }>, ctx: Ctx) => {
      const result = await login(ctx.dataSource, ctx.signer, input);
      return result.ok
        ? { ...result.value, userErrors: [] }
        : { token: null, expiresAt: null, employee: null, userErrors: result.errors };
    },
    createEmployee: async (
      _: unknown,
      {
        input,
      }: Input<{ name: string; email: string; password: string; roles: Role[]; teamId?: string }>,
      ctx: Ctx,
    ) => payload('employee', await createEmployee(ctx.dataSource, viewerOf(ctx), input)),
    updateEmployee: async (_: unknown, { input }: Input<{ id: string }>, ctx: Ctx) =>
      payload('employee', await updateEmployee(ctx.dataSource, viewerOf(ctx), input)),
    deactivateEmployee: async (_: unknown, { input }: Input<{ id: string }>, ctx: Ctx) =>
      payload('employee', await deactivateEmployee(ctx.dataSource, viewerOf(ctx), input.id)),
    createTeam: async (
      _: unknown,
      { input }: Input<{ name: string; managerId?: string }>,
      ctx: Ctx,
    ) => payload('team', await createTeam(ctx.dataSource, viewerOf(ctx), input)),
    updateTeam: async (_: unknown, { input }: Input<{ id: string }>, ctx: Ctx) =>
      payload('team', await updateTeam(ctx.dataSource, viewerOf(ctx), input)),
  },
  Employee: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.employee.load(ref.id),
    team: (e: Employee, _: unknown, ctx: Ctx) =>
      e.teamId ? ctx.loaders.team.load(e.teamId) : null,
  },
  Team: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.team.load(ref.id),
    manager: (t: Team, _: unknown, ctx: Ctx) =>
      t.managerId ? ctx.loaders.employee.load(t.managerId) : null,
    members: (t: Team, _: unknown, ctx: Ctx) => ctx.loaders.members.load(t.id),
  },
};
