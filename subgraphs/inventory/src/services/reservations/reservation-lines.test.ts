import { describe, expect, it } from "vitest";
import { GraphQLError } from "graphql";
import { decodeLines, encodeLines, MAX_TTL_SECONDS, parseReserveRequest, sameLines } from "./reservation-lines";

const A = "6f1c2f7e-0000-4000-8000-00000000000a";
const B = "6f1c2f7e-0000-4000-8000-00000000000b";
const ORDER = "6f1c2f7e-0000-4000-8000-0000000000ff";

function fieldOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return (error as GraphQLError).extensions;
  }
  throw new Error("expected a GraphQLError");
}

describe("parseReserveRequest", () => {
  it("merges lines of the same product, lower-cases ids, sorts by product and applies the default TTL", () => {
    const request = parseReserveRequest(
      {
        orderId: ORDER.toUpperCase(),
        lines: [
          { productId: B, quantity: 2 },
          { productId: A.toUpperCase(), quantity: 1 },
          { productId: B, quantity: 3 },
        ],
      },
      900,
    );
    expect(request).toEqual({
      orderId: ORDER,
      lines: [
        { productId: A, quantity: 1 },
        { productId: B, quantity: 5 },
      ],
      ttlSeconds: 900,
    });
    expect(parseReserveRequest({ orderId: ORDER, lines: [{ productId: A, quantity: 1 }], ttlSeconds: 30 }, 900).ttlSeconds).toBe(30);
  });

  it.each([
    [{ orderId: "x", lines: [{ productId: A, quantity: 1 }] }, "orderId"],
    [
      {
        orderId: ORDER,
        lines: [
          { productId: A, quantity: 1 },
          { productId: "x", quantity: 1 },
        ],
      },
      "lines.1.productId",
    ],
    [{ orderId: ORDER, lines: [{ productId: A, quantity: 0 }] }, "lines.0.quantity"],
    [{ orderId: ORDER, lines: [{ productId: A, quantity: 1.5 }] }, "lines.0.quantity"],
    [{ orderId: ORDER, lines: [{ productId: A, quantity: 1000 }] }, "lines.0.quantity"],
    [
      {
        orderId: ORDER,
        lines: [
          { productId: A, quantity: 600 },
          { productId: A, quantity: 400 },
        ],
      },
      "lines",
    ],
    [{ orderId: ORDER, lines: [] }, "lines"],
    [{ orderId: ORDER, lines: [{ productId: A, quantity: 1 }], ttlSeconds: 0 }, "ttlSeconds"],
    [{ orderId: ORDER, lines: [{ productId: A, quantity: 1 }], ttlSeconds: MAX_TTL_SECONDS + 1 }, "ttlSeconds"],
  ])("refuses %j naming %s", (input, field) => {
    expect(fieldOf(() => parseReserveRequest(input, 900))).toMatchObject({ code: "BAD_USER_INPUT", field });
  });
});

describe("held values", () => {
  it("round-trips the compact form and compares lines whatever their order", () => {
    const lines = [
      { productId: A, quantity: 3 },
      { productId: B, quantity: 12 },
    ];
    expect(encodeLines(lines)).toBe(`${A}:3,${B}:12`);
    expect(decodeLines(encodeLines(lines))).toEqual(lines);
    expect(sameLines(lines, [...lines].reverse())).toBe(true);
    expect(
      sameLines(lines, [
        { productId: A, quantity: 3 },
        { productId: B, quantity: 11 },
      ]),
    ).toBe(false);
    expect(sameLines(lines, lines.slice(0, 1))).toBe(false);
  });
});
