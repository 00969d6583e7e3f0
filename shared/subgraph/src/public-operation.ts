import { Kind, parse, type OperationDefinitionNode } from 'graphql';

/**
 * True when every root field of the requested operation is in `publicFields` (e.g. `login`):
 * such a request may be served without a token. Anything unparsable is not public.
 */
export function isPublicOperation(
  query: unknown,
  operationName: unknown,
  publicFields: readonly string[],
): boolean {
  if (!publicFields.length || typeof query !== 'string') return false;
  try {
    const document = parse(query);
    const operations = document.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const operation =
      typeof operationName === 'string' && operationName
        ? operations.find((o) => o.name?.value === operationName)
        : operations[0];
    if (!operation || (operations.length > 1 && !operationName)) return false;
    return operation.selectionSet.selections.every(
      (s) =>
        s.kind === Kind.FIELD &&
        (s.name.value === '__typename' || publicFields.includes(s.name.value)),
    );
  } catch {
    return false;
  }
}
