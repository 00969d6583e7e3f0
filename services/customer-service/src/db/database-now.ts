import type { Tx } from '@crm/database';

/** The database's clock (`now()` of the transaction): due times are judged by it, not the app's. */
export async function databaseNow(tx: Tx): Promise<Date> {
  const [{ now }] = (await tx.query('SELECT now() AS now')) as { now: Date }[];
  return now;
}
