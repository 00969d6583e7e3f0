import type { Tx } from '@crm/database';
import type { DataSource } from 'typeorm';
import { failed, ok, UserErrors, type Result } from './errors';

/**
 * Runs a use case in one transaction. Throwing UserErrors inside rolls everything back (rows,
 * audit record and outbox event alike) and answers with those errors.
 */
export async function transactionally<T>(
  dataSource: DataSource,
  work: (tx: Tx) => Promise<T>,
): Promise<Result<T>> {
  try {
    return ok(await dataSource.transaction(work));
  } catch (err) {
    if (err instanceof UserErrors) return failed(...err.errors);
    throw err;
  }
}
