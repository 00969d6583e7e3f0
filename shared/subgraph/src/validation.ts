import type { z } from 'zod';
import { failed, ok, userError, type Result } from './errors';

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** A mutation input as GraphQL hands it over for a schema: any field may be null until validated. */
export type InputOf<S extends z.ZodType> = { [K in keyof z.input<S>]?: z.input<S>[K] | null };

/**
 * Validates a mutation input; every problem becomes a field-level user error
 * (`REQUIRED` when the value is missing or blank, `INVALID` otherwise).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>> {
  const result = schema.safeParse(input);
  if (result.success) return ok(result.data);
  return failed(
    ...result.error.issues.map((issue) => {
      const value = valueAt(input, issue.path);
      const missing =
        value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
      const field = ['input', ...issue.path.map(String)];
      return userError(
        field,
        missing ? 'REQUIRED' : 'INVALID',
        `${issue.path.join('.') || 'input'}: ${missing ? 'is required' : issue.message}`,
      );
    }),
  );
}
