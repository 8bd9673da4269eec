import { scrapedGauge, type Database } from "@shop/runtime";
import type { BreakerState } from "./payments/resilient-provider";

const outboxBacklog = scrapedGauge("shop_outbox_backlog", "Order events written but not yet published to Redis.");
const outboxAge = scrapedGauge(
  "shop_outbox_oldest_age_seconds",
  "Age of the oldest order event not yet published to Redis (0 when none waits): live tracking lags by this much.",
);
const BREAKER_STATES: readonly BreakerState[] = ["closed", "open", "half-open"];
const paymentCircuit = scrapedGauge(
  "shop_payment_circuit",
  "The payment breaker's state: 1 for the state it is in (closed, open, half-open), 0 for the others.",
  ["provider", "state"],
);

/**
 * Puts the order subgraph's state in the metrics at scrape time: the outbox (from PostgreSQL; unpublished rows have
 * a partial index) and the payment breaker. Returns the removal, for `close`.
 */
export function observeOrders(
  database: Pick<Database<Record<string, unknown>>, "sql">,
  payments: { name: string; state(): BreakerState },
): () => void {
  const waiting = async () => {
    const [row] = await database.sql<{ events: number; age: number }[]>`
      select count(*)::int as events, coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age
      from outbox where published_at is null`;
    return row!;
  };
  const removals = [
    outboxBacklog.observe(async () => [{ value: (await waiting()).events }]),
    outboxAge.observe(async () => [{ value: (await waiting()).age }]),
    paymentCircuit.observe(() =>
      BREAKER_STATES.map((state) => ({ labels: { provider: payments.name, state }, value: payments.state() === state ? 1 : 0 })),
    ),
  ];
  return () => removals.forEach((remove) => remove());
}
