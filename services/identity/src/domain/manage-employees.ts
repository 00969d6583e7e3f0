import type { Viewer } from '@crm/auth';
import { newId, recordAudit, type Tx } from '@crm/database';
import { employeeCreated, employeeDeactivated, employeeUpdated, publishEvent } from '@crm/events';
import {
  parseInput,
  transactionally,
  userError,
  UserErrors,
  type InputOf,
  type Result,
} from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import {
  emailTaken,
  findEmployee,
  insertEmployee,
  saveEmployee,
  type Employee,
} from '../db/employees';
import { findTeam } from '../db/teams';
import { auditView, employeeSnapshot } from './employee-events';
import { revokeRefreshTokens } from '../db/refresh-tokens';
import { createEmployeeInput, deactivateEmployeeInput, updateEmployeeInput } from './inputs';
import { hashPassword } from './passwords';
import { requireAdmin } from './permissions';

async function checkTeam(tx: Tx, teamId: string | null | undefined): Promise<void> {
  if (teamId && !(await findTeam(tx, teamId)))
    throw new UserErrors([userError('teamId', 'NOT_FOUND', `teamId: no team ${teamId}`)]);
}

async function checkEmail(tx: Tx, email: string, exceptId?: string): Promise<void> {
  if (await emailTaken(tx, email, exceptId)) {
    throw new UserErrors([
      userError('email', 'DUPLICATE', `email: ${email} already belongs to another employee`),
    ]);
  }
}

/** `hash` makes the password's hash (the demo seed shares one among people of one password). */
export async function createEmployee(
  dataSource: DataSource,
  viewer: Viewer | null,
  raw: z.input<typeof createEmployeeInput>,
  hash: (password: string) => Promise<string> = hashPassword,
): Promise<Result<Employee>> {
  if (viewer) requireAdmin(viewer);
  const parsed = parseInput(createEmployeeInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  const passwordHash = await hash(input.password);
  return transactionally(dataSource, async (tx) => {
    await checkEmail(tx, input.email);
    await checkTeam(tx, input.teamId);
    const employee = await insertEmployee(tx, {
      id: newId(),
      name: input.name,
      email: input.email,
      passwordHash,
      roles: input.roles,
      teamId: input.teamId ?? null,
    });
    await recordAudit(tx, {
      actorId: viewer?.id ?? null,
      action: 'employee.create',
      entityType: 'Employee',
      entityId: employee.id,
      after: auditView(employee),
    });
    await publishEvent(tx, employeeCreated, employeeSnapshot(employee), { actorId: viewer?.id });
    return employee;
  });
}

export async function updateEmployee(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof updateEmployeeInput>,
): Promise<Result<Employee>> {
  requireAdmin(viewer);
  const parsed = parseInput(updateEmployeeInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return transactionally(dataSource, async (tx) => {
    const before = await findEmployee(tx, input.id, true);
    if (!before)
      throw new UserErrors([userError('id', 'NOT_FOUND', `id: no employee ${input.id}`)]);
    if (input.email) await checkEmail(tx, input.email, input.id);
    if (input.teamId !== undefined) await checkTeam(tx, input.teamId);
    const next: Employee = {
      ...before,
      name: input.name ?? before.name,
      email: input.email ?? before.email,
      roles: input.roles ?? before.roles,
      teamId: input.teamId === undefined ? before.teamId : input.teamId,
    };
    const changedFields = (['name', 'email', 'roles', 'teamId'] as const).filter(
      (f) => JSON.stringify(next[f]) !== JSON.stringify(before[f]),
    );
    if (passwordHash) changedFields.push('password' as never);
    if (!changedFields.length) return before;
    const employee = await saveEmployee(tx, next, passwordHash);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'employee.update',
      entityType: 'Employee',
      entityId: employee.id,
      before: auditView(before),
      after: auditView(employee),
    });
    await publishEvent(
      tx,
      employeeUpdated,
      { ...employeeSnapshot(employee), changedFields },
      { actorId: viewer.id },
    );
    return employee;
  });
}

/** Deactivation signs the person out of new logins; departments hand over their work on the event. */
export async function deactivateEmployee(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof deactivateEmployeeInput>,
): Promise<Result<Employee>> {
  requireAdmin(viewer);
  const parsed = parseInput(deactivateEmployeeInput, raw);
  if (!parsed.ok) return parsed;
  const { id } = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const before = await findEmployee(tx, id, true);
    if (!before) throw new UserErrors([userError('id', 'NOT_FOUND', `id: no employee ${id}`)]);
    if (!before.active)
      throw new UserErrors([
        userError('id', 'INVALID_TRANSITION', 'id: this employee is already deactivated'),
      ]);
    if (before.id === viewer.id)
      throw new UserErrors([userError('id', 'FORBIDDEN', 'id: you cannot deactivate yourself')]);
    const employee = await saveEmployee(tx, {
      ...before,
      active: false,
      deactivatedAt: new Date(),
    });
    // no session outlives the access token already issued
    await revokeRefreshTokens(tx, { employeeId: employee.id });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'employee.deactivate',
      entityType: 'Employee',
      entityId: employee.id,
      before: auditView(before),
      after: auditView(employee),
    });
    await publishEvent(
      tx,
      employeeDeactivated,
      { ...employeeSnapshot(employee), deactivatedBy: viewer.id },
      { actorId: viewer.id },
    );
    return employee;
  });
}
