import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from './connection';

/** What one GraphQL operation may ask for; the same in every environment. */
export interface QueryLimits {
  /** Nesting of fields. */
  maxDepth: number;
  /** Estimated fields returned (see `measureOperation`). */
  maxCost: number;
  /** Aliased fields in one operation (many aliases of one field multiply its work). */
  maxAliases: number;
  /** Directives in one operation. */
  maxDirectives: number;
  /** Lexical tokens in the document (the parser stops counting there). */
  maxTokens: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxCost: 20_000,
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 5_000,
};

/** What a plain list (no `first`: a team's members, a lead's touches, tags) is assumed to hold. */
export const PLAIN_LIST_SIZE = 10;

export interface Measure {
  depth: number;
  cost: number;
}

type Fragments = Map<string, FragmentDefinitionNode>;

function fieldOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | null {
  if (isObjectType(type) || isInterfaceType(type)) return type.getFields()[name] ?? null;
  return null;
}

function argument(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  name: string,
  variables: Record<string, unknown>,
): { declared: boolean; value: unknown } {
  const declared = field.args.find((a) => a.name === name);
  if (!declared) return { declared: false, value: undefined };
  const given = node.arguments?.find((a) => a.name.value === name);
  const value = given ? valueFromAST(given.value, declared.type, variables) : undefined;
  return { declared: true, value: value ?? declared.defaultValue };
}

/**
 * How many items a field can return per parent, and the page size its lists inside get. A
 * `first` (given, else the argument's default, else the connection default) is the page: on a
 * list field it counts there; on an object (a connection, a ranking) it counts on the lists
 * inside it (`nodes`, `edges`, ...). `_entities` counts its representations, any other list an
 * assumed PLAIN_LIST_SIZE, anything else 1.
 */
function itemsOf(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
  page: number | undefined,
): { items: number; page: number | undefined } {
  const isList = isListType(getNullableType(field.type));
  const first = argument(field, node, 'first', variables);
  if (first.declared) {
    const size =
      typeof first.value === 'number' && first.value > 0 ? first.value : DEFAULT_PAGE_SIZE;
    return isList ? { items: size, page: undefined } : { items: 1, page: size };
  }
  if (!isList) return { items: 1, page: undefined };
  if (page !== undefined) return { items: page, page: undefined };
  if (field.name === '_entities') {
    const representations = argument(field, node, 'representations', variables).value;
    return {
      items: Array.isArray(representations) ? Math.max(representations.length, 1) : PLAIN_LIST_SIZE,
      page: undefined,
    };
  }
  return { items: PLAIN_LIST_SIZE, page: undefined };
}

function measure(
  schema: GraphQLSchema,
  set: SelectionSetNode,
  parent: GraphQLCompositeType,
  fragments: Fragments,
  variables: Record<string, unknown>,
  multiplier: number,
  seen: ReadonlySet<string>,
  page?: number,
): Measure {
  let depth = 0;
  let cost = 0;
  const add = (below: Measure, extraDepth: number) => {
    depth = Math.max(depth, below.depth + extraDepth);
    cost += below.cost;
  };
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      cost += multiplier;
      const field = fieldOf(parent, selection.name.value);
      const type = field && getNamedType(field.type);
      if (!selection.selectionSet || !field || !type || !isCompositeType(type)) {
        depth = Math.max(depth, 1);
        continue;
      }
      const below = itemsOf(field, selection, variables, page);
      add(
        measure(
          schema,
          selection.selectionSet,
          type,
          fragments,
          variables,
          multiplier * below.items,
          seen,
          below.page,
        ),
        1,
      );
    } else {
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (!fragment) continue;
      const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : null;
      if (name && seen.has(name)) continue;
      const condition = fragment.typeCondition
        ? schema.getType(fragment.typeCondition.name.value)
        : parent;
      if (!condition || !isCompositeType(condition)) continue;
      add(
        measure(
          schema,
          fragment.selectionSet,
          condition,
          fragments,
          variables,
          multiplier,
          name ? new Set([...seen, name]) : seen,
          page,
        ),
        0,
      );
    }
  }
  return { depth, cost };
}

/**
 * Depth (nesting of fields) and estimated cost of an operation: every field costs 1 for each
 * time it can be returned, so a list multiplies everything below it by its size (`itemsOf`).
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Measure {
  const root = schema.getRootType(operation.operation);
  if (!root) return { depth: 0, cost: 0 };
  const fragments: Fragments = new Map();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return measure(schema, operation.selectionSet, root, fragments, variables, 1, new Set());
}

function depthAndCostPlugin(limits: QueryLimits): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          const { depth, cost } = measureOperation(
            schema,
            document,
            operation,
            request.variables ?? {},
          );
          if (depth > limits.maxDepth) {
            throw new GraphQLError(
              `query is nested ${depth} levels deep; the limit is ${limits.maxDepth}`,
              { extensions: { code: 'QUERY_TOO_DEEP', http: { status: 400 } } },
            );
          }
          if (cost > limits.maxCost) {
            throw new GraphQLError(
              `query could return about ${cost} fields; the limit is ${limits.maxCost} (ask for smaller pages or fewer fields)`,
              { extensions: { code: 'QUERY_TOO_COSTLY', http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}

// graphql-armor throws by default, which Apollo answers as a 500; reported as validation
// errors they are a 400 naming the limit
const reportInValidation = {
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) => context?.reportError(error),
  ],
};

/**
 * The Apollo Server options that enforce `limits`: the token limit in the parser (graphql-js
 * stops reading there), aliases and directives as validation rules (graphql-armor), depth and
 * cost once the operation is known. Schema details ("Did you mean ...") stay out of errors.
 */
export function queryLimitOptions<C extends BaseContext>(
  limits: QueryLimits,
): {
  parseOptions: ParseOptions;
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<C>[];
  hideSchemaDetailsFromClientErrors: true;
} {
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [
      maxAliasesRule({ n: limits.maxAliases, ...reportInValidation }) as unknown as ValidationRule,
      maxDirectivesRule({
        n: limits.maxDirectives,
        ...reportInValidation,
      }) as unknown as ValidationRule,
    ],
    plugins: [depthAndCostPlugin(limits) as ApolloServerPlugin<C>],
    hideSchemaDetailsFromClientErrors: true,
  };
}
