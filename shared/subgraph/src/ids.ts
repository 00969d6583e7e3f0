import { z } from 'zod';
import { badInput } from './errors';

/** An id as the services store it: a UUID written 8-4-4-4-12 in hex digits (any version). */
const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** An id field of a mutation input (zod): a malformed one is the field's INVALID user error. */
export const idField = z.string().regex(ID_PATTERN, 'is not a valid id');

/**
 * Wraps the fetch of a lookup (a loader, `__resolveReference`): a malformed id cannot name a
 * record, so it is not found (null) instead of reaching the database as a uuid syntax error.
 */
export function idsOnly<R>(
  fetch: (ids: readonly string[]) => Promise<R[]>,
): (ids: readonly string[]) => Promise<R[]> {
  return async (ids) => {
    const wellFormed = ids.filter(isId);
    return wellFormed.length ? fetch(wellFormed) : [];
  };
}

/**
 * Ids given as query arguments other than lookups (filters): a malformed one is BAD_USER_INPUT
 * naming the argument, e.g. `requireIds({ 'filter.teamId': args.filter?.teamId })`.
 */
export function requireIds(args: Record<string, string | readonly string[] | null | undefined>) {
  for (const [name, value] of Object.entries(args)) {
    const bad = (Array.isArray(value) ? value : [value]).find(
      (v): v is string => v != null && !isId(v),
    );
    if (bad !== undefined) throw badInput(`${name}: ${JSON.stringify(bad)} is not a valid id`);
  }
}
