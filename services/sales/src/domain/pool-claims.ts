import { scopeOf, type Viewer } from '@crm/auth';
import { userError, UserErrors, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { findCustomer, type Customer } from '../db/customers';
import { findDirectoryEmployee } from '../db/directory';
import {
  coolingOffUntil,
  countOwnedCustomers,
  effectivePoolSettings,
  lockClaimsOf,
} from '../db/pool';
import { changeOwner } from './change-owner';
import { writableCustomer } from './customer-access';
import { allowed } from './visibility';
import { mutationUseCase } from './opportunities/use-case';

export const claimCustomerInput = z.object({ customerId: z.uuid('is not a valid id') });
export const releaseCustomerInput = z.object({
  customerId: z.uuid('is not a valid id'),
  reason: z.string().trim().max(500, 'must be at most 500 characters').nullish(),
});

const POOL = {
  permission: 'customers.claim',
  denied: 'only sales reps and managers claim and release pool customers',
} as const;

/** Takes a pool customer, within the claim limit and outside the cooling-off period. */
export async function claimCustomer(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof claimCustomerInput>,
): Promise<Result<Customer>> {
  return mutationUseCase(
    dataSource,
    viewer,
    POOL,
    claimCustomerInput,
    raw,
    async (tx, { customerId }) => {
      await lockClaimsOf(tx, viewer.id);
      const customer = await findCustomer(tx, customerId, true);
      if (!customer || customer.status === 'MERGED' || !allowed(viewer, 'customers.read', customer))
        throw new UserErrors([
          userError(
            'customerId',
            'NOT_FOUND',
            `customerId: no customer ${customerId} that you can see`,
          ),
        ]);
      if (customer.ownerId !== null) {
        const whose =
          customer.ownerId === viewer.id ? 'you own it already' : 'someone else owns it';
        throw new UserErrors([
          userError(
            'customerId',
            'CONFLICT',
            `customerId: "${customer.name}" is not in the public pool (${whose})`,
          ),
        ]);
      }
      const me = await findDirectoryEmployee(tx, viewer.id);
      const teamId = me?.teamId ?? viewer.teamId;
      const rules = await effectivePoolSettings(tx, teamId);
      const owned = await countOwnedCustomers(tx, viewer.id);
      if (owned >= rules.claimLimit)
        throw new UserErrors([
          userError(
            'customerId',
            'LIMIT_REACHED',
            `customerId: you own ${owned} customers and may own at most ${rules.claimLimit}; release or hand over some first`,
          ),
        ]);
      const until = await coolingOffUntil(tx, customerId, viewer.id, rules.coolingOffDays);
      if (until)
        throw new UserErrors([
          userError(
            'customerId',
            'FORBIDDEN',
            `customerId: you let "${customer.name}" go to the pool recently; you can claim it again after ${until.toISOString()}`,
          ),
        ]);
      const [claimed] = await changeOwner(
        tx,
        [customer],
        { ownerId: viewer.id, teamId },
        'CLAIM',
        viewer.id,
      );
      return claimed;
    },
  );
}

/** Puts a customer back into the pool; its owner cannot re-claim it while cooling off. */
export async function releaseCustomer(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof releaseCustomerInput>,
): Promise<Result<Customer>> {
  return mutationUseCase(dataSource, viewer, POOL, releaseCustomerInput, raw, async (tx, input) => {
    const { customerId, reason } = input;
    const customer = await writableCustomer(tx, viewer, customerId, 'customerId');
    if (customer.ownerId === null)
      throw new UserErrors([
        userError(
          'customerId',
          'CONFLICT',
          `customerId: "${customer.name}" is in the public pool already`,
        ),
      ]);
    const scope = scopeOf(viewer, 'customers.claim');
    if (scope === 'own' && customer.ownerId !== viewer.id)
      throw new UserErrors([
        userError('customerId', 'FORBIDDEN', 'customerId: only the owner can release a customer'),
      ]);
    if (!allowed(viewer, 'customers.claim', customer))
      throw new UserErrors([
        userError(
          'customerId',
          'FORBIDDEN',
          'customerId: the customer is not in a team you manage',
        ),
      ]);
    const [released] = await changeOwner(
      tx,
      [customer],
      { ownerId: null, teamId: null, backupOwnerId: null },
      'RELEASE',
      viewer.id,
      reason,
    );
    return released;
  });
}
