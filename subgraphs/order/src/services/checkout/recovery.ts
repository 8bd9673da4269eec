import { and, eq, lt, sql } from "drizzle-orm";
import { checkouts, payments } from "../../db/schema";
import { resume, type SagaDeps } from "./saga";

/**
 * One recovery round. Finishes or undoes checkouts whose owner died (crash, deploy): any checkout not
 * COMPLETED/FAILED that has not moved for `staleAfterMs` and whose lease is not live (a live request charging holds
 * one). Claims rows by bumping `updated_at` and taking the lease for `staleAfterMs` under SKIP LOCKED, so replicas
 * never work on the same one and a live request cannot start a charge meanwhile. Also settles payments whose outcome
 * was unknown (the provider timed out, or recovery cancelled while a charge was asked for): a charge that did go
 * through is refunded.
 */
export async function recoverCheckouts(deps: SagaDeps, staleAfterMs: number): Promise<{ resumed: number; settled: number }> {
  const stale = sql`now() - make_interval(secs => ${staleAfterMs / 1000})`;
  const claimed = await deps.db.execute<{ order_id: string }>(sql`
    update ${checkouts} set updated_at = now(), lease_until = now() + make_interval(secs => ${staleAfterMs / 1000})
    where order_id in (
      select order_id from ${checkouts}
      where step not in ('COMPLETED', 'FAILED') and updated_at < ${stale} and (lease_until is null or lease_until <= now())
      order by updated_at limit 50 for update skip locked)
    returning order_id`);
  let resumed = 0;
  for (const { order_id: orderId } of claimed) {
    try {
      await resume(deps, orderId, "recovery");
      resumed += 1;
    } catch (error) {
      deps.log.warn({ orderId, err: error }, "checkout recovery failed; will retry");
    }
  }

  const unsettled = await deps.db
    .select({ orderId: payments.orderId })
    .from(payments)
    .where(and(eq(payments.settled, false), lt(payments.updatedAt, stale)))
    .limit(50);
  let settled = 0;
  for (const { orderId } of unsettled) {
    try {
      const charge = await deps.payments.findCharge(orderId);
      if (charge?.status === "SUCCEEDED") await deps.payments.refund(orderId);
      await deps.db
        .update(payments)
        .set({ settled: true, status: charge?.status === "SUCCEEDED" ? "REFUNDED" : "FAILED", updatedAt: sql`now()` })
        .where(eq(payments.orderId, orderId));
      settled += 1;
    } catch (error) {
      deps.log.warn({ orderId, err: error }, "payment settlement failed; will retry");
    }
  }
  return { resumed, settled };
}
