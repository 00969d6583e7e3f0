import { maskEmail, maskPhone } from '@crm/auth';
import { payload, viewerOf } from '@crm/subgraph';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { SalesContext as Ctx } from '../context';
import type { Contact } from '../db/contacts';
import type { Customer } from '../db/customers';
import { addContact, removeContact, updateContact } from '../domain/contacts';
import { allowed } from '../domain/visibility';

/** Contact data is masked by the same rule as the customer's own phone and email. */
async function contactVisible(contact: Contact, ctx: Ctx): Promise<boolean> {
  const customer = await ctx.loaders.customer.load(contact.customerId);
  return !!customer && allowed(viewerOf(ctx), 'customers.contact', customer);
}

function contactPayload(
  result: Awaited<ReturnType<typeof addContact>>,
): ReturnType<typeof payload<'contact', Contact>> & { customer: Customer | null } {
  return result.ok
    ? { contact: result.value.contact, customer: result.value.customer, userErrors: [] }
    : { contact: null, customer: null, userErrors: result.errors };
}

export const contactResolvers: Resolvers = {
  Mutation: {
    addContact: async (_, { input }, ctx) =>
      contactPayload(await addContact(ctx.dataSource, viewerOf(ctx), input as never)),
    updateContact: async (_, { input }, ctx) =>
      contactPayload(await updateContact(ctx.dataSource, viewerOf(ctx), input as never)),
    removeContact: async (_, { input }, ctx) =>
      contactPayload(await removeContact(ctx.dataSource, viewerOf(ctx), input)),
  },
  Contact: {
    customer: async (c, _, ctx) => (await ctx.loaders.customer.load(c.customerId)) as Customer,
    phone: async (c, _, ctx) => ((await contactVisible(c, ctx)) ? c.phone : maskPhone(c.phone)),
    email: async (c, _, ctx) => ((await contactVisible(c, ctx)) ? c.email : maskEmail(c.email)),
  },
};
