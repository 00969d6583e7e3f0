import request from 'supertest';

/** An app under test (an Express app or any request listener). */
export type Target = Parameters<typeof request>[0];

export interface GraphQLResult<T> {
  status: number;
  data: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  requestId?: string;
}

export interface GraphQLCall {
  query: string;
  variables?: Record<string, unknown>;
  token?: string | null;
  headers?: Record<string, string>;
}

/** Sends a GraphQL request to an app under test (supertest) or a URL (a running service or gateway). */
export async function graphql<T = Record<string, unknown>>(
  target: Target | string,
  call: GraphQLCall,
): Promise<GraphQLResult<T>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(call.headers ?? {}),
  };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  const body = { query: call.query, variables: call.variables ?? {} };
  if (typeof target === 'string') {
    const res = await fetch(target, { method: 'POST', headers, body: JSON.stringify(body) });
    const json = (await res.json()) as Omit<GraphQLResult<T>, 'status'>;
    return {
      status: res.status,
      data: json.data ?? null,
      errors: json.errors,
      requestId: res.headers.get('x-request-id') ?? undefined,
    };
  }
  const res = await request(target).post('/graphql').set(headers).send(body);
  return {
    status: res.status,
    data: res.body.data ?? null,
    errors: res.body.errors,
    requestId: res.headers['x-request-id'],
  };
}

/** Like `graphql`, but any error fails the test with the query, variables and full response. */
export async function graphqlOk<T = Record<string, unknown>>(
  target: Target | string,
  call: GraphQLCall,
): Promise<T> {
  const result = await graphql<T>(target, call);
  if (result.status !== 200 || result.errors?.length || !result.data) {
    throw new Error(
      [
        `GraphQL request failed (HTTP ${result.status}, request id ${result.requestId ?? 'n/a'})`,
        `query: ${call.query.trim()}`,
        `variables: ${JSON.stringify(call.variables ?? {}, null, 2)}`,
        `response: ${JSON.stringify({ data: result.data, errors: result.errors }, null, 2)}`,
      ].join('\n'),
    );
  }
  return result.data;
}
