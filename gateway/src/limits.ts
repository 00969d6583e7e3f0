import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

const DEFAULT_PAGE = 20;

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return fragments;
}

function intValue(node: ValueNode | undefined, variables: Record<string, unknown>): number | null {
  if (!node) return null;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const value = variables[node.name.value];
    return typeof value === 'number' ? value : null;
  }
  return null;
}

interface Measure {
  depth: number;
  cost: number;
}

/**
 * Depth (nesting of fields) and estimated cost: every field costs 1 times how many times it can
 * be returned, where a list field with `first: n` (default 20 for connections) multiplies what is
 * below it.
 */
function measure(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  multiplier: number,
  seen: Set<string>,
): Measure {
  let depth = 0;
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const first = intValue(
        selection.arguments?.find((a) => a.name.value === 'first')?.value,
        variables,
      );
      const isPage = first !== null || selection.arguments?.some((a) => a.name.value === 'after');
      cost += multiplier;
      if (selection.selectionSet) {
        const below = measure(
          selection.selectionSet,
          fragments,
          variables,
          multiplier * (isPage ? (first ?? DEFAULT_PAGE) : 1),
          seen,
        );
        depth = Math.max(depth, below.depth + 1);
        cost += below.cost;
      } else {
        depth = Math.max(depth, 1);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const below = measure(selection.selectionSet, fragments, variables, multiplier, seen);
      depth = Math.max(depth, below.depth);
      cost += below.cost;
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue;
      const below = measure(
        fragment.selectionSet,
        fragments,
        variables,
        multiplier,
        new Set([...seen, name]),
      );
      depth = Math.max(depth, below.depth);
      cost += below.cost;
    }
  }
  return { depth, cost };
}

export function measureOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Measure {
  return measure(operation.selectionSet, fragmentsOf(document), variables, 1, new Set());
}

/** Rejects operations nested deeper than `maxDepth` or estimated to cost more than `maxCost`. */
export function queryLimitsPlugin(maxDepth: number, maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const { depth, cost } = measureOperation(document, operation, request.variables ?? {});
          if (depth > maxDepth) {
            throw new GraphQLError(
              `query is nested ${depth} levels deep; the limit is ${maxDepth}`,
              {
                extensions: { code: 'QUERY_TOO_DEEP', http: { status: 400 } },
              },
            );
          }
          if (cost > maxCost) {
            throw new GraphQLError(
              `query could return about ${cost} fields; the limit is ${maxCost} (ask for smaller pages)`,
              {
                extensions: { code: 'QUERY_TOO_COSTLY', http: { status: 400 } },
              },
            );
          }
        },
      };
    },
  };
}
