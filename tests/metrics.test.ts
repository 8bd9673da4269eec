import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUBGRAPHS } from "@shop/runtime";
import { freePort } from "@shop/runtime/testing";
import { startCheckoutStack } from "./support/checkout-stack";
import { request } from "./support/client";
import { has, PROMETHEUS_BINARY, PROMTOOL_BINARY, promtoolProblems, scrape, valueOf, type Sample } from "./support/metrics";
import { checkout, createCategory, createStockedProducts, customerWithCart, signInAdmin } from "./support/shop";
import type { Stack } from "./support/stack";
import { liveClient, Watch } from "./support/subscriptions";

// Every service's /metrics as Prometheus scrapes it: valid text format (promtool's parser), and values that follow what
// the shop did. The test stack runs every service in this process, so each /metrics shows the process's one registry.
let stack: Stack;
let productIds: string[];

beforeAll(async () => {
  stack = await startCheckoutStack();
  const admin = await signInAdmin(stack);
  productIds = await createStockedProducts(stack, admin.token, await createCategory(stack), 2);
}, 60_000);
afterAll(() => stack?.stop());

const serviceUrls = () => [["gateway", stack.gatewayUrl], ...SUBGRAPHS.map((name) => [name, stack.subgraphs[name]!.url])];

describe("metrics", () => {
  it("every service serves /metrics without credentials, in a text format Prometheus's own parser accepts", async () => {
    for (const [name, url] of serviceUrls()) {
      const scraped = await scrape(url!);
      expect({ name, status: scraped.status, type: scraped.contentType }).toEqual({
        name,
        status: 200,
        type: "text/plain; version=0.0.4; charset=utf-8",
      });
      if (existsSync(PROMTOOL_BINARY)) expect(promtoolProblems(scraped.text), name).toBe("");
      // Node's own: a restart or a leak shows here.
      expect(has(scraped.samples, "process_cpu_user_seconds_total"), name).toBe(true);
    }
  });

  it("counts checkouts by outcome, requests by operation, errors by code and subgraph fetches by callee", async () => {
    const before = (await scrape(stack.gatewayUrl)).samples;
    const paid = await customerWithCart(stack, [{ productId: productIds[0]!, quantity: 1 }], "Paid");
    const declined = await customerWithCart(stack, [{ productId: productIds[1]!, quantity: 1 }], "Declined");
    expect((await checkout(stack, paid.token)).data?.checkout.__typename).toBe("Order");
    expect((await checkout(stack, declined.token, { paymentToken: "pm_card_declined" })).data?.checkout.__typename).toBe(
      "PaymentDeclinedError",
    );
    const refused = await checkout(stack, paid.token, { key: " " });
    expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const after = (await scrape(stack.gatewayUrl)).samples;
    const grew = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);

    expect({
      paid: grew("shop_checkouts_total", { outcome: "Order" }),
      declined: grew("shop_checkouts_total", { outcome: "PaymentDeclinedError" }),
      refused: grew("shop_checkouts_total", { outcome: "BAD_USER_INPUT" }),
      // Named by the client's operation at the gateway (the subgraphs see the planner's names, Checkout__order__0...).
      checkoutRequests: grew("shop_graphql_request_duration_seconds_count", { operation: "Checkout" }),
      refusedRequests: grew("shop_graphql_request_duration_seconds_count", { operation: "Checkout", outcome: "error" }),
      badInputErrors: grew("shop_graphql_errors_total", { code: "BAD_USER_INPUT" }),
    }).toEqual({ paid: 1, declined: 1, refused: 1, checkoutRequests: 3, refusedRequests: 1, badInputErrors: 2 });
    for (const callee of ["cart", "product", "inventory", "order"]) {
      expect(grew("shop_subgraph_fetch_duration_seconds_count", { subgraph: callee, outcome: "ok" }), callee).toBeGreaterThan(0);
    }
  });

  it("reports state read at scrape time: reservations, outbox, payment breaker, database pools", async () => {
    const { samples } = await scrape(stack.gatewayUrl);
    const [held] = await stack.subgraphs.inventory!.database.sql<{ reservations: number }[]>`
      select count(*)::int as reservations from reservations where status in ('PENDING', 'ACTIVE')`;
    expect(valueOf(samples, "shop_reservations_held", { measure: "reservations" })).toBe(held!.reservations);
    expect(has(samples, "shop_outbox_backlog")).toBe(true);
    expect(valueOf(samples, "shop_outbox_oldest_age_seconds")).toBeGreaterThanOrEqual(0);
    expect({
      closed: valueOf(samples, "shop_payment_circuit", { state: "closed" }),
      open: valueOf(samples, "shop_payment_circuit", { state: "open" }),
    }).toEqual({ closed: 1, open: 0 });
    for (const pool of SUBGRAPHS) {
      expect(valueOf(samples, "shop_db_pool_max_connections", { pool }), pool).toBe(stack.config.databasePoolSize);
      expect(valueOf(samples, "shop_db_pool_connections", { pool }), pool).toBeGreaterThan(0);
    }
    expect(valueOf(samples, "shop_stock_resyncs_total", { reason: "reconcile", outcome: "OK" })).toBeGreaterThan(0);
  });

  it("counts the gateway's open WebSockets and the subscriptions they carry", async () => {
    const admin = await signInAdmin(stack);
    const sockets = (samples: Sample[]) => ({
      sockets: valueOf(samples, "shop_websocket_connections"),
      operations: valueOf(samples, "shop_subscription_operations"),
    });
    expect(sockets((await scrape(stack.gatewayUrl)).samples)).toEqual({ sockets: 0, operations: 0 });
    const live = liveClient(stack.gatewayUrl, admin.token);
    const watch = new Watch(live.client, `subscription { myOrderUpdates { id } }`);
    await expect.poll(async () => sockets((await scrape(stack.gatewayUrl)).samples)).toEqual({ sockets: 1, operations: 1 });
    watch.dispose();
    await live.dispose();
    await expect.poll(async () => sockets((await scrape(stack.gatewayUrl)).samples)).toEqual({ sockets: 0, operations: 0 });
  });

  it("keeps client-chosen operation names from growing the series without end", async () => {
    for (let index = 0; index < 250; index++) await request(stack.gatewayUrl, `query Invented${index} { __typename }`);
    await request(stack.gatewayUrl, `query { __typename }`);
    const names = new Set(
      (await scrape(stack.gatewayUrl)).samples
        .filter((sample) => sample.name === "shop_graphql_request_duration_seconds_count")
        .map((sample) => sample.labels.operation),
    );
    expect(names.size).toBeLessThanOrEqual(201 + 2);
    expect([...names]).toEqual(expect.arrayContaining(["other", "anonymous", "Checkout"]));
  });
});

// A real Prometheus server (Debian's `prometheus` package; .ci/run installs it) scraping every service once.
const prometheusInstalled = existsSync(PROMETHEUS_BINARY);
describe.skipIf(!prometheusInstalled)("a real Prometheus scrape (needs Debian's prometheus package, which .ci/run installs)", () => {
  let prometheus: ChildProcess | undefined;
  let folder: string;
  afterAll(() => {
    prometheus?.kill("SIGKILL");
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it("finds every service up and reads the shop's metrics", async () => {
    folder = mkdtempSync(join(tmpdir(), "shop-prometheus-"));
    const jobs = serviceUrls().map(([name, url]) => ({ job_name: name, static_configs: [{ targets: [new URL(url!).host] }] }));
    writeFileSync(join(folder, "prometheus.yml"), JSON.stringify({ global: { scrape_interval: "1s" }, scrape_configs: jobs }));
    const port = await freePort();
    prometheus = spawn(
      PROMETHEUS_BINARY,
      [
        `--config.file=${join(folder, "prometheus.yml")}`,
        `--storage.tsdb.path=${join(folder, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: "ignore" },
    );
    const api = `http://127.0.0.1:${port}/api/v1`;
    type Targets = { data: { activeTargets: { labels: { job: string }; health: string; lastError: string }[] } };
    await expect
      .poll(
        async () => {
          const answer = (await (await fetch(`${api}/targets`)).json()) as Targets;
          return answer.data.activeTargets.map((target) => `${target.labels.job}: ${target.health} ${target.lastError}`.trim()).sort();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual(
        serviceUrls()
          .map(([name]) => `${name}: up`)
          .sort(),
      );
    type Query = { data: { result: { metric: Record<string, string> }[] } };
    const query = async (promql: string) =>
      ((await (await fetch(`${api}/query?query=${encodeURIComponent(promql)}`)).json()) as Query).data.result.map((row) => row.metric.job);
    expect((await query("shop_db_pool_max_connections")).length).toBeGreaterThan(0);
    expect(new Set(await query("up == 1"))).toEqual(new Set(serviceUrls().map(([name]) => name)));
  }, 60_000);
});
