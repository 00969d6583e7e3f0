import { scopeOf, type Permission, type Viewer } from '@crm/auth';
import type { Tx } from '@crm/database';
import {
  forbidden,
  parseInput,
  transactionally,
  userError,
  UserErrors,
  type Result,
  type UserErrorCode,
} from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';

/**
 * The frame of a mutation use case: FORBIDDEN without the permission at any scope, field-level
 * user errors for bad input, then `work` in one transaction (a thrown UserErrors rolls it back).
 */
export async function mutationUseCase<S extends z.ZodType, T>(
  dataSource: DataSource,
  viewer: Viewer,
  guard: { permission: Permission; denied: string },
  schema: S,
  raw: unknown,
  work: (tx: Tx, input: z.output<S>) => Promise<T>,
): Promise<Result<T>> {
  if (scopeOf(viewer, guard.permission) === 'none') throw forbidden(guard.denied);
  const parsed = parseInput(schema, raw);
  if (!parsed.ok) return parsed;
  return transactionally(dataSource, (tx) => work(tx, parsed.value));
}

/** Stops the use case with one user error on `field` (a path under input, e.g. "lines.0.quantity"). */
export function fail(field: string | null, code: UserErrorCode, message: string): never {
  throw new UserErrors([userError(field, code, message)]);
}
