import { GraphQLError } from 'graphql';

export type UserErrorCode =
  | 'INVALID'
  | 'REQUIRED'
  | 'DUPLICATE'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'LIMIT_REACHED'
  | 'INVALID_CREDENTIALS';

/** An expected failure, returned in a mutation payload's `userErrors`. */
export interface UserError {
  field: string[] | null;
  code: UserErrorCode;
  message: string;
}

export function userError(
  field: string | string[] | null,
  code: UserErrorCode,
  message: string,
): UserError {
  return {
    field: field === null ? null : Array.isArray(field) ? field : ['input', ...field.split('.')],
    code,
    message,
  };
}

/** The result of a use case: a value, or the user errors that stopped it (nothing was changed). */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: UserError[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const failed = <T = never>(...errors: UserError[]): Result<T> => ({ ok: false, errors });

/** Thrown inside a transaction to roll it back and answer with user errors. */
export class UserErrors extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'UserErrors';
  }
}

/** Maps a Result to a mutation payload `{ <key>: value | null, userErrors }`. */
export function payload<K extends string, T>(
  key: K,
  result: Result<T>,
): Record<K, T | null> & { userErrors: UserError[] } {
  return (
    result.ok ? { [key]: result.value, userErrors: [] } : { [key]: null, userErrors: result.errors }
  ) as Record<K, T | null> & {
    userErrors: UserError[];
  };
}

export function forbidden(message = 'you are not allowed to do this'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}
