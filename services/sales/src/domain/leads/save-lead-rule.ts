import { scopeOf, type Viewer } from '@crm/auth';
import { newId, recordAudit } from '@crm/database';
import type { Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { findLeadRule, upsertLeadRule, type LeadRule } from '../../db/lead-rules';
import { fail, mutationUseCase } from '../opportunities/use-case';

export const saveLeadRuleInput = z
  .object({
    id: z.uuid('is not a valid id').nullish(),
    name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
    kind: z.enum(['ROUND_ROBIN', 'TERRITORY']),
    teamId: z.uuid('is not a valid id'),
    regions: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
    priority: z.number().int().min(0).max(10_000).default(100),
    firstContactSeconds: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(30 * 86_400)
      .nullish(),
    maxOpenLeads: z.number().int().min(1, 'must be at least 1').max(10_000).nullish(),
    active: z.boolean().default(true),
  })
  .refine((r) => r.kind !== 'TERRITORY' || r.regions.length > 0, {
    path: ['regions'],
    message: 'a territory rule needs at least one region',
  });

/** Creates or changes an assignment rule of a team the viewer manages (any team for an admin). */
export function saveLeadRule(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof saveLeadRuleInput>,
): Promise<Result<LeadRule>> {
  const guard = {
    permission: 'leads.assign',
    denied: 'only sales managers and admins manage lead rules',
  } as const;
  return mutationUseCase(dataSource, viewer, guard, saveLeadRuleInput, raw, async (tx, input) => {
    const mayManage = (teamId: string) =>
      scopeOf(viewer, 'leads.assign') === 'all' || viewer.managedTeamIds.includes(teamId);
    const before = input.id ? await findLeadRule(tx, input.id) : null;
    if (input.id && (!before || !mayManage(before.teamId)))
      fail('id', 'NOT_FOUND', `id: no rule ${input.id} of your teams`);
    if (!mayManage(input.teamId))
      fail('teamId', 'FORBIDDEN', 'teamId: you can only set rules for teams you manage');
    const rule = await upsertLeadRule(
      tx,
      {
        id: input.id ?? newId(),
        name: input.name,
        kind: input.kind,
        teamId: input.teamId,
        regions: input.regions,
        priority: input.priority,
        firstContactSeconds: input.firstContactSeconds ?? null,
        maxOpenLeads: input.maxOpenLeads ?? null,
        active: input.active,
      },
      viewer.id,
    );
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'lead_rule.save',
      entityType: 'LeadAssignmentRule',
      entityId: rule.id,
      before,
      after: rule,
    });
    return rule;
  });
}
