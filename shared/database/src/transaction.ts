import type { DataSource, EntityManager } from 'typeorm';

/** A unit of work: everything written through `tx` commits together or not at all. */
export type Tx = EntityManager;

export function inTransaction<T>(dataSource: DataSource, work: (tx: Tx) => Promise<T>): Promise<T> {
  return dataSource.transaction(work);
}
