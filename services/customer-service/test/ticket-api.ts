import { aCustomerSnapshot, aViewer, graphqlOk, knownCustomers, unique } from '@crm/testing';
import type { Harness } from './harness';

export interface UserErrorView {
  field: string[] | null;
  code: string;
  message: string;
}

export const anAgent = () => aViewer({ roles: ['SERVICE_AGENT'] });

/** Calls mutation `key` with `input`; returns its payload (the object under `key` and userErrors). */
export async function mutation<T>(
  h: Harness,
  key: string,
  query: string,
  token: string,
  input: Record<string, unknown>,
): Promise<T & { userErrors: UserErrorView[] }> {
  const data = await graphqlOk<Record<string, T & { userErrors: UserErrorView[] }>>(h.app, {
    query,
    variables: { input },
    token,
  });
  return data[key];
}

const OPEN = `mutation($input: OpenTicketInput!) {
  openTicket(input: $input) { ticket { id } userErrors { field code message } }
}`;

/** Opens a ticket through the API (a fresh customer unless one is given) and returns its id. */
export async function anOpenTicket(
  h: Harness,
  token: string,
  input: Record<string, unknown> = {},
): Promise<{ id: string; customerId: string }> {
  const customerId =
    (input.customerId as string | undefined) ??
    (await knownCustomers(h.dataSource, aCustomerSnapshot()))[0];
  const result = await mutation<{ ticket: { id: string } | null }>(h, 'openTicket', OPEN, token, {
    subject: unique('Printer jams'),
    channel: 'EMAIL',
    ...input,
    customerId,
  });
  expect(result.userErrors).toEqual([]);
  return { id: result.ticket!.id, customerId };
}
