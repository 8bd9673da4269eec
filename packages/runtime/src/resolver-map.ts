import type { GraphQLFieldResolver, GraphQLScalarType } from "graphql";
import type { Logger } from "pino";
import type { Viewer } from "./auth";

/** What every subgraph context starts from: who is asking, as proven by the internal token. */
export interface BaseContext {
  viewer: Viewer | null;
  /** The service that signed the internal token: "gateway" or a sibling subgraph. */
  caller: string;
  log: Logger;
  /**
   * Catalogue entities this answer depends on (`CacheTag`, response-cache.ts). Resolvers of cacheable data add to it;
   * the subgraph reports them in `x-shop-cache-tags`, so the gateway can file its cached response under them.
   */
  cacheTags: Set<string>;
  /**
   * The client's address as the gateway resolved it (`x-shop-client-ip`, believed only beside a valid internal token),
   * for per-IP rate limits; null when the caller named none (a sibling, a WebSocket operation).
   */
  clientIp: string | null;
  /**
   * An anonymous visitor's guest cart, from the `x-cart-token` the gateway verified and signed into the internal token;
   * null for signed-in viewers, siblings, and visitors without one.
   */
  guestCartId: string | null;
}

/**
 * The resolvers `buildSubgraphSchema` takes, per type: field resolvers (or `{ resolve, subscribe }`), a custom scalar,
 * or enum values. @apollo/subgraph declares this type only in an internal module (dist/schema-helper), which any
 * release may move, so it is written out here from graphql's public types; passing it to `buildSubgraphSchema` is
 * what checks that the two still agree.
 */
export interface ResolverMap<C> {
  [typeName: string]:
    | { [fieldName: string]: FieldResolver<C> | { requires?: string; resolve?: FieldResolver<C>; subscribe?: FieldResolver<C> } }
    | GraphQLScalarType
    | { [enumValue: string]: string | number };
}

// Each resolver types its own parent (a ProductModel, a CartModel…); a map of them can only say "any parent".
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FieldResolver<C> = GraphQLFieldResolver<any, C>;
