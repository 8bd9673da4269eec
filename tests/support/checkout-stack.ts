import { loadInventorySettings, type InventorySettings } from "@shop/inventory/settings";
import { loadOrderSettings, type OrderSettings, type PaymentSettings } from "@shop/order/settings";
import { SUBGRAPHS } from "@shop/runtime";
import { isolate, startStack, testConfig, type Stack } from "@shop/runtime/testing";

export interface CheckoutStackOptions {
  /** Own databases and stock key prefix (see `isolate`): for tests that wipe or rebuild stock state in Redis. */
  isolated?: { name: string };
  /** Payment timeout per attempt (default 1000 ms, so an outage test ends in seconds). */
  paymentTimeoutMs?: number;
  /** Any other payment setting (attempts, breaker threshold and cooldown), over the defaults below. */
  payments?: Partial<PaymentSettings>;
}

/** The whole shop behind a gateway, in this process. */
export async function startCheckoutStack(options: CheckoutStackOptions = {}): Promise<Stack> {
  const config = testConfig();
  // The whole shop shares one event loop here, so under hundreds of concurrent checkouts a charge can wait seconds
  // for CPU: load tests pass a timeout that load cannot trip; the outage test keeps the short default.
  const payments: PaymentSettings = {
    timeoutMs: options.paymentTimeoutMs ?? 1000,
    maxAttempts: 2,
    breakerThreshold: 50,
    breakerCooldownMs: 1000,
    ...options.payments,
  };
  const order: OrderSettings = { ...loadOrderSettings(), payments };
  if (!options.isolated) return startStack(config, SUBGRAPHS, { gateway: true, settings: { order } });

  const { drop: dropDatabases, stockKeyPrefix } = isolate(config, options.isolated.name);
  const inventory: InventorySettings = { ...loadInventorySettings(), stockKeyPrefix };
  const stack = await startStack(config, SUBGRAPHS, { gateway: true, settings: { order, inventory } });
  return {
    ...stack,
    stop: async () => {
      await stack.stop();
      await dropDatabases();
    },
  };
}

/** Rows of the simulated provider's ledger for these orders: one row per charged order, never two. */
export async function chargesFor(stack: Stack, orderIds: string[]) {
  const sql = stack.subgraphs.order!.database.sql;
  return sql<{ order_id: string; status: string; attempts: number; refunded_at: Date | null }[]>`
    select order_id, status, attempts, refunded_at from simulated_charges where order_id = any(${orderIds}::uuid[])`;
}
