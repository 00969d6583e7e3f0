import type { Viewer } from '@crm/auth';
import { recordAudit, type Tx } from '@crm/database';
import { customerUpdated, publishEvent } from '@crm/events';
import { userError, UserErrors } from '@crm/subgraph';
import { contactKeysOf, findSiblingContacts, type Contact } from '../db/contacts';
import { touchCustomer, type Customer } from '../db/customers';
import { customerSnapshot } from './customer-events';
import { assertNoDuplicates } from './duplicates';

/**
 * A contact's phone or email may not belong to another customer, nor to another contact of the
 * same customer (the customer's own phone on its contact is fine).
 */
export async function assertContactKeysFree(
  tx: Tx,
  viewer: Viewer,
  customerId: string,
  keys: { phoneKey: string | null; emailKey: string | null },
  excludeContactId: string | null,
): Promise<void> {
  await assertNoDuplicates(
    tx,
    viewer,
    {
      phoneKeys: keys.phoneKey ? [keys.phoneKey] : [],
      emailKeys: keys.emailKey ? [keys.emailKey] : [],
      nameKeys: [],
    },
    { phone: 'phone', email: 'email' },
    customerId,
  );
  const siblings = await findSiblingContacts(tx, customerId, keys, excludeContactId);
  const errors = [];
  for (const [field, key] of [
    ['phone', 'phoneKey'],
    ['email', 'emailKey'],
  ] as const) {
    const sibling = keys[key] && siblings.find((s) => s[key] === keys[key]);
    if (sibling)
      errors.push(
        userError(
          field,
          'DUPLICATE',
          `${field}: contact "${sibling.name}" (${sibling.id}) of this customer already has it`,
        ),
      );
  }
  if (errors.length) throw new UserErrors(errors);
}

/** Audit record, a new customer version and customer.updated carrying the contacts' keys. */
export async function recordContactChange(
  tx: Tx,
  viewer: Viewer,
  action: 'contact.add' | 'contact.update' | 'contact.remove',
  customer: Customer,
  before: Contact | null,
  after: Contact | null,
): Promise<Customer> {
  await recordAudit(tx, {
    actorId: viewer.id,
    action,
    entityType: 'Contact',
    entityId: (after ?? before)!.id,
    before: before ?? undefined,
    after: after ?? undefined,
  });
  const touched = await touchCustomer(tx, customer.id);
  await publishEvent(
    tx,
    customerUpdated,
    {
      ...customerSnapshot(touched),
      ...(await contactKeysOf(tx, customer.id)),
      changedFields: ['contacts'],
    },
    { actorId: viewer.id },
  );
  return touched;
}
