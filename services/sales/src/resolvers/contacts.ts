import { maskEmail, maskPhone } from '@crm/auth';
import { payload, viewerOf } from '@crm/subgraph';
import type { SalesContext as Ctx } from '../context';
import type { Contact } from '../db/contacts';
import { addContact, removeContact, updateContact } from '../domain/contacts';
import { allowed } from '../domain/visibility';

type Input<T = Record<string, unknown>> = { input: T };

/** Contact data is masked by the same rule as the customer's own phone and email. */
async function contactVisible(contact: Contact, ctx: Ctx): Promise<boolean> {
  const customer = await ctx.loaders.customer.load(contact.customerId);
  return !!customer && allowed(viewerOf(ctx), 'customers.contact', customer);
}

function contactPayload(
  result: Awaited<ReturnType<typeof addContact>>,
): ReturnType<typeof payload<'contact', Contact>> & { customer: unknown } {
  return result.ok
    ? { contact: result.value.contact, customer: result.value.customer, userErrors: [] }
    : { contact: null, customer: null, userErrors: result.errors };
}

export const contactResolvers = {
  Mutation: {
    addContact: async (
      _: unknown,
      { input }: Input<{ customerId: string; name: string }>,
      ctx: Ctx,
    ) => contactPayload(await addContact(ctx.dataSource, viewerOf(ctx), input)),
    updateContact: async (_: unknown, { input }: Input<{ id: string }>, ctx: Ctx) =>
      contactPayload(await updateContact(ctx.dataSource, viewerOf(ctx), input)),
    removeContact: async (_: unknown, { input }: Input<{ id: string }>, ctx: Ctx) =>
      contactPayload(await removeContact(ctx.dataSource, viewerOf(ctx), input)),
  },
  Contact: {
    customer: (c: Contact, _: unknown, ctx: Ctx) => ctx.loaders.customer.load(c.customerId),
    phone: async (c: Contact, _: unknown, ctx: Ctx) =>
      (await contactVisible(c, ctx)) ? c.phone : maskPhone(c.phone),
    email: async (c: Contact, _: unknown, ctx: Ctx) =>
      (await contactVisible(c, ctx)) ? c.email : maskEmail(c.email),
  },
};
