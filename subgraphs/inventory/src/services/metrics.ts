import { scrapedGauge, type Database } from "@shop/runtime";

const reservationsHeld = scrapedGauge(
  "shop_reservations_held",
  "Reservations holding stock now (PENDING or ACTIVE rows), and the units they hold.",
  ["measure"],
);

/**
 * Puts the inventory's state in the metrics, read from PostgreSQL (the truth) at scrape time; the held rows have
 * partial indexes of their own, so the count stays cheap. Returns the removal, for `close`.
 */
export function observeInventory(database: Pick<Database<Record<string, unknown>>, "sql">): () => void {
  return reservationsHeld.observe(async () => {
    const [row] = await database.sql<{ reservations: number; units: number }[]>`
      select count(*)::int as reservations, coalesce(sum(quantity), 0)::int as units
      from reservations where status in ('PENDING', 'ACTIVE')`;
    return [
      { labels: { measure: "reservations" }, value: row!.reservations },
      { labels: { measure: "units" }, value: row!.units },
    ];
  });
}
