import { describe, expect, it } from "vitest";
import { GraphQLError, parse } from "graphql";
import { createSubgraphClient, generateInternalKeys } from "@shop/runtime";
import { useSubgraph } from "@shop/runtime/testing";
import { startCartSubgraph } from "../src/app";

// createSubgraphClient (packages/runtime) against a real cart subgraph, called as the order service would.
const cart = useSubgraph(startCartSubgraph);

const CART_LINES = parse(`query CartLines($userId: ID!) { cartLines(userId: $userId) { productId quantity } }`);

/** The error a sibling call rejects with. */
async function failureOf(call: Promise<unknown>): Promise<GraphQLError> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return error as GraphQLError;
}

describe("sibling calls that fail as a whole", () => {
  it("passes the callee's own errors on with their code", async () => {
    const error = await failureOf(cart.as("order")(CART_LINES, { userId: "not-a-uuid" }));
    expect(error.extensions).toEqual({ code: "BAD_USER_INPUT", field: "userId" });
  });

  it("turns a refused credential (HTTP 401) into INTERNAL, the callee's URL and answer kept for the log only", async () => {
    const misconfigured = createSubgraphClient({
      url: cart.subgraph.url,
      audience: "cart",
      service: "order",
      // Keys of another shop: the cart subgraph knows none of them.
      internalKeys: generateInternalKeys(),
    });
    const error = await failureOf(misconfigured(CART_LINES, { userId: crypto.randomUUID() }));
    expect({ message: error.message, extensions: error.extensions }).toEqual({
      message: "Internal server error",
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
    expect(error.originalError?.message).toMatch(/answered HTTP 401: .*only answers the gateway/);
  });

  it("turns a callee that is stopped into SERVICE_UNAVAILABLE", async () => {
    const stopped = await startCartSubgraph(cart.config);
    await stopped.stop();
    const asOrder = createSubgraphClient({ url: stopped.url, audience: "cart", service: "order", internalKeys: cart.config.internalKeys });
    const error = await failureOf(asOrder(CART_LINES, { userId: crypto.randomUUID() }));
    expect({ message: error.message, extensions: error.extensions }).toEqual({
      message: "A backing service did not answer: retry shortly",
      extensions: { code: "SERVICE_UNAVAILABLE" },
    });
    expect(error.originalError?.message).toBe(`${stopped.url} did not answer`);
  });
});
