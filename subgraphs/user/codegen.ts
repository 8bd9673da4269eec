/**
 * The user subgraph's part of the root codegen.ts: which GraphQL types its resolvers see as its own models
 * (`src/models.ts`) rather than as the generated GraphQL shapes.
 */
export const resolverMappers: Record<string, string> = {
  User: "UserModel",
  Address: "AddressModel",
  CartMerge: "CartMergeModel",
  DroppedCartLine: "DroppedCartLineModel",
  CappedCartLine: "CappedCartLineModel",
  Product: "ProductModel",
};
