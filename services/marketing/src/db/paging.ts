import { rows, type Tx, type Where } from '@crm/database';

export interface SortSpec {
  /** SQL of the sort column, e.g. `c.created_at`. */
  column: string;
  /** SQL type the cursor value is cast to, e.g. `timestamptz`. */
  cast: string;
  direction: 'ASC' | 'DESC';
}

export interface Page<R> {
  rows: R[];
  total: number;
}

/**
 * Keyset pagination on (sort column, id) with LIMIT n + 1 and the total of the filter. `where`
 * holds the scope and the filter; `from` names the table with its alias (`alias.id` is the tie-break).
 */
export async function keysetPage<R>(
  tx: Tx,
  query: {
    columns: string;
    from: string;
    alias: string;
    where: Where;
    sort: SortSpec;
    limit: number;
    after: unknown[] | null;
  },
): Promise<Page<R>> {
  const { columns, from, alias, where, sort } = query;
  const [{ total }] = await rows<{ total: number }>(
    tx,
    `SELECT count(*)::int AS total FROM ${from} ${where.sql()}`,
    where.params,
  );
  const paged = where.clone();
  if (query.after) {
    const op = sort.direction === 'DESC' ? '<' : '>';
    paged.add(
      `(${sort.column}, ${alias}.id) ${op} (?::${sort.cast}, ?::uuid)`,
      query.after[0],
      query.after[1],
    );
  }
  const limit = paged.param(query.limit + 1);
  const found = await rows<R>(
    tx,
    `SELECT ${columns} FROM ${from} ${paged.sql()} ORDER BY ${sort.column} ${sort.direction}, ${alias}.id ${sort.direction} LIMIT ${limit}`,
    paged.params,
  );
  return { rows: found, total };
}
