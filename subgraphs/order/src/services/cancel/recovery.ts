import { sql } from "drizzle-orm";
import type { Logger } from "@shop/runtime";
import { cancellations } from "../../db/schema";
import { resumeCancellation, type CancelDeps } from "./saga";

/**
 * Finishes cancellations whose process died (crash, deploy, a sibling that kept failing): any not COMPLETED that has
 * not moved for `staleAfterMs`, claimed by bumping `updated_at` under SKIP LOCKED exactly as checkout recovery claims
 * checkouts, so replicas never work on the same one. Every step is idempotent, so finishing one that a slow live
 * request is still driving does nothing twice.
 */
export async function recoverCancellations(deps: CancelDeps, log: Logger, staleAfterMs: number): Promise<number> {
  const stale = sql`now() - make_interval(secs => ${staleAfterMs / 1000})`;
  const claimed = await deps.db.execute<{ order_id: string }>(sql`
    update ${cancellations} set updated_at = now()
    where order_id in (
      select order_id from ${cancellations}
      where step <> 'COMPLETED' and updated_at < ${stale}
      order by updated_at limit 50 for update skip locked)
    returning order_id`);
  let finished = 0;
  for (const { order_id: orderId } of claimed) {
    try {
      await resumeCancellation(deps, orderId);
      finished += 1;
    } catch (error) {
      log.warn({ orderId, err: error }, "cancellation recovery failed; will retry");
    }
  }
  return finished;
}
