import { scopeOf, type Viewer } from '@crm/auth';
import type { Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { findDirectoryEmployee } from '../../db/directory';
import type { SalesLead } from '../../db/leads';
import { pipelineRules } from '../../env';
import { fail, mutationUseCase } from '../opportunities/use-case';
import { giveLead } from './assign-lead';
import { ASSIGN_GUARD, leadToAssign } from './lead-access';

export const assignLeadInput = z.object({
  leadId: z.uuid('is not a valid id'),
  assigneeId: z.uuid('is not a valid id'),
});

/**
 * A manager gives an unassigned lead to an active sales rep of a team they manage (an admin:
 * of any team), with the service's first-contact deadline; publishes lead.assigned (rule MANUAL).
 */
export function assignLeadByHand(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof assignLeadInput>,
): Promise<Result<SalesLead>> {
  return mutationUseCase(
    dataSource,
    viewer,
    ASSIGN_GUARD,
    assignLeadInput,
    raw,
    async (tx, input) => {
      const lead = await leadToAssign(tx, viewer, input.leadId);
      const rep = await findDirectoryEmployee(tx, input.assigneeId);
      const inScope =
        !!rep?.teamId &&
        (scopeOf(viewer, 'leads.assign') === 'all' || viewer.managedTeamIds.includes(rep.teamId));
      if (!rep || !rep.active || !rep.roles.includes('SALES_REP') || !inScope)
        fail(
          'assigneeId',
          'INVALID',
          `assigneeId: ${input.assigneeId} is not an active sales rep of a team you manage`,
        );
      return giveLead(tx, lead, {
        assigneeId: rep.id,
        teamId: rep.teamId,
        label: 'MANUAL',
        ruleId: null,
        firstContactSeconds: pipelineRules().LEAD_FIRST_CONTACT_SECONDS,
        actorId: viewer.id,
      });
    },
  );
}
