import { scopeOf, type Viewer } from '@crm/auth';
import { recordAudit } from '@crm/database';
import { forbidden, userError, UserErrors, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { saveTeamHandover, findTeamHandover, type TeamHandover } from '../db/handover';
import { effectivePoolSettings, savePoolSettings, type PoolSettings } from '../db/pool';
import { assignableEmployeeOf } from './team-members';
import { mutationUseCase } from './opportunities/use-case';

const days = (max: number) =>
  z
    .number()
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(max, `must be at most ${max}`);

export const setPoolSettingsInput = z.object({
  teamId: z.uuid('is not a valid id').nullish(),
  followUpDays: days(365).min(1, 'must be at least 1').nullish(),
  claimLimit: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100_000, 'must be at most 100000')
    .nullish(),
  coolingOffDays: days(365).nullish(),
});

export const setTeamHandoverInput = z
  .object({
    teamId: z.uuid('is not a valid id'),
    mode: z.enum(['MANAGER_PICKS_REP', 'PUBLIC_POOL']),
    repId: z.uuid('is not a valid id').nullish(),
  })
  .refine((v) => v.mode === 'PUBLIC_POOL' || !!v.repId, {
    path: ['repId'],
    message: 'is required when the manager picks the rep',
  });

const SETTINGS = {
  permission: 'sales.settings',
  denied: 'only sales managers and admins change sales settings',
} as const;

/** Settings of a team need the team in the viewer's reach; the company default needs ADMIN. */
export function assertSettingsScope(viewer: Viewer, teamId: string | null): void {
  const scope = scopeOf(viewer, 'sales.settings');
  if (scope === 'none') throw forbidden(SETTINGS.denied);
  if (scope === 'all') return;
  if (teamId === null || !viewer.managedTeamIds.includes(teamId))
    throw new UserErrors([
      userError(
        'teamId',
        'FORBIDDEN',
        teamId === null
          ? 'teamId: only an admin changes the company default; name one of your teams'
          : `teamId: team ${teamId} is not one you manage`,
      ),
    ]);
}

export async function setPoolSettings(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof setPoolSettingsInput>,
): Promise<Result<PoolSettings>> {
  return mutationUseCase(
    dataSource,
    viewer,
    SETTINGS,
    setPoolSettingsInput,
    raw,
    async (tx, input) => {
      const { teamId = null, ...change } = input;
      assertSettingsScope(viewer, teamId ?? null);
      const before = await effectivePoolSettings(tx, teamId ?? null);
      await savePoolSettings(tx, teamId ?? null, change, viewer.id);
      const after = await effectivePoolSettings(tx, teamId ?? null);
      await recordAudit(tx, {
        actorId: viewer.id,
        action: 'pool.settings',
        entityType: 'PoolSettings',
        entityId: teamId ?? 'default',
        before,
        after,
      });
      return after;
    },
  );
}

export async function setTeamHandover(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof setTeamHandoverInput>,
): Promise<Result<TeamHandover>> {
  return mutationUseCase(
    dataSource,
    viewer,
    SETTINGS,
    setTeamHandoverInput,
    raw,
    async (tx, input) => {
      assertSettingsScope(viewer, input.teamId);
      const repId =
        input.mode === 'MANAGER_PICKS_REP'
          ? (await assignableEmployeeOf(tx, viewer, input.teamId, input.repId!)).id
          : null;
      const before = await findTeamHandover(tx, input.teamId);
      const after: TeamHandover = { teamId: input.teamId, mode: input.mode, repId };
      await saveTeamHandover(tx, after, viewer.id);
      await recordAudit(tx, {
        actorId: viewer.id,
        action: 'team.handover',
        entityType: 'TeamHandover',
        entityId: input.teamId,
        before: before ?? undefined,
        after,
      });
      return after;
    },
  );
}
