import type { Viewer } from '@crm/auth';
import { newId, recordAudit, type Tx } from '@crm/database';
import { publishEvent, teamCreated, teamUpdated } from '@crm/events';
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
import { findEmployee } from '../db/employees';
import { findTeam, findTeamByName, insertTeam, saveTeam, type Team } from '../db/teams';
import { teamSnapshot } from './employee-events';
import { createTeamInput, updateTeamInput } from './inputs';
import { requireAdmin } from './permissions';

async function checkManager(tx: Tx, managerId: string | null | undefined): Promise<void> {
  if (!managerId) return;
  const manager = await findEmployee(tx, managerId);
  if (!manager || !manager.active)
    throw new UserErrors([
      userError('managerId', 'NOT_FOUND', `managerId: no active employee ${managerId}`),
    ]);
}

async function checkName(tx: Tx, name: string, exceptId?: string): Promise<void> {
  const existing = await findTeamByName(tx, name);
  if (existing && existing.id !== exceptId)
    throw new UserErrors([userError('name', 'DUPLICATE', `name: a team called ${name} exists`)]);
}

export async function createTeam(
  dataSource: DataSource,
  viewer: Viewer | null,
  raw: z.input<typeof createTeamInput>,
): Promise<Result<Team>> {
  if (viewer) requireAdmin(viewer);
  const parsed = parseInput(createTeamInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    await checkName(tx, input.name);
    await checkManager(tx, input.managerId);
    const team = await insertTeam(tx, {
      id: newId(),
      name: input.name,
      managerId: input.managerId ?? null,
    });
    await recordAudit(tx, {
      actorId: viewer?.id ?? null,
      action: 'team.create',
      entityType: 'Team',
      entityId: team.id,
      after: team,
    });
    await publishEvent(tx, teamCreated, teamSnapshot(team), { actorId: viewer?.id });
    return team;
  });
}

export async function updateTeam(
  dataSource: DataSource,
  viewer: Viewer | null,
  raw: InputOf<typeof updateTeamInput>,
): Promise<Result<Team>> {
  if (viewer) requireAdmin(viewer);
  const parsed = parseInput(updateTeamInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const before = await findTeam(tx, input.id, true);
    if (!before) throw new UserErrors([userError('id', 'NOT_FOUND', `id: no team ${input.id}`)]);
    if (input.name) await checkName(tx, input.name, input.id);
    if (input.managerId !== undefined) await checkManager(tx, input.managerId);
    const next: Team = {
      ...before,
      name: input.name ?? before.name,
      managerId: input.managerId === undefined ? before.managerId : input.managerId,
    };
    const changedFields = (['name', 'managerId'] as const).filter((f) => next[f] !== before[f]);
    if (!changedFields.length) return before;
    const team = await saveTeam(tx, next);
    await recordAudit(tx, {
      actorId: viewer?.id ?? null,
      action: 'team.update',
      entityType: 'Team',
      entityId: team.id,
      before,
      after: team,
    });
    await publishEvent(
      tx,
      teamUpdated,
      { ...teamSnapshot(team), changedFields },
      { actorId: viewer?.id },
    );
    return team;
  });
}
