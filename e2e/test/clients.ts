import { graphqlOk, unique, uniqueMobile } from '@crm/testing';
import { gatewayUrl } from './system';

export const DEMO_PASSWORD = 'demo1234';

/** Logs a demo person in through the gateway, as a client app would. */
export async function login(email: string): Promise<{ token: string; id: string }> {
  const data = await graphqlOk<{
    login: {
      token: string | null;
      employee: { id: string } | null;
      userErrors: { message: string }[];
    };
  }>(gatewayUrl, {
    query:
      'mutation($input: LoginInput!) { login(input: $input) { token employee { id } userErrors { message } } }',
    variables: { input: { email, password: DEMO_PASSWORD } },
  });
  if (!data.login.token || !data.login.employee)
    throw new Error(`login of ${email} failed: ${JSON.stringify(data.login.userErrors)}`);
  return { token: data.login.token, id: data.login.employee.id };
}

export async function createCustomer(
  token: string,
  input: Record<string, unknown> = {},
): Promise<{ id: string; name: string }> {
  const data = await graphqlOk<{
    createCustomer: { customer: { id: string; name: string } | null; userErrors: unknown[] };
  }>(gatewayUrl, {
    query:
      'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id name } userErrors { field code message } } }',
    variables: { input: { name: unique('E2E 客户'), phone: uniqueMobile(), ...input } },
    token,
  });
  if (!data.createCustomer.customer)
    throw new Error(`createCustomer failed: ${JSON.stringify(data.createCustomer.userErrors)}`);
  return data.createCustomer.customer;
}

export const asGateway = <T>(
  query: string,
  token: string,
  variables: Record<string, unknown> = {},
) => graphqlOk<T>(gatewayUrl, { query, token, variables });
