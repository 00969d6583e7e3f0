import type { Viewer } from '@crm/auth';
import type { Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { SalesLead } from '../../db/leads';
import { fail, mutationUseCase } from '../opportunities/use-case';
import { assignLead } from './assign-lead';
import { ASSIGN_GUARD, leadToAssign } from './lead-access';

export const rerunLeadAssignmentInput = z.object({ leadId: z.uuid('is not a valid id') });

/**
 * Runs the assignment rules again on an unassigned lead (after a rule was added or a rep
 * joined); when still nobody is eligible it stays in the queue and the answer says so.
 */
export function rerunLeadAssignment(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof rerunLeadAssignmentInput>,
): Promise<Result<SalesLead>> {
  return mutationUseCase(
    dataSource,
    viewer,
    ASSIGN_GUARD,
    rerunLeadAssignmentInput,
    raw,
    async (tx, input) => {
      const lead = await leadToAssign(tx, viewer, input.leadId);
      const after = await assignLead(tx, lead, { actorId: viewer.id });
      if (after.status === 'UNASSIGNED')
        fail(
          'leadId',
          'CONFLICT',
          `leadId: no active rule matches region ${JSON.stringify(lead.region)} with a rep under capacity; assign it by hand or add a rule`,
        );
      return after;
    },
  );
}
