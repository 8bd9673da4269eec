import { createHash } from "node:crypto";
import type { HeaderMap, HTTPGraphQLRequest, HTTPGraphQLResponse } from "@apollo/server";
import type { Logger, ResponseCacheStore } from "@shop/runtime";

/** Larger answers are not worth a round trip of their size to Redis on every hit. */
const MAX_CACHED_BYTES = 256 * 1024;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The cache key of a request: its query (or the persisted query's hash, which is the query's SHA-256), operation name
 * and variables, so `GET` with a persisted query and `POST` with the full text share an entry. Undefined when the
 * request names no query the cache could recognise; Apollo Server then answers it (and its error) as usual.
 */
export function cacheKeyOf(request: HTTPGraphQLRequest): string | undefined {
  const fields = request.method === "GET" ? fieldsOfSearch(request.search) : (request.body as Record<string, unknown> | undefined);
  if (!fields || typeof fields !== "object") return undefined;
  const { query, operationName, variables, extensions } = fields;
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  const queryHash =
    typeof query === "string" ? sha256(query) : typeof persisted === "string" && /^[0-9a-f]{64}$/.test(persisted) ? persisted : undefined;
  if (!queryHash) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return undefined;
  if (variables !== undefined && variables !== null && (typeof variables !== "object" || Array.isArray(variables))) return undefined;
  return sha256(`${queryHash}\n${operationName ?? ""}\n${JSON.stringify(variables ?? {})}`);
}

/** GET parameters as the POST body would carry them (JSON-valued ones parsed); undefined when one is not JSON. */
function fieldsOfSearch(search: string): Record<string, unknown> | undefined {
  const params = new URLSearchParams(search);
  try {
    return {
      query: params.get("query") ?? undefined,
      operationName: params.get("operationName") ?? undefined,
      variables: params.has("variables") ? JSON.parse(params.get("variables")!) : undefined,
      extensions: params.has("extensions") ? JSON.parse(params.get("extensions")!) : undefined,
    };
  } catch {
    return undefined;
  }
}

/**
 * Apollo Server's CSRF rule, applied to cached answers too so a hit and a miss accept the same requests: a request
 * must be one a browser would preflight — a non-simple `Content-Type`, or an `apollo-require-preflight` or
 * `x-apollo-operation-name` header.
 */
export function passesCsrfPrevention(headers: HeaderMap): boolean {
  const contentType = headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (contentType && !["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"].includes(contentType)) return true;
  return Boolean(headers.get("apollo-require-preflight") || headers.get("x-apollo-operation-name"));
}

/** The public max-age Apollo Server put on a successful answer, or undefined when it may not be cached by anyone. */
export function publicMaxAge(response: HTTPGraphQLResponse): number | undefined {
  if ((response.status ?? 200) !== 200 || response.body.kind !== "complete") return undefined;
  const match = /^max-age=(\d+), public$/.exec(response.headers.get("cache-control") ?? "");
  const maxAge = match ? Number(match[1]) : 0;
  return maxAge > 0 && response.body.string.length <= MAX_CACHED_BYTES ? maxAge : undefined;
}

/**
 * The gateway's side of the shared response cache: lookups and stores that never fail a request. When Redis does not
 * answer, requests go to the subgraphs uncached (and nothing is stored), and a warning is logged at most every 10 s.
 */
export function gatewayResponseCache(store: ResponseCacheStore, log: Logger) {
  let lastWarning = 0;
  const warn = (error: unknown, what: string) => {
    if (Date.now() - lastWarning < 10_000) return;
    lastWarning = Date.now();
    log.warn({ err: error }, `response cache ${what} failed: serving uncached`);
  };
  return {
    lookup: (key: string | undefined) =>
      store.lookup(key).catch((error: unknown) => (warn(error, "lookup"), { epoch: null, hit: undefined })),
    store: (key: string, body: string, maxAge: number, epoch: string, tags: Set<string>) =>
      store.store(key, body, maxAge, epoch, tags).catch((error: unknown) => (warn(error, "store"), false)),
  };
}
