import type { Logger } from "@shop/runtime";
import type { CartDatabase } from "../db/database";
import type { CartSettings } from "../settings";
import { sweepGuestCarts } from "./guest-carts";

/**
 * The guest cart sweeper: every GUEST_CART_SWEEP_INTERVAL_MS it deletes the guest carts idle past their time. Runs
 * never overlap (each waits for the one before); a failed run is logged and the next interval tries again.
 */
export function startGuestCartSweeper(db: CartDatabase, settings: CartSettings, log: Logger) {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    const run = running.then(async () => {
      const swept = await sweepGuestCarts(db, settings.guestCartIdleMs);
      if (swept > 0) log.info({ swept }, "expired guest carts deleted");
      return swept;
    });
    running = run.catch((error: unknown) => log.error({ err: error }, "guest cart sweep failed; it runs again next interval"));
    return run;
  };
  const timer = setInterval(() => void sweep().catch(() => undefined), settings.guestCartSweepIntervalMs);
  timer.unref();
  return {
    /** One sweep now, after any running one; answers how many carts it deleted (tests and operators). */
    sweepOnce: (): Promise<number> => sweep(),
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
