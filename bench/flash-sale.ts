/**
 * Flash-sale checkouts per second through the gateway, and the cost of a sold-out rejection, beside a baseline read
 * (`{ cart { itemCount } }`, one subgraph) in the same run. Every request is a different customer with their own
 * cart and idempotency key, as in a real sale. The shop runs as separate processes, as under `npm start`; autocannon
 * drives it from this one. Run: `npx tsx bench/flash-sale.ts` (or `npm run bench`).
 */
import { writeFileSync } from "node:fs";
import autocannon from "autocannon";
import { ADDRESS, createCategory, createStockedProducts, signInAdmin } from "../tests/support/shop";
import type { Stack } from "../tests/support/stack";
import { benchConfig, inBatches, round, spawnShop, table } from "./lib";

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { __typename } }`;

async function gql(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

/** autocannon over `count` requests, each built for one customer by `body`. */
async function load(url: string, tokens: string[], body: (index: number) => string, amount: number) {
  let index = 0;
  const typenames = new Map<string, number>();
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          const i = index++ % tokens.length;
          return { ...request, headers: { "content-type": "application/json", authorization: `Bearer ${tokens[i]}` }, body: body(i) };
        },
        onResponse: (_status, responseBody) => {
          const typename = /"__typename":"(\w+)"/.exec(responseBody)?.[1] ?? (responseBody.includes('"errors"') ? "error" : "other");
          typenames.set(typename, (typenames.get(typename) ?? 0) + 1);
        },
      },
    ],
  });
  return { result, typenames };
}

const { config, dropDatabases } = benchConfig();
const shop = await spawnShop(config);
// The test helpers only need the config and the gateway URL.
const stack = { config, gatewayUrl: shop.gatewayUrl } as Stack;
try {
  const url = stack.gatewayUrl;
  const admin = await signInAdmin(stack);
  const category = await createCategory(stack);
  const tokens = await inBatches(Array.from({ length: CUSTOMERS }), 16, async (_, i) => {
    const signUp = await gql(url, `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`, {
      i: { email: `bench-${Date.now()}-${i}@example.com`, password: "bench password", name: `Bench ${i}` },
    });
    return signUp.data.signUp.token as string;
  });
  const fill = (productId: string) =>
    inBatches(tokens, 16, (token) =>
      gql(
        url,
        `mutation($p: ID!) { clearCart { itemCount } addToCart(productId: $p, quantity: 1) { itemCount } }`,
        { p: productId },
        token,
      ),
    );

  // Baseline: an authenticated one-subgraph read through the same gateway.
  const baseline = await load(url, tokens, () => JSON.stringify({ query: "{ cart { itemCount } }" }), CUSTOMERS * 2);

  // Paid checkouts: stock for everyone, so every request runs the whole saga (reserve, order, charge, commit, cart).
  const [plenty] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: CUSTOMERS })) as [string];
  await fill(plenty);
  const checkoutBody = () =>
    JSON.stringify({
      query: CHECKOUT,
      variables: { input: { idempotencyKey: crypto.randomUUID(), shippingAddress: ADDRESS, paymentToken: "pm_card_visa" } },
    });
  const paid = await load(url, tokens, checkoutBody, CUSTOMERS);

  // Sold-out rejections: the product has no stock left; every checkout is refused before anything is written.
  const [soldOut] = (await createStockedProducts(stack, admin.token, category, 1, { onHand: 0 })) as [string];
  await fill(soldOut);
  const rejected = await load(url, tokens, checkoutBody, CUSTOMERS);

  const row = (name: string, run: Awaited<ReturnType<typeof load>>) => ({
    operation: name,
    "req/s": round(run.result.requests.average),
    "p50 ms": run.result.latency.p50,
    "p99 ms": run.result.latency.p99,
    "vs baseline (req/s)": round(run.result.requests.average / baseline.result.requests.average, 2),
    answers: [...run.typenames].map(([k, v]) => `${k} ${v}`).join(", "),
  });
  const markdown = [
    `### Flash-sale checkouts through the gateway (${CUSTOMERS} customers, ${CONNECTIONS} connections)`,
    "",
    table([
      row("baseline: { cart { itemCount } }", baseline),
      row("checkout → PAID order", paid),
      row("checkout → sold out (InsufficientStockError)", rejected),
    ]),
    "",
    `Reproduce: \`npx tsx bench/flash-sale.ts\` (BENCH_CUSTOMERS, BENCH_CONNECTIONS).`,
  ].join("\n");
  console.log(markdown);
  writeFileSync(new URL("results/flash-sale.md", import.meta.url), `${markdown}\n`);
} finally {
  await shop.stop();
  await dropDatabases();
}
