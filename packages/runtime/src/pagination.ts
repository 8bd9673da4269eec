import { badUserInput } from "./errors";

export interface PageArgs<K> {
  /** How many rows to return. */
  limit: number;
  /** Keyset position after which the page starts, decoded from the `after` cursor. */
  after: K | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Validates Relay `first`/`after`; cursors are opaque base64url JSON of the row's sort key. */
export function parsePageArgs<K>(first: number | null | undefined, after: string | null | undefined, max = 100): PageArgs<K> {
  const limit = first ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw badUserInput("first", `must be between 1 and ${max}`);
  return { limit, after: after ? decodeCursor<K>(after) : null };
}

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

function decodeCursor<K>(cursor: string): K {
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as K;
  } catch {
    throw badUserInput("after", "is not a cursor returned by this field");
  }
}

/** Builds a connection from `limit + 1` fetched rows: the extra row only proves there is a next page. */
export function toConnection<T>(rows: T[], limit: number, keyOf: (row: T) => unknown): Connection<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
}
