import type { Viewer } from '@crm/auth';
import { newId } from '@crm/database';
import { userError, UserErrors, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import {
  clearPrimaryContact,
  countContacts,
  deleteContact,
  findContact,
  insertContact,
  saveContact,
  type Contact,
} from '../db/contacts';
import type { Customer } from '../db/customers';
import { assertContactKeysFree, recordContactChange } from './contact-changes';
import { addContactInput, removeContactInput, updateContactInput } from './contact-inputs';
import { writableCustomer } from './customer-access';
import { mutationUseCase } from './opportunities/use-case';

const WRITE = {
  permission: 'customers.write',
  denied: 'your roles cannot change customers or their contacts',
} as const;

export async function addContact(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof addContactInput>,
): Promise<Result<{ contact: Contact; customer: Customer }>> {
  return mutationUseCase(dataSource, viewer, WRITE, addContactInput, raw, async (tx, input) => {
    const customer = await writableCustomer(tx, viewer, input.customerId, 'customerId');
    const keys = { phoneKey: input.phone?.e164 ?? null, emailKey: input.email ?? null };
    await assertContactKeysFree(tx, viewer, customer.id, keys, null);
    const isPrimary = input.isPrimary || (await countContacts(tx, customer.id)) === 0;
    if (isPrimary) await clearPrimaryContact(tx, customer.id);
    const contact = await insertContact(tx, {
      id: newId(),
      customerId: customer.id,
      name: input.name,
      title: input.title ?? null,
      phone: input.phone?.display ?? null,
      email: input.email ?? null,
      ...keys,
      isPrimary,
      createdBy: viewer.id,
    });
    const touched = await recordContactChange(tx, viewer, 'contact.add', customer, null, contact);
    return { contact, customer: touched };
  });
}

async function writableContact(tx: Parameters<typeof findContact>[0], viewer: Viewer, id: string) {
  const contact = await findContact(tx, id);
  if (!contact)
    throw new UserErrors([userError('id', 'NOT_FOUND', `id: no contact ${id} that you can see`)]);
  const customer = await writableCustomer(tx, viewer, contact.customerId);
  return { contact, customer };
}

export async function updateContact(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof updateContactInput>,
): Promise<Result<{ contact: Contact; customer: Customer }>> {
  return mutationUseCase(dataSource, viewer, WRITE, updateContactInput, raw, async (tx, input) => {
    const { contact: before, customer } = await writableContact(tx, viewer, input.id);
    const next: Contact = {
      ...before,
      name: input.name ?? before.name,
      title: input.title === undefined ? before.title : input.title,
      phone: input.phone === undefined ? before.phone : (input.phone?.display ?? null),
      phoneKey: input.phone === undefined ? before.phoneKey : (input.phone?.e164 ?? null),
      email: input.email === undefined ? before.email : input.email,
      emailKey: input.email === undefined ? before.emailKey : input.email,
      isPrimary: input.isPrimary ?? before.isPrimary,
    };
    await assertContactKeysFree(
      tx,
      viewer,
      customer.id,
      {
        phoneKey: next.phoneKey !== before.phoneKey ? next.phoneKey : null,
        emailKey: next.emailKey !== before.emailKey ? next.emailKey : null,
      },
      before.id,
    );
    if (next.isPrimary && !before.isPrimary) await clearPrimaryContact(tx, customer.id);
    const contact = await saveContact(tx, next);
    const touched = await recordContactChange(
      tx,
      viewer,
      'contact.update',
      customer,
      before,
      contact,
    );
    return { contact, customer: touched };
  });
}

export async function removeContact(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof removeContactInput>,
): Promise<Result<{ contact: Contact; customer: Customer }>> {
  return mutationUseCase(dataSource, viewer, WRITE, removeContactInput, raw, async (tx, input) => {
    const { contact, customer } = await writableContact(tx, viewer, input.id);
    await deleteContact(tx, contact.id);
    const touched = await recordContactChange(
      tx,
      viewer,
      'contact.remove',
      customer,
      contact,
      null,
    );
    return { contact, customer: touched };
  });
}
