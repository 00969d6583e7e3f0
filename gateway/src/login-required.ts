import { Kind, parse, type OperationDefinitionNode } from 'graphql';

/** The operations anyone may call without a token (identity's), once per request. */
export const PUBLIC_FIELDS = ['login', 'refreshSession', 'logout'];

/** Root fields that answer without a token: `login`, and the schema itself when introspection is on. */
export function publicRootFields(introspection: boolean): string[] {
  return [...PUBLIC_FIELDS, '__typename', ...(introspection ? ['__schema', '__type'] : [])];
}

function rootFields(query: string, operationName: unknown): string[] | null {
  try {
    const operations = parse(query).definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const operation =
      typeof operationName === 'string' && operationName
        ? operations.find((o) => o.name?.value === operationName)
        : operations.length === 1
          ? operations[0]
          : undefined;
    if (!operation) return null;
    return operation.selectionSet.selections.map((s) =>
      s.kind === Kind.FIELD ? s.name.value : '...',
    );
  } catch {
    return null;
  }
}

/**
 * Why a request without a token cannot be served, or null when every root field it asks for is
 * public (a query the gateway cannot read is left to it: it answers the syntax error).
 */
export function loginRequired(
  query: unknown,
  operationName: unknown,
  publicFields: readonly string[],
): string | null {
  if (typeof query !== 'string') return null;
  const fields = rootFields(query, operationName);
  if (!fields) return null;
  const closed = fields.filter((f) => !publicFields.includes(f));
  if (!closed.length) return null;
  return [
    `${closed.map((f) => `"${f}"`).join(', ')} ${closed.length > 1 ? 'need' : 'needs'} a login.`,
    'Get a token with mutation { login(input: { email: "...", password: "..." }) { token } }',
    '(no token needed for it) and send it as the header Authorization: Bearer <token>.',
  ].join(' ');
}
