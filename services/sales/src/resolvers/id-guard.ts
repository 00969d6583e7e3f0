// Every id in this subgraph is a UUID (isId); Postgres refuses anything else with a syntax error.
import { badInput, isId, userError, type UserError } from '@crm/subgraph';
import {
  getNullableType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLResolveInfo,
} from 'graphql';

interface MalformedId {
  path: string[];
  value: string;
}

function collect(value: unknown, type: GraphQLInputType, path: string[], out: MalformedId[]) {
  if (value === null || value === undefined) return;
  const t = getNullableType(type);
  if (isListType(t)) {
    if (Array.isArray(value))
      value.forEach((v, i) => collect(v, t.ofType, [...path, String(i)], out));
    else collect(value, t.ofType, path, out);
  } else if (isScalarType(t) && t.name === 'ID') {
    if (!isId(value)) out.push({ path, value: String(value) });
  } else if (isInputObjectType(t)) {
    const fields = value as Record<string, unknown>;
    for (const [name, field] of Object.entries(t.getFields()))
      collect(fields[name], field.type, [...path, name], out);
  }
}

/** The ID arguments (and ID fields of input objects) of a field call that are not UUIDs. */
function malformedIds(args: Record<string, unknown>, info: GraphQLResolveInfo): MalformedId[] {
  const out: MalformedId[] = [];
  for (const arg of info.parentType.getFields()[info.fieldName].args)
    collect(args[arg.name], arg.type, [arg.name], out);
  return out;
}

const explain = (m: MalformedId) =>
  `${m.path.join('.')} is not an id (expected a UUID, got ${JSON.stringify(m.value)})`;

type Resolve = (
  parent: unknown,
  args: Record<string, unknown>,
  ctx: unknown,
  info: GraphQLResolveInfo,
) => unknown;
type ResolverMap = Record<string, Record<string, unknown>>;

/**
 * Malformed ids never reach SQL: a lookup by one (a nullable field like `customer(id:)`, an
 * entity reference) answers null, a mutation answers a userError naming the input field, any
 * other argument (a filter) is BAD_USER_INPUT naming it.
 */
export function guardIds<R extends object>(resolvers: R): R {
  const guarded: ResolverMap = {};
  for (const [type, fields] of Object.entries(resolvers as unknown as ResolverMap)) {
    guarded[type] = { ...fields };
    for (const [name, resolve] of Object.entries(fields)) {
      if (typeof resolve !== 'function') continue;
      if (type === 'Query' || type === 'Mutation')
        guarded[type][name] = guardField(type, resolve as Resolve);
      else if (name === '__resolveReference')
        guarded[type][name] = (ref: { id?: unknown }, ...rest: unknown[]) =>
          isId(ref.id) ? (resolve as (...a: unknown[]) => unknown)(ref, ...rest) : null;
    }
  }
  return guarded as unknown as R;
}

function guardField(root: 'Query' | 'Mutation', resolve: Resolve): Resolve {
  return (parent, args, ctx, info) => {
    const bad = malformedIds(args, info);
    if (!bad.length) return resolve(parent, args, ctx, info);
    if (root === 'Mutation')
      return { userErrors: bad.map((m): UserError => userError(m.path, 'INVALID', explain(m))) };
    if (!isNonNullType(info.returnType) && !isListType(info.returnType)) return null;
    throw badInput(bad.map(explain).join('; '));
  };
}
