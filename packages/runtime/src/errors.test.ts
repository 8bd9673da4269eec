import { Writable } from "node:stream";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import {
  badUserInput,
  clientError,
  conflict,
  createErrorFormatter,
  ErrorCode,
  forbidden,
  INTERNAL_MESSAGE,
  internalCallFailed,
  notFound,
  serviceUnavailable,
  unauthenticated,
} from "./errors";

/** A real pino logger whose lines land in `lines`, so a test can read what the formatter logged. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: "info" }, sink), lines };
}

const formattedOf = (error: GraphQLError): GraphQLFormattedError => error.toJSON();

describe("error helpers", () => {
  it("name the argument of bad input and conflicts in the message and in extensions.field", () => {
    expect(formattedOf(badUserInput("input.email", "must be a valid email address"))).toEqual({
      message: "input.email: must be a valid email address",
      extensions: { code: "BAD_USER_INPUT", field: "input.email" },
    });
    expect(formattedOf(conflict("input.idempotencyKey", "a checkout with this key is in flight")).extensions).toEqual({
      code: "CONFLICT",
      field: "input.idempotencyKey",
    });
  });

  it("say which entity was not found, and carry no HTTP status (the gateway chooses it)", () => {
    expect(formattedOf(notFound("Product", "p1"))).toEqual({
      message: "Product p1 does not exist",
      extensions: { code: "NOT_FOUND", entity: "Product", id: "p1" },
    });
    expect(formattedOf(unauthenticated()).extensions).toEqual({ code: "UNAUTHENTICATED" });
    expect(formattedOf(forbidden()).extensions).toEqual({ code: "FORBIDDEN" });
  });

  it("keep a failed internal call's URL in originalError, out of the message", () => {
    const cause = new Error("http://127.0.0.1:4002/graphql did not answer");
    const unreachable = serviceUnavailable(cause);
    expect(unreachable.message).toBe("A backing service did not answer: retry shortly");
    expect(unreachable.originalError).toBe(cause);
    expect(JSON.stringify(formattedOf(unreachable))).not.toContain("127.0.0.1");
  });

  it("classify a failed internal call: no answer or 502–504 is SERVICE_UNAVAILABLE, any other status INTERNAL", () => {
    const detail = new Error("detail for the log");
    const codeFor = (status: number | undefined) => internalCallFailed(status, detail).extensions.code;
    expect([undefined, 502, 503, 504].map(codeFor)).toEqual(Array(4).fill(ErrorCode.ServiceUnavailable));
    expect([400, 401, 404, 500].map(codeFor)).toEqual(Array(4).fill(ErrorCode.Internal));
    expect(internalCallFailed(401, detail).message).toBe(INTERNAL_MESSAGE);
  });
});

describe("clientError", () => {
  it("keeps a client-facing error's message, path and documented extensions, and drops everything else", () => {
    const leaky: GraphQLFormattedError = {
      message: "Product p1 does not exist",
      path: ["addToCart"],
      locations: [{ line: 1, column: 12 }],
      extensions: {
        code: "NOT_FOUND",
        entity: "Product",
        id: "p1",
        serviceName: "cart",
        stacktrace: ["at x (/app/src/y.ts:1:1)"],
        response: { url: "http://cart:4004/graphql", status: 200 },
        http: { status: 401 },
      },
    };
    expect(clientError(leaky)).toEqual({
      message: "Product p1 does not exist",
      path: ["addToCart"],
      locations: [{ line: 1, column: 12 }],
      extensions: { code: "NOT_FOUND", entity: "Product", id: "p1" },
    });
  });

  it("masks anything whose code was not written for clients, and is idempotent", () => {
    const sqlFailure: GraphQLFormattedError = {
      message: 'relation "orders" does not exist',
      path: ["order"],
      extensions: { code: "XX000" },
    };
    const masked = clientError(sqlFailure);
    expect(masked).toEqual({ message: INTERNAL_MESSAGE, path: ["order"], extensions: { code: ErrorCode.Internal } });
    expect(clientError(masked)).toEqual(masked);
    expect(clientError({ message: "no code at all" })).toEqual({ message: INTERNAL_MESSAGE, extensions: { code: ErrorCode.Internal } });
  });
});

describe("createErrorFormatter", () => {
  const unexpected = new GraphQLError("connect ECONNREFUSED 127.0.0.1:5432", {
    path: ["products"],
    originalError: new Error("connect ECONNREFUSED 127.0.0.1:5432"),
  });

  it("answers the same clean error in development and production, never logging expected errors", () => {
    for (const production of [false, true]) {
      const { log, lines } = capturingLogger();
      const format = createErrorFormatter(log, production);
      expect(format(formattedOf(unexpected), unexpected)).toEqual({
        message: INTERNAL_MESSAGE,
        path: ["products"],
        extensions: { code: ErrorCode.Internal },
      });
      const expected = badUserInput("quantity", "must be at least 1");
      expect(format(formattedOf(expected), expected).message).toBe("quantity: must be at least 1");
      expect(lines).toHaveLength(1);
    }
  });

  it("logs an unexpected error with its cause, adding the original message in development only", () => {
    const development = capturingLogger();
    createErrorFormatter(development.log, false)(formattedOf(unexpected), unexpected);
    expect(development.lines[0]).toMatchObject({
      msg: "unexpected error",
      path: ["products"],
      message: "connect ECONNREFUSED 127.0.0.1:5432",
    });
    expect(development.lines[0]!.err).toMatchObject({ message: "connect ECONNREFUSED 127.0.0.1:5432" });

    const production = capturingLogger();
    createErrorFormatter(production.log, true)(formattedOf(unexpected), unexpected);
    expect(production.lines[0]).toMatchObject({ msg: "unexpected error", path: ["products"] });
    expect(production.lines[0]).not.toHaveProperty("message");
    expect(production.lines[0]!.err).toMatchObject({ message: "connect ECONNREFUSED 127.0.0.1:5432" });
  });
});
