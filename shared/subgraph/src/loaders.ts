import DataLoader from 'dataloader';

/**
 * A per-request loader of one row per key: `fetch` gets every key asked for in the same tick
 * (one SQL query) and the results are matched back by key.
 */
export function loaderByKey<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((r) => [keyOf(r), r]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** A per-request loader of many rows per key (e.g. tickets of each customer), one query per batch. */
export function loaderOfLists<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map<K, V[]>();
    for (const row of rows) {
      const list = byKey.get(keyOf(row)) ?? [];
      list.push(row);
      byKey.set(keyOf(row), list);
    }
    return keys.map((k) => byKey.get(k) ?? []);
  });
}
