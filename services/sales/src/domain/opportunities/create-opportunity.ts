import { scopeOf, type Viewer } from '@crm/auth';
import type { Tx } from '@crm/database';
import type { Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { findCustomer, type Customer } from '../../db/customers';
import { findDirectoryEmployee } from '../../db/directory';
import type { Opportunity } from '../../db/opportunities';
import { allowed } from '../visibility';
import { createOpportunityInput } from './opportunity-inputs';
import { openOpportunity } from './open-opportunity';
import { mayReach } from './scope';
import { fail, mutationUseCase } from './use-case';

/**
 * The customer a viewer may add pipeline records to (opportunities, quotes, activities), with the
 * owner and team those records get: the customer's owner, or the viewer for an unowned customer
 * when the viewer's scope is wider than their own (a rep claims from the pool first).
 */
export async function customerForPipeline(
  tx: Tx,
  viewer: Viewer,
  customerId: string,
  field = 'customerId',
): Promise<{ customer: Customer; ownerId: string; teamId: string | null }> {
  const customer = await findCustomer(tx, customerId);
  if (!customer || !allowed(viewer, 'customers.read', customer))
    fail(field, 'NOT_FOUND', `${field}: no customer ${customerId} that you can see`);
  if (!customer.ownerId) {
    if (scopeOf(viewer, 'customers.write') === 'own')
      fail(
        field,
        'FORBIDDEN',
        `${field}: the customer is in the public pool; claim it before working on it`,
      );
    const me = await findDirectoryEmployee(tx, viewer.id);
    return { customer, ownerId: viewer.id, teamId: me?.teamId ?? viewer.teamId };
  }
  if (!allowed(viewer, 'customers.write', customer))
    fail(field, 'FORBIDDEN', `${field}: you can only work on customers in your scope`);
  return { customer, ownerId: customer.ownerId, teamId: customer.teamId };
}

export function createOpportunity(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof createOpportunityInput>,
): Promise<Result<Opportunity>> {
  const guard = {
    permission: 'opportunities.write',
    denied: 'your roles cannot create opportunities',
  } as const;
  return mutationUseCase(
    dataSource,
    viewer,
    guard,
    createOpportunityInput,
    raw,
    async (tx, input) => {
      const { customer, ownerId, teamId } = await customerForPipeline(tx, viewer, input.customerId);
      if (!mayReach(viewer, 'opportunities.write', { ownerId, teamId }))
        fail('customerId', 'FORBIDDEN', 'customerId: the customer is outside your scope');
      return openOpportunity(tx, viewer.id, {
        customerId: customer.id,
        name: input.name,
        amount: input.amount.amount,
        currency: input.amount.currency,
        stageId: input.stageId,
        expectedCloseDate: input.expectedCloseDate ?? null,
        ownerId,
        teamId,
        contactId: input.contactId ?? null,
        sourceCampaignId: input.sourceCampaignId ?? null,
        leadId: null,
      });
    },
  );
}
