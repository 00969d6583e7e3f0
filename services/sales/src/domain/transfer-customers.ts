import { reaches, scopeOf, type Viewer } from '@crm/auth';
import type { Tx } from '@crm/database';
import { userError, UserErrors, type Result, type UserError } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Customer } from '../db/customers';
import { findDirectoryEmployee, type DirectoryEmployee } from '../db/directory';
import { lockCustomers } from '../db/ownership';
import { changeOwner } from './change-owner';
import { allowed } from './visibility';
import { mutationUseCase } from './opportunities/use-case';

export const MAX_TRANSFER = 500;

export const transferCustomersInput = z.object({
  customerIds: z
    .array(z.uuid('is not a valid id'))
    .min(1, 'name at least one customer')
    .max(MAX_TRANSFER, `at most ${MAX_TRANSFER} customers at a time`),
  toOwnerId: z.uuid('is not a valid id').nullable(),
  backupOwnerId: z.uuid('is not a valid id').nullish(),
});

/** An active employee the viewer may give customers to (within the teams they manage). */
export async function assignableEmployee(
  tx: Tx,
  viewer: Viewer,
  id: string,
  field: string,
): Promise<DirectoryEmployee> {
  const person = await findDirectoryEmployee(tx, id);
  if (!person || !person.active)
    throw new UserErrors([userError(field, 'NOT_FOUND', `${field}: no active employee ${id}`)]);
  if (
    !reaches(viewer, scopeOf(viewer, 'customers.transfer'), {
      ownerId: id,
      backupOwnerId: null,
      teamId: person.teamId,
    })
  )
    throw new UserErrors([
      userError(field, 'FORBIDDEN', `${field}: ${person.name} is not in a team you manage`),
    ]);
  return person;
}

async function transferable(tx: Tx, viewer: Viewer, ids: string[]): Promise<Customer[]> {
  const found = new Map((await lockCustomers(tx, ids)).map((c) => [c.id, c]));
  const errors: UserError[] = [];
  ids.forEach((id, i) => {
    const field = ['input', 'customerIds', String(i)];
    const c = found.get(id);
    if (!c || !allowed(viewer, 'customers.read', c) || c.status === 'MERGED')
      errors.push(
        userError(field, 'NOT_FOUND', `customerIds.${i}: no customer ${id} that you can see`),
      );
    else if (!allowed(viewer, 'customers.transfer', c))
      errors.push(
        userError(
          field,
          'FORBIDDEN',
          `customerIds.${i}: customer "${c.name}" is not in a team you manage`,
        ),
      );
  });
  if (errors.length) throw new UserErrors(errors);
  return ids.map((id) => found.get(id)!);
}

/** Gives customers to another owner or to the pool (see the schema's transferCustomers). */
export async function transferCustomers(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof transferCustomersInput>,
): Promise<Result<Customer[]>> {
  const guard = {
    permission: 'customers.transfer',
    denied: 'only sales managers, executives and admins can transfer customers',
  } as const;
  return mutationUseCase(
    dataSource,
    viewer,
    guard,
    transferCustomersInput,
    raw,
    async (tx, input) => {
      const owner = input.toOwnerId
        ? await assignableEmployee(tx, viewer, input.toOwnerId, 'toOwnerId')
        : null;
      if (input.backupOwnerId)
        await assignableEmployee(tx, viewer, input.backupOwnerId, 'backupOwnerId');
      const customers = await transferable(tx, viewer, [...new Set(input.customerIds)]);
      return changeOwner(
        tx,
        customers,
        {
          ownerId: owner?.id ?? null,
          teamId: owner?.teamId ?? null,
          backupOwnerId: input.backupOwnerId,
        },
        'TRANSFER',
        viewer.id,
      );
    },
  );
}
