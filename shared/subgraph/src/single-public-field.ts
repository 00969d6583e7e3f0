import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

function rootFieldNames(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
): string[] {
  return set.selections.flatMap((s) => {
    if (s.kind === Kind.FIELD) return [s.name.value];
    if (s.kind === Kind.INLINE_FRAGMENT) return rootFieldNames(s.selectionSet, fragments, seen);
    const fragment = fragments.get(s.name.value);
    if (!fragment || seen.has(s.name.value)) return [];
    return rootFieldNames(fragment.selectionSet, fragments, new Set([...seen, s.name.value]));
  });
}

/** How many times the operation calls one of `publicFields` at its root (aliases included). */
export function publicFieldCalls(
  operation: OperationDefinitionNode,
  fragments: FragmentDefinitionNode[],
  publicFields: readonly string[],
): number {
  const byName = new Map(fragments.map((f) => [f.name.value, f]));
  return rootFieldNames(operation.selectionSet, byName, new Set()).filter((f) =>
    publicFields.includes(f),
  ).length;
}

/**
 * At most one public field (`login`) per operation: a thousand aliased logins in one request
 * would be a thousand password guesses past any per-request limit.
 */
export function singlePublicFieldPlugin<C extends BaseContext>(
  publicFields: readonly string[],
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation }) {
          if (!operation || !publicFields.length) return;
          const fragments = document.definitions.filter(
            (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
          );
          const calls = publicFieldCalls(operation, fragments, publicFields);
          if (calls > 1) {
            throw new GraphQLError(
              `an operation may make one call to ${publicFields.join(' / ')}, not ${calls}`,
              { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
