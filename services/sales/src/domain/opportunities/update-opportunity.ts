import type { Viewer } from '@crm/auth';
import { recordAudit } from '@crm/database';
import type { Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { saveOpportunity, type Opportunity } from '../../db/opportunities';
import { opportunityToChange } from './opportunity-access';
import { opportunityAudit } from './opportunity-events';
import { updateOpportunityInput } from './opportunity-inputs';
import { fail, mutationUseCase } from './use-case';

const guard = {
  permission: 'opportunities.write',
  denied: 'your roles cannot change opportunities',
} as const;

/** Changes the fields given of an open opportunity; won and lost ones are history. */
export function updateOpportunity(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof updateOpportunityInput>,
): Promise<Result<Opportunity>> {
  return mutationUseCase(
    dataSource,
    viewer,
    guard,
    updateOpportunityInput,
    raw,
    async (tx, input) => {
      const before = await opportunityToChange(tx, viewer, input.id);
      if (before.status !== 'OPEN')
        fail(
          'id',
          'INVALID_TRANSITION',
          `id: the opportunity is ${before.status.toLowerCase()} and can no longer change`,
        );
      const after = await saveOpportunity(tx, {
        ...before,
        name: input.name ?? before.name,
        amount: input.amount?.amount ?? before.amount,
        currency: input.amount?.currency ?? before.currency,
        expectedCloseDate:
          input.expectedCloseDate === undefined
            ? before.expectedCloseDate
            : input.expectedCloseDate,
        contactId: input.contactId === undefined ? before.contactId : input.contactId,
      });
      await recordAudit(tx, {
        actorId: viewer.id,
        action: 'opportunity.update',
        entityType: 'Opportunity',
        entityId: after.id,
        before: opportunityAudit(before),
        after: opportunityAudit(after),
      });
      return after;
    },
  );
}
