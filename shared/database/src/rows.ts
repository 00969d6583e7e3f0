import type { Tx } from './transaction';

/**
 * Runs a statement and returns its rows. TypeORM's postgres driver answers UPDATE and DELETE
 * with `[rows, affectedCount]` but SELECT and INSERT with the rows alone; this evens that out.
 */
export async function rows<T>(tx: Tx, text: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await tx.query(text, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
