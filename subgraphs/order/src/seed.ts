import { count, eq, sql } from "drizzle-orm";
import { connectDatabase, type AddressInput, type ShopConfig } from "@shop/runtime";
import type { OrderDatabase } from "./db/database";
import { orderEvents, orders, schema } from "./db/schema";
import type { OrderStatus } from "./models";
import { createOrder, type NewOrderLine } from "./services/orders";

/** A catalog product as the product seed returns it. */
export interface SeedProduct {
  id: string;
  title: string;
  priceAmount: number;
  currency: string;
}

interface PastOrder {
  daysAgo: number;
  /** Indexes into the products; repeats collapse into one line. */
  picks: { product: number; quantity: number }[];
  /** What happened after the order was placed PENDING_PAYMENT, in hours after placing it. */
  history: { status: OrderStatus; afterHours: number; note?: string }[];
  trackingNumber?: string;
}

const DEMO_ADDRESS: AddressInput = {
  name: "Demo Customer",
  line1: "1 Market Street",
  line2: "Suite 300",
  city: "San Francisco",
  postalCode: "94105",
  country: "US",
};

const PAST_ORDERS: PastOrder[] = [
  {
    daysAgo: 24,
    picks: [
      { product: 0, quantity: 1 },
      { product: 1, quantity: 2 },
    ],
    history: [
      { status: "PAID", afterHours: 0.02 },
      { status: "PACKED", afterHours: 20 },
      { status: "SHIPPED", afterHours: 44, note: "Handed to the carrier" },
      { status: "DELIVERED", afterHours: 110 },
    ],
    trackingNumber: "1Z999AA10123456784",
  },
  {
    daysAgo: 10,
    picks: [{ product: 3, quantity: 1 }],
    history: [{ status: "CANCELLED", afterHours: 0.01, note: "Payment declined: the card issuer refused the charge" }],
  },
  {
    daysAgo: 3,
    picks: [
      { product: 2, quantity: 1 },
      { product: 4, quantity: 3 },
    ],
    history: [
      { status: "PAID", afterHours: 0.02 },
      { status: "PACKED", afterHours: 18 },
      { status: "SHIPPED", afterHours: 30, note: "Handed to the carrier" },
    ],
    trackingNumber: "9400111899223100001234",
  },
];

/**
 * Idempotent: gives the demo customer three past orders (delivered, cancelled, shipped) with realistic timelines,
 * unless they already have orders. Returns how many orders it created.
 */
export async function seedOrders(
  config: ShopConfig,
  input: { customerId: string; products: readonly SeedProduct[] },
): Promise<{ created: number }> {
  const currency = input.products[0]?.currency;
  const products = input.products.filter((product) => product.currency === currency);
  if (products.length === 0) return { created: 0 };
  // One connection, so the session advisory lock covers every statement and parallel seeds create orders once.
  const { db, close } = connectDatabase(config.subgraphs.order.databaseUrl, schema, { max: 1 });
  const lock = `shop:seed-orders:${input.customerId}`;
  try {
    await db.execute(sql`select pg_advisory_lock(hashtext(${lock}))`);
    const [existing] = await db.select({ count: count() }).from(orders).where(eq(orders.userId, input.customerId));
    if (existing!.count > 0) return { created: 0 };
    for (const past of PAST_ORDERS) await createPastOrder(db, input.customerId, products, past);
    return { created: PAST_ORDERS.length };
  } finally {
    await db.execute(sql`select pg_advisory_unlock(hashtext(${lock}))`).catch(() => {});
    await close();
  }
}

async function createPastOrder(db: OrderDatabase, userId: string, products: readonly SeedProduct[], past: PastOrder) {
  const lines = new Map<string, NewOrderLine>();
  for (const pick of past.picks) {
    const product = products[pick.product % products.length]!;
    lines.set(product.id, { productId: product.id, title: product.title, unitPriceAmount: product.priceAmount, quantity: pick.quantity });
  }
  const placedAt = new Date(Date.now() - past.daysAgo * 24 * 3600_000);
  const order = await createOrder(db, {
    userId,
    currency: products[0]!.currency,
    lines: [...lines.values()],
    shippingAddress: DEMO_ADDRESS,
    status: "PENDING_PAYMENT",
    createdAt: placedAt,
  });
  const events = past.history.map((step) => ({
    orderId: order.id,
    status: step.status,
    note: step.note ?? null,
    at: new Date(placedAt.getTime() + step.afterHours * 3600_000),
  }));
  const last = events.at(-1)!;
  await db.transaction(async (tx) => {
    await tx.insert(orderEvents).values(events);
    await tx
      .update(orders)
      .set({ status: last.status, trackingNumber: past.trackingNumber ?? null, updatedAt: last.at })
      .where(eq(orders.id, order.id));
  });
}
