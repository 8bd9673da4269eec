import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "@shop/runtime/testing";
import { request } from "./support/client";
import { startStack, type Stack } from "./support/stack";

// The two bounds on a request's time: PostgreSQL cancels a statement past DATABASE_STATEMENT_TIMEOUT_MS, and the
// gateway stops a client request past GATEWAY_REQUEST_TIMEOUT_MS, abandoning the subgraph fetches it still waits on.

describe("DATABASE_STATEMENT_TIMEOUT_MS", () => {
  let stack: Stack;
  beforeAll(async () => {
    const config = testConfig();
    config.databaseStatementTimeoutMs = 300;
    stack = await startStack(config, ["product"]);
  });
  afterAll(() => stack?.stop());

  it("is set on every connection a subgraph opens, and PostgreSQL cancels a statement that runs past it", async () => {
    const { sql } = stack.subgraphs.product!.database;

    expect((await sql`show statement_timeout`)[0]).toEqual({ statement_timeout: "300ms" });
    const started = Date.now();
    await expect(sql`select pg_sleep(5)`).rejects.toMatchObject({ code: "57014" });
    expect(Date.now() - started).toBeLessThan(3000);
    // Inside a transaction too (the checkout's statements run in one).
    await expect(sql.begin((tx) => tx`select pg_sleep(5)`)).rejects.toMatchObject({ code: "57014" });
  });
});

describe("GATEWAY_REQUEST_TIMEOUT_MS", () => {
  let stack: Stack;
  let stalled: http.Server;
  /** Requests the stalled subgraph received, and when their connection closed under them. */
  const received: { closed: Promise<number> }[] = [];

  beforeAll(async () => {
    // A product subgraph that takes every request and never answers.
    stalled = http.createServer((req) => {
      received.push({ closed: new Promise((closed) => req.socket.once("close", () => closed(Date.now()))) });
    });
    await new Promise<void>((listening) => stalled.listen(0, "127.0.0.1", listening));
    const config = testConfig();
    config.subgraphs.product.url = `http://127.0.0.1:${(stalled.address() as AddressInfo).port}/graphql`;
    config.gatewayRequestTimeoutMs = 400;
    // Far beyond the deadline: only the deadline can end these fetches.
    config.subgraphTimeoutMs = 10_000;
    stack = await startStack(config, [], { gateway: true });
  });
  afterAll(async () => {
    await stack?.stop();
    stalled?.closeAllConnections();
    await new Promise((closed) => stalled?.close(closed));
  });

  it("answers REQUEST_TIMEOUT with 504 when nothing was answered, and aborts the subgraph fetch it was waiting on", async () => {
    const started = Date.now();
    const result = await request(stack.gatewayUrl, `{ products(first: 1) { totalCount } }`);
    const answeredAt = Date.now();

    expect(result.status).toBe(504);
    expect(result.errors).toEqual([
      expect.objectContaining({ extensions: { code: "REQUEST_TIMEOUT" }, message: expect.stringMatching(/did not finish in time/) }),
    ]);
    expect(answeredAt - started).toBeGreaterThanOrEqual(380);
    expect(answeredAt - started).toBeLessThan(3000);
    // The subgraph saw its caller leave at the deadline, not 10 s later at the fetch's own timeout.
    expect(received).toHaveLength(1);
    const closedAt = await received[0]!.closed;
    expect(closedAt - started).toBeLessThan(3000);
  });

  it("does the same for a fetch no other request shares (a mutation)", async () => {
    const before = received.length;
    const started = Date.now();
    const result = await request(stack.gatewayUrl, `mutation { archiveProduct(id: "p1") { id } }`);

    expect({ status: result.status, codes: result.errors?.map((error) => error.extensions?.code) }).toEqual({
      status: 504,
      codes: ["REQUEST_TIMEOUT"],
    });
    expect(received).toHaveLength(before + 1);
    expect((await received[before]!.closed) - started).toBeLessThan(3000);
  });
});
