import DataLoader from "dataloader";

/**
 * A per-request loader of one row per key. `load` runs one query for the whole batch; rows come back in any
 * order and are matched to keys with `keyOf`, so every key gets its row or null.
 */
export function rowLoader<K, V>(load: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const byKey = new Map((await load(keys)).map((row) => [keyOf(row), row] as const));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** A per-request loader of many rows per key (a one-to-many relation), in one query per batch. */
export function listLoader<K, V>(load: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const groups = new Map<K, V[]>(keys.map((k) => [k, []]));
    for (const row of await load(keys)) groups.get(keyOf(row))?.push(row);
    return keys.map((k) => groups.get(k)!);
  });
}
